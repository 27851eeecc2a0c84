import { describe, expect, test } from 'vitest'
import { age, axonText, cleanText, clip, clipAnsi, compactAmount, compactPrice, pad, shortAddress, unitValue } from './format.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'

describe('format', () => {
  test('compact amounts fit a cell and keep a few significant digits', () => {
    expect(compactAmount(0n)).toBe('0')
    expect(compactAmount(1n)).toBe('1e-9')
    expect(compactAmount(12_345n)).toBe('1.23e-5')
    expect(compactAmount(123_456n)).toBe('0.0001235')
    expect(compactAmount(999_999n)).toBe('0.001')
    expect(compactAmount(1_500_000_000n)).toBe('1.5')
    expect(compactAmount(12_345_678_900n)).toBe('12.3457')
    expect(compactAmount(1_234_567_000_000n)).toBe('1234.57')
    expect(compactAmount(12_345_000_000_000n)).toBe('12.35k')
    expect(compactAmount(45_670_000_000_000_000n)).toBe('45.67M')
    expect(compactAmount(2_000_000_000_000_000_000n)).toBe('2B')
    expect(compactAmount(-1_500_000_000n)).toBe('-1.5')
    for (const v of [1n, 12_345n, 100_000n, 999_999_999n, 10n ** 9n * 9999n, 10n ** 24n])
      expect(compactAmount(v).length).toBeLessThanOrEqual(9)
  })

  test('prices, normalised values, ages, axons', () => {
    expect(compactPrice(null)).toBe('-')
    expect(compactPrice(25_000_000n)).toBe('0.025')
    expect(unitValue(0)).toBe('0')
    expect(unitValue(0.25)).toBe('0.2500')
    expect(age(4_200)).toBe('4s')
    expect(age(125_000)).toBe('2m05s')
    expect(age(3_720_000)).toBe('1h02m')
    expect(axonText(null)).toBe('-')
    expect(axonText({ ip: '1.2.3.4', port: 8091 })).toBe('1.2.3.4:8091')
    expect(axonText({ ip: '::1', port: 80 })).toBe('[::1]:80')
    expect(axonText({ ip: null, port: 0 })).toBe('-')
  })

  test('addresses shorten around ".." to the exact width', () => {
    expect(shortAddress(ALICE, 60)).toBe(ALICE)
    expect(shortAddress(ALICE, 11)).toBe('5Grwv..utQY')
    expect(shortAddress(ALICE, 11).length).toBe(11)
    expect(shortAddress(ALICE, 2).length).toBe(2)
  })

  test('pad and clip never exceed the width', () => {
    expect(pad('abc', 5)).toBe('abc  ')
    expect(pad('abc', 5, 'right')).toBe('  abc')
    expect(pad('abcdef', 4)).toBe('abc~')
    expect(clip('abcdef', 3)).toBe('ab…')
    expect(clip('abc', 3)).toBe('abc')
  })

  test('clipAnsi keeps colour codes and cuts visible text', () => {
    const line = '\u001b[32mabcdef\u001b[39mghi'
    expect(clipAnsi(line, 4)).toBe('\u001b[32mabcd\u001b[39m')
  })

  test('chain text is made one cell per character', () => {
    expect(cleanText('apex\u0007\u202e')).toBe('apex')
    expect(cleanText('α β')).toBe('α β')
    expect(cleanText('网络🚀')).toBe('???')
  })
})
