import type { PendingCommit } from './commit-store.js'
import type { EmitWeights } from './rules.js'

/**
 * Arguments of the SubtensorModule weight calls, named as the runtime's metadata names them (the same at spec
 * 218, 381 and HEAD for the main mechanism); the node client checks them against the metadata it is served.
 */
export const setWeightsArgs = (netuid: number, w: Pick<EmitWeights, 'uids' | 'values'>, versionKey: bigint) => ({
  netuid,
  dests: w.uids,
  weights: w.values,
  version_key: versionKey,
})

export const commitWeightsArgs = (netuid: number, commitHash: string) => ({ netuid, commit_hash: commitHash })

export const revealWeightsArgs = (netuid: number, r: Pick<PendingCommit, 'uids' | 'values' | 'salt' | 'versionKey'>) => ({
  netuid,
  uids: r.uids,
  values: r.values,
  salt: r.salt,
  version_key: BigInt(r.versionKey),
})

export const batchRevealWeightsArgs = (
  netuid: number,
  rs: ReadonlyArray<Pick<PendingCommit, 'uids' | 'values' | 'salt' | 'versionKey'>>,
) => ({
  netuid,
  uids_list: rs.map((r) => r.uids),
  values_list: rs.map((r) => r.values),
  salts_list: rs.map((r) => r.salt),
  version_keys: rs.map((r) => BigInt(r.versionKey)),
})

export const timelockedCommitArgs = (netuid: number, commit: Uint8Array, revealRound: bigint, commitRevealVersion: number) => ({
  netuid,
  commit,
  reveal_round: revealRound,
  commit_reveal_version: commitRevealVersion,
})

export const crv3CommitArgs = (netuid: number, commit: Uint8Array, revealRound: bigint) => ({ netuid, commit, reveal_round: revealRound })

/** `batch_set_weights`: per subnet its (uid, value) pairs and version key (all compact in the call). */
export const batchSetWeightsArgs = (
  legs: ReadonlyArray<{ netuid: number; uids: readonly number[]; values: readonly number[]; versionKey: bigint }>,
) => ({
  netuids: legs.map((l) => l.netuid),
  weights: legs.map((l) => l.uids.map((uid, i) => [uid, l.values[i]!] as [number, number])),
  version_keys: legs.map((l) => l.versionKey),
})

export const batchCommitWeightsArgs = (legs: ReadonlyArray<{ netuid: number; hash: string }>) => ({
  netuids: legs.map((l) => l.netuid),
  commit_hashes: legs.map((l) => l.hash),
})
