import { crv3RevealRound, encryptWeights, revealRound, roundAt } from './timelock-payload.js'
import type { EmitWeights } from './rules.js'
import { badInput } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { publicKeyOf } from '../../node/signer.js'
import { crv3CommitArgs, timelockedCommitArgs } from './calls.js'
import { nextEpochBlock } from './reveal-window.js'
import type { SubnetWeightsState } from './subnet-state.js'

/** finney's block time; used when the runtime does not say (no AuraApi.slot_duration). */
const DEFAULT_BLOCK_MS = 12_000

/** The runtime's call for a timelocked commit: the current one, or the first one (spec 300 and its time). */
export type TimelockCall = 'commit_timelocked_weights' | 'commit_crv3_weights'

/** Which timelocked-commit call this runtime has (the newer one first), or null. */
export const timelockCallOf = (chain: Pick<Chain, 'hasCall'>): TimelockCall | null =>
  chain.hasCall('SubtensorModule', 'commit_timelocked_weights')
    ? 'commit_timelocked_weights'
    : chain.hasCall('SubtensorModule', 'commit_crv3_weights')
      ? 'commit_crv3_weights'
      : null

export interface TimelockPlan {
  call: TimelockCall
  args: ReturnType<typeof timelockedCommitArgs> | ReturnType<typeof crv3CommitArgs>
  /** The payload's layout: with the signer's hotkey, or the legacy one the first CRV3 runtimes decode. */
  payload: 'hotkey' | 'legacy'
  round: bigint
  /** The block the reveal epoch is expected to start at (the round is aimed 3 blocks after it). */
  firstRevealBlock: number
  blockMs: number
}

/**
 * `commit_timelocked_weights` arguments: the weights (with the signer's hotkey, which the chain checks)
 * encrypted to the drand round due 3 blocks into the reveal epoch, and the commit-reveal version the chain asks.
 */
export async function planTimelockCommit(
  chain: Chain,
  state: SubnetWeightsState,
  signer: string,
  emit: EmitWeights,
  versionKey: bigint,
): Promise<TimelockPlan> {
  if (timelockCallOf(chain) === 'commit_crv3_weights') return planCrv3Commit(chain, state, signer, emit, versionKey)
  if (state.commitRevealVersion === null)
    throw badInput(
      `this runtime ${chain.metadata.where} has no CommitRevealWeightsVersion: cannot make a timelocked commit`,
      'CALL_NOT_IN_RUNTIME',
    )
  const [blockMs, nextEpoch] = await Promise.all([slotMs(chain), state.epochIndex === null ? null : nextEpochBlock(chain, state.netuid)])
  const nextBlock = state.block + 1
  const period = Number(state.revealPeriod ?? 1n)
  const input = {
    block: nextBlock,
    netuid: state.netuid,
    tempo: state.tempo,
    revealPeriod: period,
    blockTimeSeconds: blockMs / 1000,
    nowSeconds: Date.now() / 1000,
  }
  let { round, firstRevealBlock } = revealRound(input)
  if (nextEpoch !== null) {
    // Epoch-counter runtimes: the commit belongs to the epoch running at the next block; its reveal epoch
    // starts `period` epoch starts later, the first of which the runtime announces.
    const epochsAfterNext = nextBlock === nextEpoch ? period : period - 1
    firstRevealBlock = nextEpoch + epochsAfterNext * (state.tempo + 1)
    round = roundAt(input.nowSeconds + Math.max(0, firstRevealBlock + 3 - nextBlock) * input.blockTimeSeconds)
  }
  let commit: Uint8Array
  try {
    commit = encryptWeights({ hotkey: publicKeyOf(signer), uids: emit.uids, values: emit.values, versionKey }, round)
  } catch (err) {
    throw badInput((err as Error).message, 'COMMIT_TOO_LARGE')
  }
  return {
    call: 'commit_timelocked_weights',
    payload: 'hotkey',
    args: timelockedCommitArgs(state.netuid, commit, round, state.commitRevealVersion),
    round,
    firstRevealBlock,
    blockMs,
  }
}

/**
 * `commit_crv3_weights` (runtimes before `commit_timelocked_weights`, spec 300 among them): the chain reveals
 * the commits stored for an epoch when epoch + reveal period starts, with the Drand pallet's pulse of the
 * commit's round, so the round is picked as the SDK of those runtimes picked it (24 rounds before that epoch).
 * The payload has the hotkey only where the runtime keeps `CRV3WeightCommitsV2` (those decode it, and the
 * legacy one too); the first ones, with `CRV3WeightCommits` alone, decode only the legacy payload.
 */
async function planCrv3Commit(
  chain: Chain,
  state: SubnetWeightsState,
  signer: string,
  emit: EmitWeights,
  versionKey: bigint,
): Promise<TimelockPlan> {
  const blockMs = await slotMs(chain)
  const { round, firstRevealBlock } = crv3RevealRound({
    block: state.block + 1,
    netuid: state.netuid,
    tempo: state.tempo,
    revealPeriod: Number(state.revealPeriod ?? 1n),
    blockTimeSeconds: blockMs / 1000,
    nowSeconds: Date.now() / 1000,
  })
  const payload = chain.metadata.storage('SubtensorModule', 'CRV3WeightCommitsV2') !== undefined ? 'hotkey' : 'legacy'
  let commit: Uint8Array
  try {
    commit = encryptWeights({ hotkey: publicKeyOf(signer), uids: emit.uids, values: emit.values, versionKey }, round, payload)
  } catch (err) {
    throw badInput((err as Error).message, 'COMMIT_TOO_LARGE')
  }
  return { call: 'commit_crv3_weights', payload, args: crv3CommitArgs(state.netuid, commit, round), round, firstRevealBlock, blockMs }
}

async function slotMs(chain: Chain): Promise<number> {
  if (!chain.metadata.runtimeApi('AuraApi', 'slot_duration')) return DEFAULT_BLOCK_MS
  const ms = Number(await chain.runtimeApi('AuraApi', 'slot_duration'))
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BLOCK_MS
}
