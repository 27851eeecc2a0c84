/** Compact human forms of chain figures for tables (exact values are in --json). */
import { formatTao } from './amount.js'

/** An amount (9 decimals) with thousands separators, cut (not rounded) to `decimals` places: 1234.56789 → "1,234.5678". */
export function shortAmount(rao: bigint, decimals = 4): string {
  const [whole, fraction = ''] = formatTao(rao).split('.')
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cut = fraction.slice(0, decimals).replace(/0+$/, '')
  return cut ? `${grouped}.${cut}` : grouped
}

export const shortTao = (rao: bigint, decimals = 4): string => `τ${shortAmount(rao, decimals)}`

/** A [0, 1] figure with 4 decimals. */
export const fraction = (x: number): string => x.toFixed(4)

/** The first characters of an address, enough to tell keys apart in a table. */
export const shortKey = (ss58: string | null, length = 8): string => (ss58 === null ? '-' : ss58.length > length ? `${ss58.slice(0, length)}…` : ss58)
