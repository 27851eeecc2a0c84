/**
 * Subtensor's TAO emission schedule, computed exactly as the runtime computes it: pure bigint, no node.
 *
 * The rule (opentensor/subtensor@c39109d32, the spec-218 source, pallets/subtensor/src/coinbase/block_emission.rs,
 * `get_block_emission_for_issuance`; the same steps at HEAD 14bc6f9f9, spec 425):
 *
 *     if issuance >= TotalSupply (21e15 rao)             → 0
 *     residual = log2(1 / (1 − issuance / (2 × 10.5e15))) in I96F32 (32 fractional bits)
 *     emission = DefaultBlockEmission / 2^floor(residual)  → u64, truncated
 *
 * so the block emission halves each time the subtensor issuance (`SubtensorModule.TotalIssuance`) crosses
 * cap × (1 − 2^−k): 10.5M, 15.75M, 18.375M, 19.6875M … TAO. DefaultBlockEmission (1 TAO) is the default
 * of the `SubtensorModule.BlockEmission` storage item, so callers take it from the runtime's metadata.
 *
 * Each fixed-point step is reproduced bit for bit (`fixed` divisions truncate; substrate-fixed's `log2`
 * takes its integer part by halving with round-half-up, `rs`), so a crossing here is the runtime's to the rao.
 */
import { U64_MAX } from '../core/numbers.js'

/** 21,000,000 TAO in rao: `TotalSupply` in the runtime, and the `2 × 10.5e15` of the formula. */
export const TAO_SUPPLY_CAP = 21_000_000_000_000_000n
/** The runtime's `DefaultBlockEmission` at spec 218 and 381 (1 TAO); prefer the value the metadata gives. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n

const FRAC_BITS = 32n
/** 1.0 as I96F32 bits. */
const ONE = 1n << FRAC_BITS
/** The deepest halving below the cap: 1 − issuance/cap is at least one I96F32 step (2^−32) there. */
export const MAX_HALVINGS = 32

/** substrate-fixed `log2`'s integer part for x ≥ 1 (I96F32 bits): halvings with round-half-up until x < 2. */
function log2IntegerPart(bits: bigint): number {
  let count = 0
  for (let x = bits; x >= 2n * ONE; x = (x >> 1n) + (x & 1n)) count++
  return count
}

function checkIssuance(issuance: bigint): void {
  if (issuance < 0n || issuance > U64_MAX) throw new RangeError(`issuance must be a u64, not ${issuance}`)
}

/**
 * How many halvings the runtime applies at this issuance: floor(log2(1 / (1 − issuance/cap))) in I96F32.
 * Null at or above the cap, where the runtime emits nothing.
 */
export function halvingsAt(issuance: bigint): number | null {
  checkIssuance(issuance)
  if (issuance >= TAO_SUPPLY_CAP) return null
  const ratio = (issuance << FRAC_BITS) / TAO_SUPPLY_CAP // issuance / (2 × 10.5e15), truncated
  const rest = ONE - ratio // 1 − ratio: at least one step, as issuance < cap
  const reciprocal = (ONE << FRAC_BITS) / rest // 1 / rest, truncated
  return log2IntegerPart(reciprocal)
}

/** The block emission (rao) the runtime computes for an issuance (rao), from its base emission (rao). */
export function blockEmissionForIssuance(issuance: bigint, baseEmission: bigint = DEFAULT_BLOCK_EMISSION): bigint {
  const halvings = halvingsAt(issuance)
  if (halvings === null) return 0n
  // 1 / 2^halvings in I96F32 (truncated), times the base, truncated to u64.
  const shareBits = (ONE << FRAC_BITS) / (ONE << BigInt(halvings))
  return (shareBits * (baseEmission << FRAC_BITS)) >> (2n * FRAC_BITS)
}

/**
 * The issuance (rao) at which halving `k` (1-based) takes effect: the least issuance with k halvings,
 * ceil(cap × (2^k − 1) / 2^k). Exact for 1 ≤ k ≤ MAX_HALVINGS (the unit tests check it against halvingsAt).
 */
export function halvingIssuance(k: number): bigint {
  if (!Number.isInteger(k) || k < 1 || k > MAX_HALVINGS) throw new RangeError(`halving must be 1…${MAX_HALVINGS}, not ${k}`)
  const denominator = 1n << BigInt(k)
  const numerator = TAO_SUPPLY_CAP * (denominator - 1n)
  return (numerator + denominator - 1n) / denominator
}

export interface NextHalving {
  /** Which halving (1 = the first, at 10.5M TAO). */
  halving: number
  /** The issuance (rao) at which it takes effect. */
  issuance: bigint
  /** Issuance still to be emitted before it (rao). */
  remaining: bigint
  /** The block emission after it (rao). */
  blockEmission: bigint
}

/** The next halving after this issuance, or null when the emission has already reached zero. */
export function nextHalving(issuance: bigint, baseEmission: bigint = DEFAULT_BLOCK_EMISSION): NextHalving | null {
  const halvings = halvingsAt(issuance)
  if (halvings === null || halvings >= MAX_HALVINGS || blockEmissionForIssuance(issuance, baseEmission) === 0n) return null
  const at = halvingIssuance(halvings + 1)
  return { halving: halvings + 1, issuance: at, remaining: at - issuance, blockEmission: blockEmissionForIssuance(at, baseEmission) }
}

/** Blocks until `remaining` rao are emitted at `perBlock` rao a block (rounded up), or null when nothing is emitted. */
export function blocksToEmit(remaining: bigint, perBlock: bigint): bigint | null {
  if (perBlock <= 0n) return null
  if (remaining <= 0n) return 0n
  return (remaining + perBlock - 1n) / perBlock
}
