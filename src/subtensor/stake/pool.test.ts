import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  alphaOfShares,
  alphaToTao,
  atPrice,
  i96f32,
  limitPrice,
  ppbPercent,
  slippagePpb,
  spotPrice,
  swapLimitPrice,
  taoToAlpha,
  type Pool,
} from './pool.js'

const TAO = 1_000_000_000n
const pool = (taoIn: bigint, alphaIn: bigint, dynamic = true): Pool => ({ taoIn, alphaIn, dynamic })
const U64_MAX = (1n << 64n) - 1n

describe('I96F32 steps', () => {
  it('keeps integers exact and rounds quotients down', () => {
    const f = i96f32
    expect(f.toU64(f.from(12345n))).toBe(12345n)
    expect(f.toU64(f.mul(f.from(3n), f.from(7n)))).toBe(21n)
    expect(f.toU64(f.div(f.from(10n), f.from(3n))!)).toBe(3n)
    // 2/3 in 32 fractional bits is floor(2^33 / 3).
    expect(f.div(f.from(2n), f.from(3n))).toBe((2n << 32n) / 3n)
    expect(f.div(f.from(1n), 0n)).toBeUndefined()
  })

  it('saturates at the i128 bounds instead of wrapping', () => {
    const big = i96f32.from(1n << 80n)
    expect(i96f32.mul(big, big)).toBe((1n << 127n) - 1n)
    expect(i96f32.toU64(i96f32.mul(big, big))).toBe(U64_MAX)
  })
})

describe('constant-product swaps (spec 218)', () => {
  it('1 TAO into 10 TAO / 0.005 alpha gives 454545 (5e6 − ⌊5e16/11e9⌋ in I96F32)', () => {
    const r = taoToAlpha(pool(10n * TAO, 5_000_000n), TAO)
    expect(r.alpha).toBe(454_545n)
    expect(r.after).toEqual(pool(11n * TAO, 5_000_000n - 454_545n))
  })

  it('1 TAO into a fresh 1-rao/1-rao pool buys nothing (the fraction is dropped)', () => {
    expect(taoToAlpha(pool(1n, 1n), TAO).alpha).toBe(0n)
  })

  it('100 TAO / 1000 alpha: staking 10 TAO gives 90.909090909 alpha, selling it back returns the TAO less rounding', () => {
    const p = pool(100n * TAO, 1000n * TAO)
    const buy = taoToAlpha(p, 10n * TAO)
    // 1000 − 1000·100/110 = 90.9090909090… alpha, rounded down to the base unit.
    expect(buy.alpha).toBe(90_909_090_909n)
    const sell = alphaToTao(buy.after, buy.alpha)
    expect(sell.tao).toBe(9_999_999_999n)
    expect(sell.after.taoIn).toBe(p.taoIn + 1n)
  })

  it('selling alpha: 100 TAO / 1000 alpha, 100 alpha gives 9.090909090 TAO', () => {
    const r = alphaToTao(pool(100n * TAO, 1000n * TAO), 100n * TAO)
    expect(r.tao).toBe(9_090_909_090n)
    expect(r.after).toEqual(pool(100n * TAO - 9_090_909_090n, 1100n * TAO))
  })

  it('saturates k = alpha × tao like the runtime when the reserves are large', () => {
    // 3e14 × 3e14 = 9e28 > 2^95: the runtime's k is clamped, and so the result is not the ideal one.
    const p = pool(300_000n * TAO, 300_000n * TAO)
    const clamped = (1n << 127n) - 1n
    const rest = (clamped << 32n) / ((p.taoIn + TAO) << 32n)
    const expected = ((p.alphaIn << 32n) - rest) >> 32n
    expect(taoToAlpha(p, TAO).alpha).toBe(expected)
    expect(taoToAlpha(p, TAO).alpha).toBeGreaterThan(TAO) // far from the ideal ~1 alpha: that is the runtime's arithmetic
  })

  it('root and stable subnets swap 1:1', () => {
    expect(taoToAlpha(pool(5n, 7n, false), 3n * TAO).alpha).toBe(3n * TAO)
    expect(alphaToTao(pool(5n * TAO, 7n, false), 2n * TAO).tao).toBe(2n * TAO)
    expect(spotPrice(pool(5n, 7n, false))).toBe(TAO)
  })

  it('never gives more than the ideal amount at the spot price, nor more than the reserve (property)', () => {
    // (A quotient that rounds to zero bits hands out the whole reserve: the runtime does the same.)
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        (taoIn, alphaIn, tao) => {
          const { alpha } = taoToAlpha(pool(taoIn, alphaIn), tao)
          expect(alpha).toBeLessThanOrEqual(alphaIn)
          expect(alpha * taoIn).toBeLessThanOrEqual(tao * alphaIn)
        },
      ),
    )
  })
})

