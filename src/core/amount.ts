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

/** For people: "τ1,234.5" style with thousands separators (still exact). */
export function displayTao(rao: bigint): string {
  const [whole, fraction] = formatTao(rao).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `τ${grouped}${fraction ? '.' + fraction : ''}`
}

/** The JSON form of an amount: strings, never floats. */
export interface AmountJson {
  rao: string
  tao: string
}

export const amountJson = (rao: bigint): AmountJson => ({ rao: rao.toString(), tao: formatTao(rao) })
