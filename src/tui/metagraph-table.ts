/**
 * One subnet's metagraph (the `subnets show` columns): a row per UID with its stake, scores, emission,
 * validator permit, last update and axon. `v` keeps validators, `m` the local wallets' UIDs; enter opens
 * the UID's detail pane.
 */
import type { Neuron } from '../subtensor/models.js'
import { axonText, cleanText, compactAmount, compactPrice, shortAddress, unitValue } from './format.js'
import { isMineNeuron } from './mine.js'
import { byBigint, byNumber, byText, type Column } from './table.js'
import { containsQuery, parseQuery, type ViewData, type ViewSpec } from './view-spec.js'

export interface NeuronRow {
  neuron: Neuron
  /** The block the view shows (for "blocks since the last update"). */
  block: number
  mine: boolean
}

const unit = (id: string, title: string, pick: (n: Neuron) => number, priority: number, short?: string): Column<NeuronRow> => ({
  id,
  title,
  short,
  width: 7,
  align: 'right',
  priority,
  tracks: id,
  compare: byNumber((r) => pick(r.neuron)),
  text: (r) => unitValue(pick(r.neuron)),
})

export const metagraphColumns: readonly Column<NeuronRow>[] = [
  {
    id: 'uid',
    title: 'UID',
    width: 4,
    align: 'right',
    priority: 1,
    compare: byNumber((r) => r.neuron.uid),
    text: (r) => String(r.neuron.uid),
  },
  {
    id: 'hotkey',
    title: 'HOTKEY',
    width: 11,
    maxWidth: 48,
    align: 'left',
    priority: 1,
    compare: byText((r) => r.neuron.hotkey),
    text: (r, w) => shortAddress(r.neuron.hotkey, w),
  },
  {
    id: 'coldkey',
    title: 'COLDKEY',
    width: 11,
    maxWidth: 48,
    align: 'left',
    priority: 4,
    compare: byText((r) => r.neuron.coldkey),
    text: (r, w) => shortAddress(r.neuron.coldkey, w),
  },
  {
    id: 'stake',
    title: 'STAKE α',
    width: 10,
    align: 'right',
    priority: 1,
    tracks: 'stake',
    compare: byBigint((r) => r.neuron.alphaStake),
    text: (r) => compactAmount(r.neuron.alphaStake),
  },
  // What unstaking the UID's alpha would pay through the pool; alpha × price is no value a sale gets in a thin pool.
  {
    id: 'value',
    title: 'SWAP τ',
    width: 10,
    align: 'right',
    priority: 5,
    tracks: 'value',
    compare: byBigint((r) => r.neuron.stakeSwapValue),
    text: (r) => compactAmount(r.neuron.stakeSwapValue),
  },
  unit('rank', 'RANK', (n) => n.rank, 7),
  unit('trust', 'TRUST', (n) => n.trust, 6),
  unit('validatorTrust', 'VTRUST', (n) => n.validatorTrust, 6),
  unit('consensus', 'CONS', (n) => n.consensus, 6),
  unit('incentive', 'INCENT', (n) => n.incentive, 2),
  unit('dividends', 'DIVS', (n) => n.dividends, 2),
  {
    id: 'emission',
    title: 'EMIS α',
    width: 10,
    align: 'right',
    priority: 2,
    tracks: 'emission',
    compare: byBigint((r) => r.neuron.emission),
    text: (r) => compactAmount(r.neuron.emission),
  },
  {
    id: 'validatorPermit',
    title: 'VP',
    width: 2,
    align: 'left',
    priority: 3,
    compare: byNumber((r) => Number(r.neuron.validatorPermit)),
    text: (r) => (r.neuron.validatorPermit ? 'V' : ''),
  },
  {
    id: 'active',
    title: 'ACT',
    width: 3,
    align: 'left',
    priority: 7,
    compare: byNumber((r) => Number(r.neuron.active)),
    text: (r) => (r.neuron.active ? 'yes' : 'no'),
  },
  {
    id: 'updated',
    title: 'UPDATED',
    short: 'UPD',
    width: 8,
    align: 'right',
    priority: 5,
    tracks: 'lastUpdate',
    compare: byNumber((r) => -r.neuron.lastUpdate),
    text: (r) => String(Math.max(0, r.block - r.neuron.lastUpdate)),
  },
  {
    id: 'axon',
    title: 'AXON',
    width: 15,
    maxWidth: 21,
    align: 'left',
    priority: 8,
    compare: byText((r) => axonText(r.neuron.axon)),
    text: (r) => axonText(r.neuron.axon),
  },
]

/** The metagraph in the snapshot, when it is the subnet the view asks for. */
export function metagraphInView({ model, ui }: Pick<ViewData, 'model' | 'ui'>) {
  const m = model.snapshot?.metagraph
  return m && m.subnet.netuid === ui.netuid ? m : null
}

export const metagraphTable: ViewSpec<NeuronRow> = {
  name: 'metagraph',
  columns: metagraphColumns,
  rows(data: ViewData): NeuronRow[] {
    const m = metagraphInView(data)
    if (!m) return []
    const { ui, mine } = data
    const block = data.model.snapshot!.block.number
    const q = parseQuery(ui.tables.metagraph.filter)
    const out: NeuronRow[] = []
    for (const neuron of m.neurons) {
      const row = { neuron, block, mine: isMineNeuron(mine, neuron) }
      if (ui.validatorsOnly && !neuron.validatorPermit) continue
      if (ui.mineOnly && !row.mine) continue
      if (q.text !== '' && !(q.number !== null ? neuron.uid === q.number : containsQuery(q.text, neuron.hotkey, neuron.coldkey))) continue
      out.push(row)
    }
    return out
  },
  key: (r) => String(r.neuron.uid),
  marks: (r, { model }) => ({
    mine: r.mine,
    mark: model.marks.get(r.neuron.uid)?.kind ?? null,
    changes: model.neuronChanges.get(r.neuron.uid),
  }),
  /** The subnet's header, as `subnets show` has it: name, price, pool, UIDs, tempo, burn, owner (this block's). */
  footer(rows, { model, ui }) {
    const s = model.snapshot?.subnets.find((x) => x.netuid === ui.netuid)
    if (!s) return ''
    const name = cleanText([s.symbol, s.name].filter((x) => x).join(' '))
    return [
      `SN${s.netuid}${name ? ' ' + name : ''}`,
      `price ${compactPrice(s.price)} τ`,
      `pool ${compactAmount(s.taoIn)} τ / ${compactAmount(s.alphaIn)} α`,
      `UIDs ${s.neurons}/${s.maxNeurons}${rows.length !== s.neurons ? ` (${rows.length} shown)` : ''}`,
      `tempo ${s.tempo}`,
      `burn ${compactAmount(s.burn)} τ`,
      s.ownerColdkey ? `owner ${shortAddress(s.ownerColdkey, 12)}` : '',
    ]
      .filter(Boolean)
      .join(' · ')
  },
  empty(data) {
    const { model, ui } = data
    if (ui.netuid === null) return 'no subnet chosen: pick one in the subnets view (tab) and press enter'
    if (!metagraphInView(data))
      return model.snapshot && !model.snapshot.subnets.some((s) => s.netuid === ui.netuid)
        ? `subnet ${ui.netuid} does not exist`
        : `reading subnet ${ui.netuid}…`
    return ui.validatorsOnly || ui.mineOnly || ui.tables.metagraph.filter
      ? 'no UID matches (esc clears the filter, v/m toggle)'
      : 'no UIDs registered'
  },
}
