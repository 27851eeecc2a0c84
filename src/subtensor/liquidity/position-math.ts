/**
 * What a liquidity position holds and has earned, with the runtime's fixed-point integers (U64F64 and
 * I64F64 as raw bigint bits, 64 fractional bits; products and quotients rounded down, as the runtime's
 * saturating fixed-point arithmetic does), so the amounts match the runtime's own to the rao.
 */
import { FIXED_ONE, sqrtPriceAtTick } from './tick-math.js'

const U128_MAX = (1n << 128n) - 1n
const U64_MAX = (1n << 64n) - 1n
const I128_MAX = (1n << 127n) - 1n
const I128_MIN = -(1n << 127n)

const mulU = (a: bigint, b: bigint): bigint => {
  const p = (a * b) >> 64n
  return p > U128_MAX ? U128_MAX : p
}
const divU = (a: bigint, b: bigint): bigint => (b === 0n ? 0n : (a << 64n) / b)
const subU = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n)
const toU64 = (bits: bigint): bigint => {
  if (bits <= 0n) return 0n
  const n = bits >> 64n
  return n > U64_MAX ? U64_MAX : n
}
const clampI = (v: bigint): bigint => (v > I128_MAX ? I128_MAX : v < I128_MIN ? I128_MIN : v)

/** TAO and alpha (rao) a liquidity stands for. */
export interface TokenAmounts {
  tao: bigint
  alpha: bigint
}

/**
 * TAO and alpha (rao) that `liquidity` between two ticks holds at the pool's √price (U64F64 bits): all alpha
 * below the range, all TAO above it, both inside. The same figures are what adding that liquidity takes and
 * what removing it pays (fees apart).
 */
export function tokenAmounts(liquidity: bigint, tickLow: number, tickHigh: number, sqrtPrice: bigint): TokenAmounts {
  const low = sqrtPriceAtTick(tickLow)
  const high = sqrtPriceAtTick(tickHigh)
  const l = liquidity << 64n
  const inverse = (s: bigint) => divU(FIXED_ONE, s)
  if (sqrtPrice < low) return { tao: 0n, alpha: toU64(mulU(l, subU(inverse(low), inverse(high)))) }
  if (sqrtPrice > high) return { tao: toU64(mulU(l, subU(high, low))), alpha: 0n }
  return { tao: toU64(mulU(l, subU(sqrtPrice, low))), alpha: toU64(mulU(l, subU(inverse(sqrtPrice), inverse(high)))) }
}

/** The fee accumulators of one tick (`Swap.Ticks`): fees earned on the far side of it (I64F64 bits). */
export interface TickFees {
  feesOutTao: bigint
  feesOutAlpha: bigint
}

/** What the fee arithmetic needs of the pool: its global fee accumulators (U64F64 bits) and current tick. */
export interface PoolFees {
  feeGlobalTao: bigint
  feeGlobalAlpha: bigint
  currentTick: number
}

/** The fee arithmetic's view of a position. */
export interface PositionFeeState {
  tickLow: number
  tickHigh: number
  liquidity: bigint
  /** The position's fee accumulators when last collected (I64F64 bits). */
  feesTao: bigint
  feesAlpha: bigint
}

/**
 * Fees (rao) the position has earned since it last collected: what removing it (or modifying it) pays on
 * top of its amounts. `low`/`high` are its two ticks' accumulators (zero when the tick is not stored).
 */
export function uncollectedFees(position: PositionFeeState, low: TickFees, high: TickFees, pool: PoolFees): TokenAmounts {
  const globalTao = pool.feeGlobalTao > I128_MAX ? I128_MAX : pool.feeGlobalTao
  const globalAlpha = pool.feeGlobalAlpha > I128_MAX ? I128_MAX : pool.feeGlobalAlpha
  const below = (out: bigint, global: bigint) => (position.tickLow <= pool.currentTick ? out : clampI(global - out))
  const above = (out: bigint, global: bigint) => (position.tickHigh <= pool.currentTick ? clampI(global - out) : out)
  const inRange = (global: bigint, lowOut: bigint, highOut: bigint) =>
    clampI(clampI(global - below(lowOut, global)) - above(highOut, global))
  const earned = (agg: bigint, mine: bigint) => toU64(clampI(position.liquidity * clampI(agg - mine)))
  const taoAgg = inRange(globalTao, low.feesOutTao, high.feesOutTao)
  const alphaAgg = inRange(globalAlpha, low.feesOutAlpha, high.feesOutAlpha)
  return { tao: earned(taoAgg, position.feesTao), alpha: earned(alphaAgg, position.feesAlpha) }
}
