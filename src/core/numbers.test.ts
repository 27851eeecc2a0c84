import { describe, expect, it } from 'vitest'
import { fraction, groupThousands, U16_MAX, u16Fraction, U64_MAX, u64Fraction } from './numbers.js'

describe('runtime fractions', () => {
  it('normalise a u16 as the runtime does (raw / 65535)', () => {
    expect(U16_MAX).toBe(2 ** 16 - 1)
    expect(u16Fraction(0)).toBe(0)
    expect(u16Fraction(65535)).toBe(1)
    expect(u16Fraction(32768)).toBe(32768 / 65535)
  })

  it('normalise a u64 as the runtime does (raw / u64::MAX)', () => {
    expect(U64_MAX).toBe(2n ** 64n - 1n)
    expect(u64Fraction(0n)).toBe(0)
    expect(u64Fraction(U64_MAX)).toBe(1)
    expect(u64Fraction(3_320_413_933_267_719_290n)).toBeCloseTo(0.18, 12)
  })
})

describe('number text', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [-1234567, '-1,234,567'],
    [21_000_000_000_000_000n, '21,000,000,000,000,000'],
    ['4096', '4,096'],
  ])('groups %s as %s', (n, text) => expect(groupThousands(n)).toBe(text))

  it('shows a [0, 1] figure with 4 decimals', () => {
    expect(fraction(1)).toBe('1.0000')
    expect(fraction(0.123456)).toBe('0.1235')
  })
})
