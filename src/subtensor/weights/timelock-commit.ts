import { encryptWeights, revealRound, roundAt } from './timelock-payload.js'
import type { EmitWeights } from './rules.js'
import { badInput } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { publicKeyOf } from '../../node/signer.js'
import { timelockedCommitArgs } from './calls.js'
import { nextEpochBlock } from './reveal-window.js'
import type { SubnetWeightsState } from './subnet-state.js'

/** finney's block time; used when the runtime does not say (no AuraApi.slot_duration). */
const DEFAULT_BLOCK_MS = 12_000

export interface TimelockPlan {
  args: ReturnType<typeof timelockedCommitArgs>
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
    args: timelockedCommitArgs(state.netuid, commit, round, state.commitRevealVersion),
    round,
    firstRevealBlock,
    blockMs,
  }
}

async function slotMs(chain: Chain): Promise<number> {
  if (!chain.metadata.runtimeApi('AuraApi', 'slot_duration')) return DEFAULT_BLOCK_MS
  const ms = Number(await chain.runtimeApi('AuraApi', 'slot_duration'))
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BLOCK_MS
}
