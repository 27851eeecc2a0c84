/**
 * The subnets overview (the `subnets list` columns): price, pools, emission, the countdown to each
 * subnet's next epoch, neurons and burn. Enter opens a subnet's metagraph.
 */
import type { SubnetSummary } from '../subtensor/models.js'
import { cleanText, compactAmount, compactPrice, shortAddress } from './format.js'
import { isMineSubnet, stakedNetuids } from './mine.js'
import { byBigint, byNumber, byText, type Column } from './table.js'
import { containsQuery, parseQuery, type ViewData, type ViewSpec } from './view-spec.js'

export interface SubnetRow {
  subnet: SubnetSummary
  /** Blocks until the next epoch, when known. */
  epochIn: number | null
  mine: boolean
}

/** Blocks from `block` to the subnet's next epoch: from the read layer when it knows, else from tempo. */
export function blocksToEpoch(subnet: SubnetSummary, block: number): number | null {
  if (subnet.nextEpochBlock !== null) return Math.max(0, subnet.nextEpochBlock - block)
  if (subnet.tempo <= 0) return null
  return Math.max(0, subnet.tempo - subnet.blocksSinceLastStep)
}

const nameOf = (s: SubnetSummary): string => cleanText([s.symbol, s.name].filter((x) => x).join(' '))

export const subnetColumns: readonly Column<SubnetRow>[] = [
  {
    id: 'netuid',
    title: 'NETUID',
    short: 'ID',
    width: 4,
    align: 'right',
    priority: 1,
    compare: byNumber((r) => r.subnet.netuid),
    text: (r) => String(r.subnet.netuid),
  },
  {
    id: 'name',
    title: 'NAME',
    width: 10,
    maxWidth: 24,
    align: 'left',
    priority: 2,
    compare: byText((r) => nameOf(r.subnet)),
    text: (r) => nameOf(r.subnet) || '-',
  },
  {
    id: 'price',
    title: 'PRICE τ',
    width: 11,
    align: 'right',
    priority: 1,
    tracks: 'price',
    compare: byBigint((r) => r.subnet.price ?? -1n),
    text: (r) => compactPrice(r.subnet.price),
  },
  {
    id: 'marketCap',
    title: 'MCAP τ',
    width: 10,
    align: 'right',
    priority: 3,
    tracks: 'marketCap',
    compare: byBigint((r) => r.subnet.marketCap),
    text: (r) => compactAmount(r.subnet.marketCap),
  },
  {
    id: 'emission',
    title: 'EMIT τ/blk',
    short: 'EMIT',
    width: 11,
    align: 'right',
    priority: 3,
    tracks: 'taoEmission',
    compare: byBigint((r) => r.subnet.taoEmission),
    text: (r) => compactAmount(r.subnet.taoEmission),
  },
  {
    id: 'taoIn',
    title: 'TAO IN',
    width: 10,
    align: 'right',
    priority: 4,
    tracks: 'taoIn',
    compare: byBigint((r) => r.subnet.taoIn),
    text: (r) => compactAmount(r.subnet.taoIn),
  },
  {
    id: 'alphaIn',
    title: 'α IN',
    width: 10,
    align: 'right',
    priority: 5,
    tracks: 'alphaIn',
    compare: byBigint((r) => r.subnet.alphaIn),
    text: (r) => compactAmount(r.subnet.alphaIn),
  },
  {
    id: 'alphaOut',
    title: 'α OUT',
    width: 10,
    align: 'right',
    priority: 5,
    tracks: 'alphaOut',
    compare: byBigint((r) => r.subnet.alphaOut),
    text: (r) => compactAmount(r.subnet.alphaOut),
  },
  {
    id: 'epoch',
    title: 'EPOCH IN',
    short: 'EPOCH',
    width: 8,
    align: 'right',
    priority: 2,
    compare: byNumber((r) => r.epochIn ?? Infinity),
    text: (r) => (r.epochIn === null ? '-' : String(r.epochIn)),
  },
  {
    id: 'tempo',
    title: 'TEMPO',
    width: 5,
    align: 'right',
    priority: 6,
    compare: byNumber((r) => r.subnet.tempo),
    text: (r) => String(r.subnet.tempo),
  },
  {
    id: 'neurons',
    title: 'UIDS',
    width: 8,
    align: 'right',
    priority: 3,
    tracks: 'neurons',
    compare: byNumber((r) => r.subnet.neurons),
    text: (r) => `${r.subnet.neurons}/${r.subnet.maxNeurons}`,
  },
  {
    id: 'burn',
    title: 'BURN τ',
    width: 10,
    align: 'right',
    priority: 4,
    tracks: 'burn',
    compare: byBigint((r) => r.subnet.burn),
    text: (r) => compactAmount(r.subnet.burn),
  },
  {
    id: 'owner',
    title: 'OWNER',
    width: 10,
    maxWidth: 48,
    align: 'left',
    priority: 7,
    compare: byText((r) => r.subnet.ownerHotkey ?? ''),
    text: (r, w) => (r.subnet.ownerHotkey ? shortAddress(r.subnet.ownerHotkey, w) : '-'),
  },
]

export const subnetsTable: ViewSpec<SubnetRow> = {
  name: 'subnets',
  columns: subnetColumns,
  rows({ model, ui, mine }: ViewData): SubnetRow[] {
    const snap = model.snapshot
    if (!snap) return []
    const staked = stakedNetuids(snap.stakes)
    const q = parseQuery(ui.tables.subnets.filter)
    const out: SubnetRow[] = []
    for (const subnet of snap.subnets) {
      const row = { subnet, epochIn: blocksToEpoch(subnet, snap.block.number), mine: isMineSubnet(mine, subnet, staked) }
      if (ui.mineOnly && !row.mine) continue
      if (q.text !== '') {
        const hit =
          q.number !== null
            ? subnet.netuid === q.number
            : containsQuery(q.text, subnet.name, subnet.symbol, subnet.ownerHotkey, subnet.ownerColdkey)
        if (!hit) continue
      }
      out.push(row)
    }
    return out
  },
  key: (r) => String(r.subnet.netuid),
  marks: (r, { model }) => ({ mine: r.mine, mark: null, changes: model.subnetChanges.get(r.subnet.netuid) }),
  target: (r) => ({ netuid: r.subnet.netuid }),
  empty: ({ model, ui }) =>
    !model.snapshot
      ? 'waiting for the first block…'
      : ui.mineOnly || ui.tables.subnets.filter
        ? 'no subnet matches (esc clears the filter, m shows all)'
        : 'no subnets',
}
