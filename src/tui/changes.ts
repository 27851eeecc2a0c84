/**
 * What changed since the previous block: each tracked value up or down, and the UIDs that registered or
 * were replaced (another hotkey on the same UID). Pure functions over the read layer's plain data.
 */
import type { Neuron, StakePosition, SubnetSummary } from '../subtensor/models.js'
import type { Direction } from './table.js'

/** The values of one row that went up or down, by name. */
export type ChangeSet = Readonly<Record<string, Direction>>

type Pickers<T> = Readonly<Record<string, (row: T) => number | bigint | null>>

export const NEURON_TRACKED: Pickers<Neuron> = {
  stake: (n) => n.alphaStake,
  value: (n) => n.stakeSwapValue,
  totalStake: (n) => n.totalStake,
  rank: (n) => n.rank,
  trust: (n) => n.trust,
  validatorTrust: (n) => n.validatorTrust,
  consensus: (n) => n.consensus,
  incentive: (n) => n.incentive,
  dividends: (n) => n.dividends,
  emission: (n) => n.emission,
  lastUpdate: (n) => n.lastUpdate,
}

export const SUBNET_TRACKED: Pickers<SubnetSummary> = {
  price: (s) => s.price,
  marketCap: (s) => s.marketCap,
  taoEmission: (s) => s.taoEmission,
  taoIn: (s) => s.taoIn,
  alphaIn: (s) => s.alphaIn,
  alphaOut: (s) => s.alphaOut,
  neurons: (s) => s.neurons,
  burn: (s) => s.burn,
}

export const STAKE_TRACKED: Pickers<StakePosition> = {
  alpha: (s) => s.alpha,
  value: (s) => s.swapValue,
  spotValue: (s) => s.spotValue,
}

/** Which tracked values differ between two versions of a row; undefined when none did. */
export function rowChanges<T>(before: T, after: T, pickers: Pickers<T>): ChangeSet | undefined {
  let out: Record<string, Direction> | undefined
  for (const name in pickers) {
    const a = pickers[name]!(before)
    const b = pickers[name]!(after)
    if (a === null || b === null || a === b) continue
    ;(out ??= {})[name] = b > a ? 'up' : 'down'
  }
  return out
}

/** Changes of every row present in both lists, matched by key. */
export function changesByKey<T, K>(before: readonly T[], after: readonly T[], key: (row: T) => K, pickers: Pickers<T>): Map<K, ChangeSet> {
  const previous = new Map<K, T>()
  for (const row of before) previous.set(key(row), row)
  const out = new Map<K, ChangeSet>()
  for (const row of after) {
    const old = previous.get(key(row))
    if (!old) continue
    const changed = rowChanges(old, row, pickers)
    if (changed) out.set(key(row), changed)
  }
  return out
}

export const stakeKey = (s: StakePosition): string => `${s.coldkey}/${s.hotkey}/${s.netuid}`

/** A UID that registered (it did not exist) or was replaced (another hotkey holds it now). */
export interface Registration {
  uid: number
  kind: 'new' | 'replaced'
  hotkey: string
  /** The hotkey that held the UID before, for a replacement. */
  previousHotkey?: string
  /** The block at which it was seen. */
  block: number
}

/**
 * Compare two metagraphs of the same subnet: per-UID value changes (not for replaced UIDs: another
 * neuron's values are no change) and the registrations between them.
 */
export function neuronChanges(
  before: readonly Neuron[],
  after: readonly Neuron[],
  block: number,
): { changes: Map<number, ChangeSet>; registrations: Registration[] } {
  const previous = new Map<number, Neuron>()
  for (const n of before) previous.set(n.uid, n)
  const changes = new Map<number, ChangeSet>()
  const registrations: Registration[] = []
  for (const n of after) {
    const old = previous.get(n.uid)
    if (!old) {
      registrations.push({ uid: n.uid, kind: 'new', hotkey: n.hotkey, block })
      continue
    }
    if (old.hotkey !== n.hotkey) {
      registrations.push({ uid: n.uid, kind: 'replaced', hotkey: n.hotkey, previousHotkey: old.hotkey, block })
      continue
    }
    const changed = rowChanges(old, n, NEURON_TRACKED)
    if (changed) changes.set(n.uid, changed)
  }
  return { changes, registrations }
}

/** How long (in blocks) a UID stays marked after it registered or was replaced. */
export const MARK_BLOCKS = 360

/**
 * The marks to show at `block`: earlier marks younger than MARK_BLOCKS, overwritten by new
 * registrations of the same UID. At most one mark per UID, so the map stays as small as the subnet.
 */
export function updateMarks(
  marks: ReadonlyMap<number, Registration>,
  registrations: readonly Registration[],
  block: number,
): Map<number, Registration> {
  const out = new Map<number, Registration>()
  for (const [uid, mark] of marks) if (block - mark.block < MARK_BLOCKS) out.set(uid, mark)
  for (const r of registrations) out.set(r.uid, r)
  return out
}
