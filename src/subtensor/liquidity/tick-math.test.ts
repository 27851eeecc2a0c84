import { describe, expect, it } from 'vitest'
import { tokenAmounts, uncollectedFees } from './position-math.js'
import { FIXED_ONE, priceAtTick, sqrtPriceAtTick, sqrtRatioQ96, TICK_MAX, TICK_MIN, tickAtPrice, tickAtSqrtPrice } from './tick-math.js'

// Read from a spec-300 chain (`tao localnet start --runtime 300`): a subnet's Swap.AlphaSqrtPrice and the
// Swap.CurrentTick the runtime derived from it, and the LiquidityAdded event of add_liquidity(liquidity 10^10,
// ticks 80000…100000) at that price.
const CHAIN_SQRT = 1857604157721725118251n
const CHAIN_TICK = 92247

describe('tick math', () => {
  it('tick 0 is price 1, and the bounds are those of the pallet', () => {
    expect(sqrtRatioQ96(0)).toBe(1n << 96n)
    expect(sqrtPriceAtTick(0)).toBe(FIXED_ONE)
    expect(priceAtTick(0)).toBe(1_000_000_000n)
    expect(() => sqrtPriceAtTick(TICK_MAX + 1)).toThrow(RangeError)
    expect(() => sqrtPriceAtTick(TICK_MIN - 1)).toThrow(RangeError)
  })

  it('places a √price in the tick the runtime put it in', () => {
    expect(tickAtSqrtPrice(CHAIN_SQRT)).toBe(CHAIN_TICK)
    expect(sqrtPriceAtTick(CHAIN_TICK) <= CHAIN_SQRT).toBe(true)
    expect(sqrtPriceAtTick(CHAIN_TICK + 1) > CHAIN_SQRT).toBe(true)
  })

  it('agrees with Uniswap v3 published √ratios', () => {
    // getSqrtRatioAtTick(MIN_TICK) and (MAX_TICK) of Uniswap v3's TickMath.
    expect(sqrtRatioQ96(-887272)).toBe(4295128739n)
    expect(sqrtRatioQ96(887272)).toBe(1461446703485210103287273052203988822378723970342n)
  })

  it('a price shown for a tick gives that tick back, and prices between ticks the lower one', () => {
    for (const t of [-20001, -1, 0, 1, 6931, 80000, 92247, 100000, 300000]) {
      expect(tickAtPrice(priceAtTick(t))).toBe(t)
      if (priceAtTick(t + 1) - priceAtTick(t) > 1n) expect(tickAtPrice(priceAtTick(t + 1) - 1n)).toBe(t)
    }
    // 1.0001^6931 ≈ 1.99983, 1.0001^6932 ≈ 2.00003: a price of 2 lies in tick 6931.
    expect(tickAtPrice(2_000_000_000n)).toBe(6931)
    // The lowest tick shown as 0.000000001 (the one below starts just under it, shown as 0).
    expect(tickAtPrice(1n)).toBe(-207243)
    expect(priceAtTick(-207244)).toBe(0n)
  })
})

describe('position amounts and fees', () => {
  it('match the TAO and alpha the runtime took for a position', () => {
    expect(tokenAmounts(10_000_000_000n, 80000, 100000, CHAIN_SQRT)).toEqual({ tao: 461136909481n, alpha: 31907639n })
  })

  it('are all alpha below the range and all TAO above it', () => {
    const below = tokenAmounts(10n ** 12n, 100, 200, sqrtPriceAtTick(50))
    expect(below.tao).toBe(0n)
    expect(below.alpha > 0n).toBe(true)
    const above = tokenAmounts(10n ** 12n, 100, 200, sqrtPriceAtTick(250))
    expect(above.alpha).toBe(0n)
    expect(above.tao > 0n).toBe(true)
  })

  it('a new position has earned nothing; fees earned in range go to it in proportion to its liquidity', () => {
    const g = 5516999239938834903n
    const pool = { feeGlobalTao: g, feeGlobalAlpha: 0n, currentTick: CHAIN_TICK }
    const position = { tickLow: 80000, tickHigh: 100000, liquidity: 10_000_000_000n, feesTao: 0n, feesAlpha: 0n }
    const low = { feesOutTao: 0n, feesOutAlpha: 0n }
    const high = { feesOutTao: g, feesOutAlpha: 0n }
    expect(uncollectedFees(position, low, high, pool)).toEqual({ tao: 0n, alpha: 0n })
    // The pool then earns 2^-40 TAO per unit of liquidity (global accumulator grows by 2^24 bits).
    const later = { ...pool, feeGlobalTao: g + (1n << 24n) }
    expect(uncollectedFees(position, low, high, later)).toEqual({ tao: (10_000_000_000n << 24n) >> 64n, alpha: 0n })
  })
})
