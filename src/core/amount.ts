import { groupThousands } from './numbers.js'

/** 1 TAO = 10^9 rao. Amounts are bigint rao everywhere; strings only at the edge. */
export const RAO_PER_TAO = 1_000_000_000n
export const TAO_DECIMALS = 9

/** Exact decimal TAO for rao, without trailing zeros: 1500000000n → "1.5", 1n → "0.000000001". */
export function formatTao(rao: bigint): string {
  const sign = rao < 0n ? '-' : ''
  const abs = rao < 0n ? -rao : rao
  const whole = abs / RAO_PER_TAO
  const fraction = (abs % RAO_PER_TAO).toString().padStart(TAO_DECIMALS, '0').replace(/0+$/, '')
  return sign + whole.toString() + (fraction ? '.' + fraction : '')
}

/** For people: "1,234.5", an amount (or a price) with thousands separators, still exact. */
export function groupedAmount(rao: bigint): string {
  const [whole, fraction] = formatTao(rao).split('.')
  return `${groupThousands(whole ?? '0')}${fraction ? '.' + fraction : ''}`
}

/** For people: "τ1,234.5" style with thousands separators (still exact). */
export const displayTao = (rao: bigint): string => `τ${groupedAmount(rao)}`

/** For tables: an amount (9 decimals) with thousands separators, cut (not rounded) to `decimals` places: 1234.56789 → "1,234.5678". */
export function shortAmount(rao: bigint, decimals = 4): string {
  const [whole, fraction = ''] = formatTao(rao).split('.')
  const cut = fraction.slice(0, decimals).replace(/0+$/, '')
  return cut ? `${groupThousands(whole ?? '0')}.${cut}` : groupThousands(whole ?? '0')
}

export const shortTao = (rao: bigint, decimals = 4): string => `τ${shortAmount(rao, decimals)}`

/**
 * A price (TAO per alpha, with 9 decimals like an amount: PRICE_SCALE = 10^9) as the exact decimal string
 * --json gives ("0.5", "1"), or null where there is no price (an empty pool).
 */
export const priceText = (price: bigint | null): string | null => (price === null ? null : formatTao(price))

/** The JSON form of an amount: strings, never floats. */
export interface AmountJson {
  rao: string
  tao: string
}

export const amountJson = (rao: bigint): AmountJson => ({ rao: rao.toString(), tao: formatTao(rao) })
