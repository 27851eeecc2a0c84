import { describe, expect, it } from 'vitest'
import { stakeTable } from './stake.js'

const T = 1_000_000_000n

describe('stake list table', () => {
  it('groups the digits of alpha, price and values alike, and labels swap and spot value', () => {
    const stake = {
      coldkey: '5C',
      hotkey: '5H',
      netuid: 3,
      alpha: 1_234_567n * T + T / 2n,
      price: 12_345n * T + T / 10n,
      spotValue: 15_241_560_000n * T,
      swapValue: 830n * T,
    }
    const text = stakeTable({ stakes: [stake], total: { spotValue: stake.spotValue, swapValue: stake.swapValue } }, new Map([['5C', 'w']]))
    expect(text).toMatch(/ALPHA\s+PRICE τ\/α\s+SWAP VALUE\s+SPOT VALUE/)
    expect(text).toContain('1,234,567.5')
    expect(text).toContain('12,345.1')
    expect(text).toContain('τ830')
    expect(text).toContain('τ15,241,560,000')
    expect(text).toMatch(/swap value: what unstaking would pay now/)
  })
})
