/**
 * Per-UID values over the blocks seen this session, for the detail pane's sparklines. Bounded: a fixed
 * ring of HISTORY_POINTS numbers per series and UID, allocated once, so memory stays flat however long
 * `tao watch` runs. Only the subnet in view is kept; another subnet starts a new history.
 */
import type { Metagraph, Neuron } from '../subtensor/models.js'

export const HISTORY_POINTS = 240

export const SERIES = ['stake', 'incentive', 'dividends', 'emission'] as const
export type SeriesName = (typeof SERIES)[number]

/** A fixed-size ring of numbers; the oldest value goes when it is full. */
export class Ring {
  private readonly data: Float64Array
  private start = 0
  length = 0

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity)
  }

  push(value: number): void {
    if (this.length < this.capacity) {
      this.data[(this.start + this.length) % this.capacity] = value
      this.length++
    } else {
      this.data[this.start] = value
      this.start = (this.start + 1) % this.capacity
    }
  }

  /** The newest `count` values (all by default), oldest first. */
  last(count = this.length): number[] {
    const n = Math.min(count, this.length)
    const out = new Array<number>(n)
    for (let i = 0; i < n; i++) out[i] = this.data[(this.start + this.length - n + i) % this.capacity]!
    return out
  }

  latest(): number | undefined {
    return this.length === 0 ? undefined : this.data[(this.start + this.length - 1) % this.capacity]
  }
}

export interface UidHistory {
  hotkey: string
  series: Record<SeriesName, Ring>
}

export interface NeuronHistory {
  netuid: number | null
  /** The last block recorded (a block is recorded once). */
  block: number
  readonly byUid: Map<number, UidHistory>
}

export const emptyHistory = (): NeuronHistory => ({ netuid: null, block: -1, byUid: new Map() })

const pick: Record<SeriesName, (n: Neuron) => number> = {
  stake: (n) => Number(n.alphaStake) / 1e9,
  incentive: (n) => n.incentive,
  dividends: (n) => n.dividends,
  emission: (n) => Number(n.emission) / 1e9,
}

/**
 * Add one point per UID for `block` (the metagraph as it stands at that block). A different subnet, a UID
 * that left, or a UID now held by another hotkey starts afresh. Returns the history (the same rings,
 * updated in place, so nothing is reallocated per block).
 */
export function recordBlock(history: NeuronHistory, metagraph: Metagraph, block: number, capacity = HISTORY_POINTS): NeuronHistory {
  const netuid = metagraph.subnet.netuid
  const byUid = history.netuid === netuid ? history.byUid : new Map<number, UidHistory>()
  if (history.netuid === netuid && block <= history.block) return history
  const present = new Set<number>()
  for (const n of metagraph.neurons) {
    present.add(n.uid)
    let h = byUid.get(n.uid)
    if (!h || h.hotkey !== n.hotkey) {
      h = {
        hotkey: n.hotkey,
        series: { stake: new Ring(capacity), incentive: new Ring(capacity), dividends: new Ring(capacity), emission: new Ring(capacity) },
      }
      byUid.set(n.uid, h)
    }
    for (const name of SERIES) h.series[name].push(pick[name](n))
  }
  for (const uid of byUid.keys()) if (!present.has(uid)) byUid.delete(uid)
  return { netuid, block, byUid }
}
