/**
 * "My stake" (the `stake list` of the local wallets): every position of their coldkeys, the alpha, the
 * subnet's price, what unstaking would pay (swap) and alpha × price (spot), with the totals. Enter opens the
 * subnet's metagraph on that hotkey.
 */
import type { StakePosition } from '../subtensor/models.js'
import { compactAmount, compactPrice, shortAddress } from './format.js'
import { stakeKey } from './changes.js'
import { byBigint, byNumber, byText, type Column } from './table.js'
import { containsQuery, parseQuery, type ViewData, type ViewSpec } from './view-spec.js'
import { displayTao } from '../core/amount.js'
import { alphaToTao } from '../subtensor/stake/pool.js'
import type { SubnetSummary } from '../subtensor/models.js'

/**
 * The rows' value together: spot summed; swap as one sale per subnet through its pool (the subnets' reserves at
 * the same block), where the pool is known, else the positions' own swap values summed. Pure.
 */
export function totalValue(stakes: readonly StakePosition[], subnets: readonly SubnetSummary[]): { swap: bigint; spot: bigint } {
  const pools = new Map(subnets.map((s) => [s.netuid, s]))
  const bySubnet = new Map<number, StakePosition[]>()
  for (const s of stakes) bySubnet.set(s.netuid, [...(bySubnet.get(s.netuid) ?? []), s])
  let swap = 0n
  for (const [netuid, group] of bySubnet) {
    const pool = pools.get(netuid)
    const alpha = group.reduce((sum, s) => sum + s.alpha, 0n)
    const perPosition = group.reduce((sum, s) => sum + s.swapValue, 0n)
    if (group.length === 1 || !pool || netuid === 0) swap += netuid === 0 ? alpha : perPosition
    else swap += alphaToTao({ taoIn: pool.taoIn, alphaIn: pool.alphaIn, dynamic: true }, alpha).tao
  }
  return { swap, spot: stakes.reduce((sum, s) => sum + s.spotValue, 0n) }
}

export interface StakeRow {
  stake: StakePosition
  /** The local wallet of the coldkey, or of the hotkey ("wallet/hotkey"). */
  wallet: string | null
  hotkeyName: string | null
  price: bigint | null
  mine: boolean
}

export const stakeColumns: readonly Column<StakeRow>[] = [
  {
    id: 'wallet',
    title: 'WALLET',
    width: 8,
    maxWidth: 16,
    align: 'left',
    priority: 2,
    compare: byText((r) => r.wallet ?? ''),
    text: (r) => r.wallet ?? '-',
  },
  {
    id: 'coldkey',
    title: 'COLDKEY',
    width: 11,
    maxWidth: 48,
    align: 'left',
    priority: 5,
    compare: byText((r) => r.stake.coldkey),
    text: (r, w) => shortAddress(r.stake.coldkey, w),
  },
  {
    id: 'hotkey',
    title: 'HOTKEY',
    width: 11,
    maxWidth: 48,
    align: 'left',
    priority: 1,
    compare: byText((r) => r.stake.hotkey),
    text: (r, w) => (r.hotkeyName && r.hotkeyName.length <= w ? r.hotkeyName : shortAddress(r.stake.hotkey, w)),
  },
  {
    id: 'netuid',
    title: 'NETUID',
    short: 'NET',
    width: 6,
    align: 'right',
    priority: 1,
    compare: byNumber((r) => r.stake.netuid),
    text: (r) => String(r.stake.netuid),
  },
  {
    id: 'alpha',
    title: 'ALPHA',
    width: 11,
    align: 'right',
    priority: 1,
    tracks: 'alpha',
    compare: byBigint((r) => r.stake.alpha),
    text: (r) => compactAmount(r.stake.alpha),
  },
  {
    id: 'price',
    title: 'PRICE τ',
    width: 11,
    align: 'right',
    priority: 3,
    compare: byBigint((r) => r.price ?? -1n),
    text: (r) => compactPrice(r.price),
  },
  // What unstaking the position would pay now through the pool; the spot value (alpha × price) is labelled as such.
  {
    id: 'value',
    title: 'SWAP τ',
    width: 11,
    align: 'right',
    priority: 1,
    tracks: 'value',
    compare: byBigint((r) => r.stake.swapValue),
    text: (r) => compactAmount(r.stake.swapValue),
  },
  {
    id: 'spotValue',
    title: 'SPOT τ',
    width: 11,
    align: 'right',
    priority: 4,
    tracks: 'spotValue',
    compare: byBigint((r) => r.stake.spotValue),
    text: (r) => compactAmount(r.stake.spotValue),
  },
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
      if (
        q.text !== '' &&
        !(q.number !== null ? stake.netuid === q.number : containsQuery(q.text, stake.hotkey, stake.coldkey, row.wallet, row.hotkeyName))
      )
        continue
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
  footer(rows, { model }) {
    const { swap, spot } = totalValue(
      rows.map((r) => r.stake),
      model.snapshot?.subnets ?? [],
    )
    return `${rows.length} position${rows.length === 1 ? '' : 's'} · unstaking all pays ${displayTao(swap)} (spot ${displayTao(spot)})`
  },
}
