import { blake2b } from '@noble/hashes/blake2.js'
import { Bytes, Tuple, u16, u64, Vector } from '@polkadot-api/substrate-bindings'
import { toHex } from '../../core/hex.js'

/**
 * Commit-reveal of weights (CR v2): the commit hash, the salt, and when the chain accepts the reveal.
 * Pure; the reveal rules are the runtime's own, applied to values read from the chain.
 */

/** What a commit hides until its reveal. */
export interface CommitPayload {
  /** The hotkey's 32-byte public key (the signer of commit and reveal). */
  publicKey: Uint8Array
  /** Storage index: the netuid for a subnet's main mechanism (mechid·4096 + netuid on newer runtimes). */
  netuidIndex: number
  uids: readonly number[]
  values: readonly number[]
  salt: readonly number[]
  versionKey: bigint
}

const preimageCodec = Tuple(Bytes(32), u16, Vector(u16), Vector(u16), Vector(u16), u64)

/** SCALE `(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)`: what the runtime hashes (`get_commit_hash`). */
export function commitPreimage(p: CommitPayload): Uint8Array {
  if (p.publicKey.length !== 32) throw new Error('a hotkey public key is 32 bytes')
  return preimageCodec.enc([p.publicKey, p.netuidIndex, [...p.uids], [...p.values], [...p.salt], p.versionKey])
}

/** blake2b-256 of the preimage, 0x hex: the `commit_hash` of `commit_weights`. */
export const commitHash = (p: CommitPayload): `0x${string}` => toHex(blake2b(commitPreimage(p), { dkLen: 32 }))

/** Salt length: 8 u16 values (128 bits; btcli uses 8 random bytes). */
export const SALT_LENGTH = 8

/** A fresh salt from the platform's CSPRNG. */
export function randomSalt(length = SALT_LENGTH): number[] {
  return Array.from(crypto.getRandomValues(new Uint16Array(length)))
}

// ---- When a reveal is accepted ----------------------------------------------------------------------------

/**
 * Spec 218 and 381 (and every runtime without `SubnetEpochIndex`): epochs come from the block number,
 * epoch(b) = ⌊(b + netuid + 1) / (tempo + 1)⌋, and a reveal is accepted only in the block range of epoch
 * epoch(commit_block) + RevealPeriodEpochs (`is_reveal_block_range`). WeightCommits holds
 * `(hash, commit_block, first_reveal_block, last_reveal_block)`; the runtime recomputes the range from
 * commit_block with the current tempo and period, so this does too.
 */
export function legacyEpoch(block: number, netuid: number, tempo: number): number {
  return Math.floor((block + netuid + 1) / (tempo + 1))
}

export interface RevealWindow {
  /** First and last block (inclusive) in which a reveal is accepted. */
  firstBlock: number
  lastBlock: number
}

export function legacyRevealWindow(commitBlock: number, netuid: number, tempo: number, revealPeriod: number): RevealWindow {
  const revealEpoch = legacyEpoch(commitBlock, netuid, tempo) + revealPeriod
  const firstBlock = Math.max(0, revealEpoch * (tempo + 1) - (netuid + 1))
  return { firstBlock, lastBlock: firstBlock + tempo }
}

export type RevealTiming =
  | { state: 'open' }
  /** Not yet: the window opens at `opensAt` (a block number when known). */
  | { state: 'early'; opensAt: number | null; epochsToGo?: number }
  /** Past the window: the chain will drop the commit; it can never be revealed. */
  | { state: 'expired' }

/** A legacy-runtime commit seen from the block a transaction sent now lands in (`nextBlock` = best + 1). */
export function legacyRevealTiming(window: RevealWindow, nextBlock: number): RevealTiming {
  if (nextBlock < window.firstBlock) return { state: 'early', opensAt: window.firstBlock }
  if (nextBlock > window.lastBlock) return { state: 'expired' }
  return { state: 'open' }
}

/**
 * Newer runtimes (with `SubnetEpochIndex`): WeightCommits holds `(hash, commit_epoch, commit_block, 0)` and a
 * reveal is accepted while the subnet's epoch counter (with its one-block look-ahead) equals
 * commit_epoch + RevealPeriodEpochs. The counter moves when the subnet's epoch runs, which the owner can
 * reschedule, so the opening block is only known for the next epoch (`nextEpochBlock`, from the runtime's
 * `get_next_epoch_start_block` where it has one).
 */
export function epochRevealTiming(
  commitEpoch: bigint,
  revealPeriod: bigint,
  currentEpoch: bigint,
  nextEpochBlock: number | null,
): RevealTiming {
  const revealEpoch = commitEpoch + revealPeriod
  if (currentEpoch === revealEpoch) return { state: 'open' }
  if (currentEpoch > revealEpoch) return { state: 'expired' }
  const epochsToGo = Number(revealEpoch - currentEpoch)
  return { state: 'early', opensAt: epochsToGo === 1 ? nextEpochBlock : null, epochsToGo }
}
