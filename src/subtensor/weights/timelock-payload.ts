import { Bytes, Struct, u16, u64, Vector } from '@polkadot-api/substrate-bindings'
import { legacyEpoch } from './commit-reveal.js'
import { QUICKNET, timelockEncrypt } from './timelock.js'

/**
 * Timelocked weight commits (`commit_timelocked_weights`, CR v3/v4): the weights, encrypted to the drand round
 * the chain will have when the reveal epoch starts; the chain decrypts and applies them by itself.
 */

/** What the chain decrypts: `WeightsTlockPayload { hotkey: Vec<u8>, uids, values: Vec<u16>, version_key: u64 }`. */
export const tlockPayloadCodec = Struct({ hotkey: Bytes(), uids: Vector(u16), values: Vector(u16), version_key: u64 })

export interface TimelockWeights {
  /** The signing hotkey's 32-byte public key (the chain drops a payload naming another hotkey). */
  hotkey: Uint8Array
  uids: readonly number[]
  values: readonly number[]
  versionKey: bigint
}

export const encodeTlockPayload = (w: TimelockWeights): Uint8Array =>
  tlockPayloadCodec.enc({ hotkey: w.hotkey, uids: [...w.uids], values: [...w.values], version_key: w.versionKey })

/**
 * The payload before the hotkey was added: `{ uids, values: Vec<u16>, version_key: u64 }`, the only one the
 * first `commit_crv3_weights` runtimes (spec 300 among them, with `CRV3WeightCommits` and no V2) can decode.
 */
export const legacyTlockPayloadCodec = Struct({ uids: Vector(u16), values: Vector(u16), version_key: u64 })

export const encodeLegacyTlockPayload = (w: Omit<TimelockWeights, 'hotkey'>): Uint8Array =>
  legacyTlockPayloadCodec.enc({ uids: [...w.uids], values: [...w.values], version_key: w.versionKey })

/** The chain's limit on `commit` (MAX_CRV3_COMMIT_SIZE_BYTES). */
export const MAX_COMMIT_BYTES = 5000

export interface RevealRoundInput {
  /** The block the commit is expected in (best + 1). */
  block: number
  netuid: number
  tempo: number
  revealPeriod: number
  /** Seconds per block: 12 on finney. */
  blockTimeSeconds: number
  /** Unix time now, seconds. */
  nowSeconds: number
}

/**
 * The drand round to encrypt to, as the bittensor SDK (bittensor-drand `generate_commit`) picks it: the first
 * block of epoch ⌊(block + netuid + 1)/(tempo + 1)⌋ + reveal period, plus 3 blocks of margin, turned into
 * wall-clock time at `blockTimeSeconds` per block and then into a quicknet round (rounded down, at least 1).
 */
export function revealRound(i: RevealRoundInput): { round: bigint; firstRevealBlock: number } {
  const revealEpoch = legacyEpoch(i.block, i.netuid, i.tempo) + i.revealPeriod
  const firstRevealBlock = Math.max(0, revealEpoch * (i.tempo + 1) - (i.netuid + 1))
  const target = firstRevealBlock + 3
  return { round: roundAt(i.nowSeconds + Math.max(0, target - i.block) * i.blockTimeSeconds), firstRevealBlock }
}

/** Rounds the Drand pallet of a `commit_crv3_weights` runtime is assumed to lag behind quicknet (72 s). */
export const CRV3_PULSE_DELAY = 24

/**
 * The round for `commit_crv3_weights`, as the bittensor SDK of those runtimes picked it (bittensor-drand 0.5,
 * `generate_commit`): the first block of the reveal epoch (epoch ⌊(block + netuid + 1)/(tempo + 1)⌋ + reveal
 * period, moved on an epoch while it is less than 24 rounds away), as wall-clock time, as a quicknet round
 * rounded up, minus 24 rounds so that the chain has the pulse when that epoch starts.
 */
export function crv3RevealRound(i: RevealRoundInput): { round: bigint; firstRevealBlock: number } {
  const tempoPlusOne = i.tempo + 1
  const netuidPlusOne = i.netuid + 1
  let revealEpoch = legacyEpoch(i.block, i.netuid, i.tempo) + i.revealPeriod
  const firstBlock = () => revealEpoch * tempoPlusOne - netuidPlusOne
  const minSeconds = CRV3_PULSE_DELAY * QUICKNET.periodSeconds
  // A tempo of 0 would never move the reveal block; the chain has no such subnet (tempo ≥ 1) but guard anyway.
  while ((firstBlock() - i.block) * i.blockTimeSeconds < minSeconds && tempoPlusOne > 1) revealEpoch += 1
  const secs = i.nowSeconds + (firstBlock() - i.block) * i.blockTimeSeconds
  const round = Math.ceil((secs - QUICKNET.genesisTime) / QUICKNET.periodSeconds) - CRV3_PULSE_DELAY
  return { round: BigInt(Math.max(1, round)), firstRevealBlock: firstBlock() }
}

/** The latest quicknet round out by `unixSeconds` (at least 1). */
export function roundAt(unixSeconds: number): bigint {
  return BigInt(Math.max(1, Math.floor((unixSeconds - QUICKNET.genesisTime) / QUICKNET.periodSeconds)))
}

/** The `commit` bytes: the payload (with the hotkey, or the legacy one without) timelock-encrypted to `round`. */
export function encryptWeights(w: TimelockWeights, round: bigint, layout: 'hotkey' | 'legacy' = 'hotkey'): Uint8Array {
  const commit = timelockEncrypt(layout === 'hotkey' ? encodeTlockPayload(w) : encodeLegacyTlockPayload(w), round)
  if (commit.length > MAX_COMMIT_BYTES)
    throw new Error(`the encrypted weights are ${commit.length} bytes; the chain takes at most ${MAX_COMMIT_BYTES}`)
  return commit
}
