/** `stake list` as a table, with a total. */
import type { StakePosition } from '../../subtensor/models.js'
import { displayTao, groupedAmount } from '../../core/amount.js'
import { table } from '../../core/output.js'

export function stakeTable(
  holdings: { stakes: readonly StakePosition[]; total: { spotValue: bigint; swapValue: bigint } },
  names: ReadonlyMap<string, string | null>,
): string {
  const rows = [['WALLET', 'COLDKEY', 'HOTKEY', 'NETUID', 'ALPHA', 'PRICE τ/α', 'SWAP VALUE', 'SPOT VALUE']]
  for (const s of holdings.stakes)
    rows.push([
      names.get(s.coldkey) ?? '-',
      s.coldkey,
      s.hotkey,
      String(s.netuid),
      groupedAmount(s.alpha),
      s.price === null ? '-' : groupedAmount(s.price),
      displayTao(s.swapValue),
      displayTao(s.spotValue),
    ])
  rows.push(['TOTAL', '', '', '', '', '', displayTao(holdings.total.swapValue), displayTao(holdings.total.spotValue)])
  const note = holdings.stakes.length
    ? '\nswap value: what unstaking would pay now through the pool (a total sells each subnet in one trade); spot value: alpha × price, not what a sale gets'
    : ''
  return table(rows) + note
}
