import { epochRevealTiming, legacyEpoch, legacyRevealTiming, legacyRevealWindow, type RevealTiming } from './commit-reveal.js'
import type { Chain } from '../../node/index.js'
import type { ChainCommit, SubnetWeightsState } from './subnet-state.js'

/**
 * When the chain accepts the reveal of a stored commit, for a transaction sent now (it lands in best + 1), by
 * the rule of the runtime at hand: block-formula epochs (spec 218, 381) or the epoch counter (newer).
 */
export interface CommitTiming {
  timing: RevealTiming
  /** The window as blocks, when they can be known; the epoch the reveal belongs to on epoch-counter runtimes. */
  window: { firstBlock: number | null; lastBlock: number | null; epoch: number | null }
}

/** The block of the subnet's next epoch, from the runtime API where it has one (newer runtimes). */
export async function nextEpochBlock(chain: Chain, netuid: number): Promise<number | null> {
  if (!chain.metadata.runtimeApi('SubnetInfoRuntimeApi', 'get_next_epoch_start_block')) return null
  const next = (await chain.runtimeApi('SubnetInfoRuntimeApi', 'get_next_epoch_start_block', netuid)) as bigint | undefined
  return next === undefined ? null : Number(next)
}

export function commitTiming(state: SubnetWeightsState, commit: ChainCommit, nextEpoch: number | null): CommitTiming {
  const nextBlock = state.block + 1
  const period = state.revealPeriod ?? 1n
  if (state.epochIndex === null) {
    const commitBlock = Number(commit.fields[0])
    const window = legacyRevealWindow(commitBlock, state.netuid, state.tempo, Number(period))
    // The runtime's own epoch index (get_epoch_index) of the reveal: the commit's epoch + the reveal period.
    const epoch = legacyEpoch(commitBlock, state.netuid, state.tempo) + Number(period)
    return { timing: legacyRevealTiming(window, nextBlock), window: { ...window, epoch } }
  }
  // The counter moves on the epoch's own block, and a transaction in that block already belongs to the new epoch.
  const current = state.epochIndex + (nextEpoch !== null && nextEpoch === nextBlock ? 1n : 0n)
  const timing = epochRevealTiming(commit.fields[0], period, current, nextEpoch)
  const first = timing.state === 'early' ? timing.opensAt : null
  return { timing, window: { firstBlock: first, lastBlock: null, epoch: Number(commit.fields[0] + period) } }
}
