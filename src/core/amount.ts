import { badInput } from './errors.js'

/** 1 TAO = 10^9 rao. Amounts are bigint rao everywhere; strings only at the edge. */
export const RAO_PER_TAO = 1_000_000_000n
export const TAO_DECIMALS = 9

const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/

/**
 * Parse a decimal TAO amount exactly ("1", "0.5", "1.000000001", ".25") into rao.
 * Refuses what a person could mistype: signs, exponents, separators, more than 9 decimals, zero unless allowed.
 */
export function parseTao(input: string, what = 'amount', opts: { allowZero?: boolean; unit?: string } = {}): bigint {
  const text = input.trim()
  if (text.startsWith('-')) throw badInput(`${what} cannot be negative: "${input}"`, 'BAD_AMOUNT')
  const m = DECIMAL.exec(text)
  if (!m) throw badInput(`${what} must be a plain decimal number of ${opts.unit ?? 'TAO'} like 1.5, not "${input}"`, 'BAD_AMOUNT')
  const whole = m[1] ?? '0'
  const fraction = m[2] ?? m[3] ?? ''
  if (fraction.length > TAO_DECIMALS)
    throw badInput(`${what} has more than ${TAO_DECIMALS} decimals (${opts.unit === undefined ? '1 rao = 0.000000001 TAO' : `the smallest unit is 0.000000001 ${opts.unit}`}): "${input}"`, 'BAD_AMOUNT')
  const rao = BigInt(whole) * RAO_PER_TAO + BigInt(fraction.padEnd(TAO_DECIMALS, '0') || '0')
  if (rao === 0n && !opts.allowZero) throw badInput(`${what} must be more than zero`, 'BAD_AMOUNT')
  return rao
}

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
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${grouped}${fraction ? '.' + fraction : ''}`
}

/** For people: "τ1,234.5" style with thousands separators (still exact). */
export const displayTao = (rao: bigint): string => `τ${groupedAmount(rao)}`

/** The JSON form of an amount: strings, never floats. */
export interface AmountJson {
  rao: string
  tao: string
}

export const amountJson = (rao: bigint): AmountJson => ({ rao: rao.toString(), tao: formatTao(rao) })