describe('prices and slippage', () => {
  it('spot price is TAO per alpha × 1e9, rounded down; null for an empty pool', () => {
    expect(spotPrice(pool(13_215n * TAO, 1_000_000n * TAO))).toBe(13_215_000n)
    expect(spotPrice(pool(2n, 3n))).toBe(666_666_666n)
    expect(spotPrice(pool(5n, 0n))).toBeNull()
  })

  it('ideal amounts and slippage in parts per 1e9', () => {
    expect(atPrice(10n * TAO, 100_000_000n, 'buy')).toBe(100n * TAO)
    expect(atPrice(100n * TAO, 100_000_000n, 'sell')).toBe(10n * TAO)
    expect(atPrice(TAO, null, 'buy')).toBeNull()
    // 90.909090909 alpha instead of 100: 9.090909091% (rounded up).
    expect(slippagePpb(100n * TAO, 90_909_090_909n)).toBe(90_909_091n)
    expect(slippagePpb(100n, 100n)).toBe(0n)
    expect(slippagePpb(null, 5n)).toBe(0n)
    expect(ppbPercent(90_909_091n)).toBe('9.0909%')
    expect(ppbPercent(5_000_000n)).toBe('0.5000%')
  })
})

describe('limit prices (btcli: price × (1 ± tolerance), sent × 1e9)', () => {
  it('add: price × (1 + tolerance); remove: price × (1 − tolerance)', () => {
    // 0.013215 TAO/α with 0.5%: 0.013281075 and 0.013148925, sent in rao per alpha.
    expect(limitPrice(13_215_000n, 5_000_000n, 'buy')).toBe(13_281_075n)
    expect(limitPrice(13_215_000n, 5_000_000n, 'sell')).toBe(13_148_925n)
    expect(limitPrice(TAO, 0n, 'buy')).toBe(TAO)
  })

  it('swap: (origin price / destination price) × (1 − tolerance)', () => {
    expect(swapLimitPrice(20_000_000n, 10_000_000n, 5_000_000n)).toBe(1_990_000_000n)
    expect(swapLimitPrice(10_000_000n, 30_000_000n, 0n)).toBe(333_333_333n)
    expect(swapLimitPrice(10_000_000n, 0n, 0n)).toBeNull()
  })
})

describe('alpha of shares (spec 218)', () => {
  it('is shares × alpha per share, rounded down', () => {
    expect(alphaOfShares(500n, 1000n, 3000n)).toBe(1500n)
    expect(alphaOfShares(1n, 3n, 10n)).toBe(3n) // 10/3 in 32 fractional bits × 1 = 3.333…
    expect(alphaOfShares(0n, 3n, 10n)).toBe(0n)
    expect(alphaOfShares(90_909_090_909n, 90_909_090_909n, 90_909_090_909n)).toBe(90_909_090_909n) // one alpha per share exactly
    expect(alphaOfShares(2n, 3n, 1n)).toBe(0n) // 1/3 per share in 32 bits × 2 = 0.666…
  })
})
