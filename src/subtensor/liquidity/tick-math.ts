/**
 * Ticks and prices of a subnet's concentrated-liquidity pool (pallet Swap), in the runtime's own integers.
 *
 * A tick i stands for the price 1.0001^i (TAO per alpha). The runtime computes √price of a tick with the
 * Uniswap v3 tick math (Q64.96 fixed point, 256-bit) and keeps it as a U64F64 (64 fractional bits), rounded
 * up; a price belongs to the tick whose √price is the largest one not above it. The same integers here give
 * the same ticks and the same √prices as the runtime, so what a command shows is what the runtime computes.
 */
import { RAO_PER_TAO } from '../../core/amount.js'

/** Tick bounds of the pallet: half of Uniswap's ±887272 (its √prices must fit a U64F64). */
export const TICK_MIN = -443636
export const TICK_MAX = 443636

/** 1.0 as a U64F64 (raw bits). */
export const FIXED_ONE = 1n << 64n

const U256_MAX = (1n << 256n) - 1n
const Q32_MASK = (1n << 32n) - 1n

/**
 * 2^128 / √1.0001^(2^k) for k = 0…19 (the Uniswap v3 constants, rounded as the runtime has them): a tick's
 * ratio is the product of those of its set bits.
 */
const BIT_RATIOS: readonly bigint[] = [
  0xfffcb933bd6fad37aa2d162d1a594001n,
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
]

/** √price of a tick in Q64.96, rounded up (Uniswap's getSqrtRatioAtTick). */
export function sqrtRatioQ96(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < -887272 || tick > 887272) throw new RangeError(`tick ${tick} is out of range`)
  const abs = BigInt(Math.abs(tick))
  let ratio = abs & 1n ? BIT_RATIOS[0]! : 1n << 128n
  for (let k = 1; k < BIT_RATIOS.length; k++) if (abs & (1n << BigInt(k))) ratio = (ratio * BIT_RATIOS[k]!) >> 128n
  if (tick > 0) ratio = U256_MAX / ratio
  return (ratio >> 32n) + (ratio & Q32_MASK ? 1n : 0n)
}

/** √price of a tick as the runtime stores it: U64F64 raw bits (Q64.96 narrowed to 64 fractional bits, rounded up). */
export function sqrtPriceAtTick(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < TICK_MIN || tick > TICK_MAX)
    throw new RangeError(`tick ${tick} is outside the pool's range ${TICK_MIN}…${TICK_MAX}`)
  const q96 = sqrtRatioQ96(tick)
  return (q96 >> 32n) + (q96 & Q32_MASK ? 1n : 0n)
}

/**
 * The tick a √price (U64F64 raw bits) falls in: the largest tick whose √price is not above it, clamped to
 * the pool's range (the runtime's `from_sqrt_price_bounded`).
 */
export function tickAtSqrtPrice(sqrtPrice: bigint): number {
  const q96 = sqrtPrice << 32n
  if (q96 < sqrtRatioQ96(TICK_MIN)) return TICK_MIN
  let lo = TICK_MIN
  let hi = TICK_MAX
  // Invariant: sqrtRatioQ96(lo) <= q96; find the largest such tick.
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2)
    if (sqrtRatioQ96(mid) <= q96) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number')
  if (n < 2n) return n
  // Newton's method from a power of two above the root decreases monotonically to the floor.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) break
    x = y
  }
  return x
}

/** A price (TAO per alpha, 9 decimals: 10^9 = 1 TAO) from a √price (U64F64 raw bits), rounded down. */
export const priceOfSqrt = (sqrtPrice: bigint): bigint => (sqrtPrice * sqrtPrice * RAO_PER_TAO) >> 128n

/** √price (U64F64 raw bits, rounded down) of a price with 9 decimals. */
export const sqrtOfPrice = (price: bigint): bigint => isqrt((price << 128n) / RAO_PER_TAO)

/** The price a tick starts at (9 decimals, rounded down). */
export const priceAtTick = (tick: number): bigint => priceOfSqrt(sqrtPriceAtTick(tick))

/**
 * The tick a price (9 decimals) falls in, as the runtime places a √price: the largest tick that starts at or
 * below it. Prices below the lowest tick's or above the highest's give the bound.
 */
export function tickAtPrice(price: bigint): number {
  const tick = tickAtSqrtPrice(sqrtOfPrice(price))
  // √price is rounded down and a tick's price is shown rounded down: a price as shown for a tick gives that tick.
  return tick < TICK_MAX && priceAtTick(tick + 1) <= price ? tick + 1 : tick
}
