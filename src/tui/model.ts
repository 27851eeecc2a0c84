/**
 * The live data behind the views, built from the source's events by one pure step per event: the latest
 * snapshot, what changed since the previous block (up/down per value), UIDs that registered or were
 * replaced, and the per-UID history for sparklines.
 */
import {
  changesByKey,
  neuronChanges,
  stakeKey,
  STAKE_TRACKED,
  SUBNET_TRACKED,
  updateMarks,
  type ChangeSet,
  type Registration,
} from './changes.js'
import { emptyHistory, recordBlock, type NeuronHistory } from './history.js'
import type { Connection, Snapshot, SourceEvent } from './source.js'

export interface LiveModel {
  connection: Connection
  snapshot: Snapshot | null
  /** When the latest snapshot arrived (ms since the epoch). */
  updatedAt: number | null
  /** Why the last read failed, while it stays failed. */
  warning: string | null
  subnetChanges: ReadonlyMap<number, ChangeSet>
  /** Per UID of the metagraph in view. */
  neuronChanges: ReadonlyMap<number, ChangeSet>
  /** Per stake position (`stakeKey`). */
  stakeChanges: ReadonlyMap<string, ChangeSet>
  /** UIDs that registered or were replaced recently (in the subnet in view). */
  marks: ReadonlyMap<number, Registration>
  history: NeuronHistory
}

const NONE = new Map<never, never>()

export const initialModel = (): LiveModel => ({
  connection: { state: 'connecting' },
  snapshot: null,
  updatedAt: null,
  warning: null,
  subnetChanges: NONE,
  neuronChanges: NONE,
  stakeChanges: NONE,
  marks: NONE,
  history: emptyHistory(),
})

export function applyEvent(model: LiveModel, event: SourceEvent, now: number): LiveModel {
  switch (event.type) {
    case 'connection':
      return { ...model, connection: event.connection }
    case 'warning':
      return { ...model, warning: event.message }
    case 'snapshot':
      return applySnapshot(model, event.snapshot, now)
  }
}

/** Fold in a new snapshot; "changed" means: since the previous block's snapshot. */
export function applySnapshot(model: LiveModel, next: Snapshot, now: number): LiveModel {
  const prev = model.snapshot
  const block = next.block.number
  const newBlock = !prev || prev.block.number !== block
  const out: LiveModel = { ...model, snapshot: next, updatedAt: now, connection: { state: 'live' } }

  if (newBlock) {
    out.subnetChanges = prev ? changesByKey(prev.subnets, next.subnets, (s) => s.netuid, SUBNET_TRACKED) : NONE
    out.stakeChanges = prev ? changesByKey(prev.stakes, next.stakes, stakeKey, STAKE_TRACKED) : NONE
  }

  const before = prev?.metagraph ?? null
  const after = next.metagraph
  if (!after) {
    out.neuronChanges = NONE
    out.marks = NONE
  } else if (!before || before.subnet.netuid !== after.subnet.netuid) {
    // Another subnet: nothing to compare with yet.
    out.neuronChanges = NONE
    out.marks = NONE
  } else if (before !== after) {
    const diff = neuronChanges(before.neurons, after.neurons, block)
    out.neuronChanges = diff.changes
    out.marks = updateMarks(model.marks, diff.registrations, block)
  } else if (newBlock) {
    // Not re-read: the block could not have changed it.
    out.neuronChanges = NONE
    out.marks = updateMarks(model.marks, [], block)
  }
  if (after) out.history = recordBlock(model.history, after, block)
  return out
}
