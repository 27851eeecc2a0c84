import { describe, expect, it } from 'vitest'
import { amountJson, displayTao, formatTao } from './amount.js'

describe('formatTao', () => {
  it('is exact', () => {
    expect(formatTao(0n)).toBe('0')
    expect(formatTao(1n)).toBe('0.000000001')
    expect(formatTao(1_500_000_000n)).toBe('1.5')
    expect(formatTao(-2_000_000_001n)).toBe('-2.000000001')
    expect(displayTao(1_234_500_000_000n)).toBe('τ1,234.5')
    expect(amountJson(42n)).toEqual({ rao: '42', tao: '0.000000042' })
  })
})
