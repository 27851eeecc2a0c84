import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TaoError } from './errors.js'
import { amountJson, displayTao, formatTao, parseTao, priceText, shortAmount, shortTao } from './amount.js'

describe('parseTao', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['0.5', 500_000_000n],
    ['.25', 250_000_000n],
    ['1.', 1_000_000_000n],
    ['1.000000001', 1_000_000_001n],
    ['0.000000001', 1n],
    [' 21000000 ', 21_000_000_000_000_000n],
    ['123456789012345678901234567890', 123456789012345678901234567890n * 1_000_000_000n],
  ])('%s', (text, rao) => expect(parseTao(text)).toBe(rao))

  it.each(['', '-1', '1e3', '1,5', '1.0000000001', '0x10', 'abc', '1 2', '+1', 'NaN', 'Infinity', '.', '0', '0.000'])(
    'refuses %j with exit 2',
    (text) => {
      const err = (() => {
        try {
          parseTao(text)
        } catch (e) {
          return e
        }
      })()
      expect(err).toBeInstanceOf(TaoError)
      expect((err as TaoError).exitCode).toBe(2)
    },
  )

  it('allows zero only when asked', () => expect(parseTao('0', 'tip', { allowZero: true })).toBe(0n))
})

describe('formatTao', () => {
  it('is exact', () => {
    expect(formatTao(0n)).toBe('0')
    expect(formatTao(1n)).toBe('0.000000001')
    expect(formatTao(1_500_000_000n)).toBe('1.5')
    expect(formatTao(-2_000_000_001n)).toBe('-2.000000001')
    expect(displayTao(1_234_500_000_000n)).toBe('τ1,234.5')
    expect(amountJson(42n)).toEqual({ rao: '42', tao: '0.000000042' })
  })

  it('round-trips with parseTao for every positive amount', () =>
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), (rao) => parseTao(formatTao(rao)) === rao)))

  it('cuts table forms without rounding, grouping the whole part', () => {
    expect(shortAmount(1_234_567_890_000n)).toBe('1,234.5678')
    expect(shortAmount(1_234_000_000_000n)).toBe('1,234')
    expect(shortAmount(999_999_999n, 2)).toBe('0.99')
    expect(shortAmount(1n)).toBe('0')
    expect(shortTao(21_000_000_000_000_000n)).toBe('τ21,000,000')
  })

  it('gives a price (TAO per alpha × 10^9) as an exact decimal string, null without one', () => {
    expect(priceText(500_000_000n)).toBe('0.5')
    expect(priceText(1_000_000_000n)).toBe('1')
    expect(priceText(1n)).toBe('0.000000001')
    expect(priceText(null)).toBeNull()
  })
})
