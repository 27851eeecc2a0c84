import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { priceOf, pricingOf, taoValue } from './pricing.js'
import { PRICE_SCALE } from '../models.js'

const T = 1_000_000_000n

describe('pricing', () => {
  it('root and stable subnets are 1:1; a quote wins; otherwise the pool ratio', () => {
    expect(pricingOf(0, { taoIn: 5n, alphaIn: 10n })).toEqual({ kind: 'fixed' })
    expect(pricingOf(4, { taoIn: 5n, alphaIn: 10n }, { mechanism: 0 })).toEqual({ kind: 'fixed' })
    expect(pricingOf(4, { taoIn: 5n, alphaIn: 10n }, { mechanism: 1 })).toEqual({ kind: 'pool', taoIn: 5n, alphaIn: 10n })
    expect(pricingOf(0, { taoIn: 5n, alphaIn: 10n }, { quote: 7n })).toEqual({ kind: 'quoted', price: 7n })
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
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (alpha, taoIn, alphaIn) => {
        const p = pricingOf(1, { taoIn, alphaIn })
        const exact = alpha * taoIn
        const v = taoValue(alpha, p)
        return v * alphaIn <= exact && exact < (v + 1n) * alphaIn
      }),
    )
  })
})
