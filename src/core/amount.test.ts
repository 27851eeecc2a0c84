import { describe, expect, it } from 'vitest'
import { amountJson, displayTao, formatTao, priceText, shortAmount, shortTao } from './amount.js'

describe('formatTao', () => {
  it('is exact', () => {
    expect(formatTao(0n)).toBe('0')
    expect(formatTao(1n)).toBe('0.000000001')
    expect(formatTao(1_500_000_000n)).toBe('1.5')
    expect(formatTao(-2_000_000_001n)).toBe('-2.000000001')
    expect(displayTao(1_234_500_000_000n)).toBe('τ1,234.5')
    expect(amountJson(42n)).toEqual({ rao: '42', tao: '0.000000042' })
  })

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
