import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { priceOf, pricingOf, swapValue, taoValue } from './pricing.js'
import { alphaToTao } from './pool.js'
import { PRICE_SCALE } from '../models.js'

const T = 1_000_000_000n

describe('pricing', () => {
  it('root and stable subnets are 1:1; a quote wins over the pool; otherwise the pool ratio', () => {
    expect(pricingOf(0, { taoIn: 5n, alphaIn: 10n })).toEqual({ kind: 'fixed' })
    expect(pricingOf(4, { taoIn: 5n, alphaIn: 10n }, { mechanism: 0 })).toEqual({ kind: 'fixed' })
    expect(pricingOf(4, { taoIn: 5n, alphaIn: 10n }, { mechanism: 1 })).toEqual({ kind: 'pool', taoIn: 5n, alphaIn: 10n })
    expect(pricingOf(0, { taoIn: 5n, alphaIn: 10n }, { quote: 7n })).toEqual({ kind: 'fixed' })
    expect(pricingOf(3, { taoIn: 5n, alphaIn: 10n }, { quote: 7n })).toEqual({ kind: 'quoted', price: 7n })
    expect(pricingOf(3, { taoIn: 5n, alphaIn: 10n }, { quote: 7n, withReserves: true })).toEqual({
      kind: 'quoted',
      price: 7n,
      reserves: { taoIn: 5n, alphaIn: 10n },
    })
  })

  it('prices and values exactly, rounding down, with no price for an empty pool', () => {
    const pool = pricingOf(1, { taoIn: 100n * T, alphaIn: 200n * T })
    expect(priceOf(pool)).toBe(PRICE_SCALE / 2n)
    expect(taoValue(5n * T, pool)).toBe(2_500_000_000n)
    expect(taoValue(3n, pricingOf(1, { taoIn: 1n, alphaIn: 2n }))).toBe(1n)
    expect(priceOf(pricingOf(1, { taoIn: 5n, alphaIn: 0n }))).toBeNull()
    expect(taoValue(5n, pricingOf(1, { taoIn: 5n, alphaIn: 0n }))).toBe(0n)
    expect(taoValue(4n * T, { kind: 'quoted', price: 250_000_000n })).toBe(T)
    expect(taoValue(7n, { kind: 'fixed' })).toBe(7n)
  })

  it('a pool value never exceeds alpha × price + 1 rao of rounding', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        (alpha, taoIn, alphaIn) => {
          const p = pricingOf(1, { taoIn, alphaIn })
          const exact = alpha * taoIn
          const v = taoValue(alpha, p)
          return v * alphaIn <= exact && exact < (v + 1n) * alphaIn
        },
      ),
    )
  })

  it("the swap value is the pool's constant product: below the spot value, never more than the pool holds", () => {
    const pool = pricingOf(1, { taoIn: 100n * T, alphaIn: 200n * T })
    expect(swapValue(5n * T, pool)).toBe(alphaToTao({ taoIn: 100n * T, alphaIn: 200n * T, dynamic: true }, 5n * T).tao)
    expect(swapValue(5n * T, pool)).toBeLessThan(taoValue(5n * T, pool))
    expect(swapValue(0n, pricingOf(1, { taoIn: 5n, alphaIn: 0n }))).toBe(0n)
    expect(swapValue(7n, { kind: 'fixed' })).toBe(7n)
    expect(swapValue(7n, { kind: 'quoted', price: T })).toBeNull()
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        (alpha, taoIn, alphaIn) => {
          const p = pricingOf(1, { taoIn, alphaIn })
          const v = swapValue(alpha, p)!
          // The runtime's fixed-point steps may round a rao or two past alpha × price on dust; never past the pool.
          return v <= taoIn
        },
      ),
    )
  })
})
