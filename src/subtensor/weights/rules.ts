import { badInput } from '../../core/errors.js'
import { U16_MAX } from '../../core/numbers.js'

/**
 * Weights as a validator gives them (`--uids 0,1,2 --weights 0.5,0.3,0.2`, read by src/cli/parse.ts) and as the
 * chain takes them (u16). Pure: btcli's conversion and the runtime's own acceptance rules, so a refusal comes
 * before signing.
 */

/** What the chain is sent: uids and their u16 values, max-upscaled so the largest is 65535. */
export interface EmitWeights {
  uids: number[]
  values: number[]
  /** Uids given a weight that rounds to 0: left out, as btcli does (the chain stores no zero weights). */
  dropped: number[]
}

/**
 * btcli's `convert_weights_and_uids_for_emit`: divide by the largest weight, multiply by 65535, round half to
 * even (Python's round), and leave out what rounds to 0. All zero is refused: there would be nothing to set.
 */
export function toEmitWeights(uids: readonly number[], weights: readonly number[]): EmitWeights {
  if (uids.length !== weights.length)
    throw badInput(`--uids has ${uids.length} entries but --weights has ${weights.length}: give one weight per uid`, 'LENGTH_MISMATCH')
  if (uids.length === 0) throw badInput('give at least one uid and weight', 'BAD_INPUT')
  if (new Set(uids).size !== uids.length) throw badInput('--uids has a uid twice', 'DUPLICATE_UIDS')
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw badInput('weights must be finite and not negative', 'BAD_WEIGHTS')
  const max = Math.max(...weights)
  if (max === 0) throw badInput('every weight is zero: there is nothing to set', 'ALL_ZERO')
  const out: EmitWeights = { uids: [], values: [], dropped: [] }
  weights.forEach((w, i) => {
    const value = roundHalfEven((w / max) * U16_MAX)
    if (value === 0) out.dropped.push(uids[i]!)
    else {
      out.uids.push(uids[i]!)
      out.values.push(value)
    }
  })
  return out
}

/** Python 3's round() for a non-negative double: to the nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/** The subnet's rules a set of weights must pass, as read from the chain (null: this runtime has no such rule). */
export interface WeightLimits {
  netuid: number
  /** Number of UIDs on the subnet (SubnetworkN): uids 0…n−1 exist. */
  subnetN: number
  /** The signer's own uid on the subnet. */
  selfUid: number
  minAllowedWeights: number | null
  /** MaxWeightsLimit (u16; 65535 = no limit). */
  maxWeightsLimit: number | null
  /** WeightsVersionKey (0 = any). */
  requiredVersionKey: bigint | null
}

/**
 * The first rule of the runtime's `do_set_weights` these weights break, in words, or undefined when they pass
 * (the same rules at spec 218, 381 and HEAD): root refused, uids that exist, at most one per UID, at least
 * min(MinAllowedWeights, n) unless a lone self-weight, no normalised weight above MaxWeightsLimit unless a
 * self-weight, and a version key not below WeightsVersionKey. The rate limit is checked against the chain's
 * state in submit.ts; validator permits are left to the chain (an epoch before the transaction lands can change
 * them; spec 218's raonet build grants every UID one at every block).
 */
export function weightsProblem(w: Pick<EmitWeights, 'uids' | 'values'>, limits: WeightLimits, versionKey: bigint): string | undefined {
  const { netuid, subnetN } = limits
  if (netuid === 0) return 'subnet 0 is the root network: weights cannot be set there'
  if (w.uids.length > subnetN) return `${w.uids.length} weights given but subnet ${netuid} has only ${subnetN} UIDs`
  const missing = w.uids.filter((uid) => uid >= subnetN)
  if (missing.length)
    return `uid ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist on subnet ${netuid} (it has ${subnetN === 0 ? 'no UIDs' : `UIDs 0–${subnetN - 1}`})`
  const self = isSelfWeight(limits.selfUid, w.uids)
  if (limits.minAllowedWeights !== null && !self) {
    const needed = Math.min(limits.minAllowedWeights, subnetN)
    if (w.uids.length < needed)
      return `subnet ${netuid} needs weights on at least ${needed} UIDs (MinAllowedWeights ${limits.minAllowedWeights}); ${w.uids.length} given (zero weights do not count)`
  }
  if (limits.maxWeightsLimit !== null && limits.maxWeightsLimit !== U16_MAX && !self && !maxLimited(w.values, limits.maxWeightsLimit)) {
    const sum = w.values.reduce((a, b) => a + b, 0)
    const top = Math.max(...w.values) / sum
    return `subnet ${netuid} caps any one weight at ${(limits.maxWeightsLimit / U16_MAX).toFixed(6)} of the total (MaxWeightsLimit ${limits.maxWeightsLimit}); the largest here is ${top.toFixed(6)}: spread the weights over more UIDs`
  }
  const required = limits.requiredVersionKey
  if (required !== null && required !== 0n && versionKey < required)
    return `--version-key ${versionKey} is below subnet ${netuid}'s WeightsVersionKey ${required}`
  return undefined
}

/** The runtime's self-weight: exactly one weight, on the signer's own uid. */
export const isSelfWeight = (selfUid: number, uids: readonly number[]): boolean => uids.length === 1 && uids[0] === selfUid

const FRAC = 32n
/**
 * The runtime's `check_vec_max_limited` in its own fixed point (I32F32, division truncating): normalise the
 * values to sum 1 and compare the largest with limit / 65535.
 */
export function maxLimited(values: readonly number[], limit: number): boolean {
  const fixedDiv = (a: bigint, b: bigint) => (a << FRAC) / b
  const one = (n: number) => BigInt(n) << FRAC
  const limitFixed = fixedDiv(one(limit), one(U16_MAX))
  const sum = values.reduce((a, v) => a + one(v), 0n)
  if (sum === 0n) return true
  const largest = values.reduce((m, v) => (v > m ? v : m), 0)
  return fixedDiv(one(largest), sum) <= limitFixed
}
