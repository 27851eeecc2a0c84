import type { TxEvent } from '../../node/index.js'

/**
 * The outcome of each subnet of a `batch_set_weights` / `batch_commit_weights`, read from the transaction's
 * own events. The runtime runs every leg, in order, and lets each succeed or fail on its own: a leg that
 * worked leaves its usual event (`WeightsSet(netuid, uid)`, `WeightsCommitted(hotkey, netuid, hash)`), a leg
 * that failed leaves `BatchWeightItemFailed(error)`, which does not name its subnet. The failures come in the
 * order of the legs, so the n-th failure belongs to the n-th leg without its success event.
 */
export interface LegOutcome {
  netuid: number
  ok: boolean
  /** The failed leg's dispatch error, as the caller describes it (e.g. `SubtensorModule.CommitRevealEnabled`). */
  error: string | null
}

const fieldsOf = (e: TxEvent): unknown[] =>
  Array.isArray(e.data) ? e.data : e.data !== null && typeof e.data === 'object' ? Object.values(e.data as object) : [e.data]

export function batchLegOutcomes(
  netuids: readonly number[],
  kind: 'set' | 'commit',
  events: readonly TxEvent[],
  describeError: (error: unknown) => string,
): LegOutcome[] {
  const ours = events.filter((e) => e.pallet === 'SubtensorModule')
  const successName = kind === 'set' ? 'WeightsSet' : 'WeightsCommitted'
  const netuidAt = kind === 'set' ? 0 : 1
  const succeeded = ours.filter((e) => e.name === successName).map((e) => Number(fieldsOf(e)[netuidAt]))
  // The error is the event's one field; a decoder may hand it over bare or in a one-item tuple.
  const failures = ours
    .filter((e) => e.name === 'BatchWeightItemFailed')
    .map((e) => (Array.isArray(e.data) && e.data.length === 1 ? e.data[0] : e.data))
  return netuids.map((netuid) => {
    const at = succeeded.indexOf(netuid)
    if (at >= 0) {
      succeeded.splice(at, 1)
      return { netuid, ok: true, error: null }
    }
    const failure = failures.shift()
    return { netuid, ok: false, error: failure === undefined ? 'no event for this subnet' : describeError(failure) }
  })
}
