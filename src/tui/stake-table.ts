/**
 * "My stake" (the `stake list` of the local wallets): every position of their coldkeys, the alpha, the
 * subnet's price and the TAO value, with the total. Enter opens the subnet's metagraph on that hotkey.
 */
import type { StakePosition } from '../subtensor/models.js'
import { compactAmount, compactPrice, shortAddress } from './format.js'
import { stakeKey } from './changes.js'
import { byBigint, byNumber, byText, type Column } from './table.js'
import { containsQuery, parseQuery, type ViewData, type ViewSpec } from './view-spec.js'
import { displayTao } from '../core/amount.js'

export interface StakeRow {
  stake: StakePosition
  /** The local wallet of the coldkey, or of the hotkey ("wallet/hotkey"). */
  wallet: string | null
  hotkeyName: string | null
  price: bigint | null
  mine: boolean
}

export const stakeColumns: readonly Column<StakeRow>[] = [
  { id: 'wallet', title: 'WALLET', width: 8, maxWidth: 16, align: 'left', priority: 2, compare: byText((r) => r.wallet ?? ''), text: (r) => r.wallet ?? '-' },
  { id: 'coldkey', title: 'COLDKEY', width: 11, maxWidth: 48, align: 'left', priority: 5, compare: byText((r) => r.stake.coldkey), text: (r, w) => shortAddress(r.stake.coldkey, w) },
  { id: 'hotkey', title: 'HOTKEY', width: 11, maxWidth: 48, align: 'left', priority: 1, compare: byText((r) => r.stake.hotkey), text: (r, w) => (r.hotkeyName && r.hotkeyName.length <= w ? r.hotkeyName : shortAddress(r.stake.hotkey, w)) },
  { id: 'netuid', title: 'NETUID', short: 'NET', width: 6, align: 'right', priority: 1, compare: byNumber((r) => r.stake.netuid), text: (r) => String(r.stake.netuid) },
  { id: 'alpha', title: 'ALPHA', width: 11, align: 'right', priority: 1, tracks: 'alpha', compare: byBigint((r) => r.stake.alpha), text: (r) => compactAmount(r.stake.alpha) },
  { id: 'price', title: 'PRICE τ', width: 11, align: 'right', priority: 3, compare: byBigint((r) => r.price ?? -1n), text: (r) => compactPrice(r.price) },
  { id: 'value', title: 'VALUE τ', width: 11, align: 'right', priority: 1, tracks: 'value', compare: byBigint((r) => r.stake.value), text: (r) => compactAmount(r.stake.value) },
]

export const stakeTable: ViewSpec<StakeRow> = {
  name: 'stake',
  columns: stakeColumns,
  rows({ model, ui, mine }: ViewData): StakeRow[] {
    const snap = model.snapshot
    if (!snap) return []
    const prices = new Map(snap.subnets.map((s) => [s.netuid, s.price]))
    const q = parseQuery(ui.tables.stake.filter)
    const out: StakeRow[] = []
    for (const stake of snap.stakes) {
      const row: StakeRow = {
        stake,
        wallet: mine.names.get(stake.coldkey) ?? null,
        hotkeyName: mine.names.get(stake.hotkey) ?? null,
        // The price the read layer valued the stake at, else the subnet's.
        price: stake.price ?? prices.get(stake.netuid) ?? null,
        mine: mine.hotkeys.has(stake.hotkey),
      }
      if (ui.mineOnly && !row.mine) continue
      if (q.text !== '' && !(q.number !== null ? stake.netuid === q.number : containsQuery(q.text, stake.hotkey, stake.coldkey, row.wallet, row.hotkeyName))) continue
      out.push(row)
    }
    return out
  },
  key: (r) => stakeKey(r.stake),
  marks: (r, { model }) => ({ mine: r.mine, mark: null, changes: model.stakeChanges.get(stakeKey(r.stake)) }),
  target(r, { model }) {
    const m = model.snapshot?.metagraph
    const uid = m && m.subnet.netuid === r.stake.netuid ? m.neurons.find((n) => n.hotkey === r.stake.hotkey)?.uid : undefined
    return { netuid: r.stake.netuid, key: uid === undefined ? undefined : String(uid) }
  },
  empty: ({ model, mine, ui }) =>
    !model.snapshot
      ? 'waiting for the first block…'
      : mine.coldkeys.size === 0
        ? 'no local wallets (wallet path): nothing to show'
        : ui.mineOnly || ui.tables.stake.filter
          ? 'no position matches (esc clears the filter, m shows all)'
          : 'the local wallets have no stake',
  footer(rows) {
    const total = rows.reduce((sum, r) => sum + r.stake.value, 0n)
    return `${rows.length} position${rows.length === 1 ? '' : 's'} · total value ${displayTao(total)}`
  },
}
