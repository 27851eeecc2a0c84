/** `stake list` as a table, with a total. */
import type { StakePosition } from '../../subtensor/models.js'
import { displayTao, formatTao } from '../../core/amount.js'
import { table } from '../../core/output.js'

export function stakeTable(stakes: readonly StakePosition[], names: ReadonlyMap<string, string | null>): string {
  const rows = [['WALLET', 'COLDKEY', 'HOTKEY', 'NETUID', 'ALPHA', 'PRICE τ/α', 'VALUE']]
  for (const s of stakes)
    rows.push([names.get(s.coldkey) ?? '-', s.coldkey, s.hotkey, String(s.netuid), formatTao(s.alpha), s.price === null ? '-' : formatTao(s.price), displayTao(s.value)])
  rows.push(['TOTAL', '', '', '', '', '', displayTao(stakes.reduce((sum, s) => sum + s.value, 0n))])
  return table(rows)
}
