import { describe, expect, it } from 'vitest'
import {
  blockEmissionForIssuance,
  blocksToEmit,
  halvingIssuance,
  halvingsAt,
  MAX_HALVINGS,
  nextHalving,
  TAO_SUPPLY_CAP,
} from './emission.js'

const TAO = 1_000_000_000n
const MTAO = 1_000_000n * TAO

describe('the emission schedule', () => {
  // The schedule: 1 TAO a block until 10.5M TAO are issued, then half as much at each of 15.75M, 18.375M, … TAO.
  const schedule: Array<[string, bigint, number, bigint]> = [
    ['nothing issued', 0n, 0, TAO],
    ['1 rao issued', 1n, 0, TAO],
    ['1M TAO', 1n * MTAO, 0, TAO],
    ['one rao before 10.5M TAO', 10_500_000n * TAO - 1n, 0, TAO],
    ['exactly 10.5M TAO', 10_500_000n * TAO, 1, TAO / 2n],
    ['one rao after 10.5M TAO', 10_500_000n * TAO + 1n, 1, TAO / 2n],
    ['one rao before 15.75M TAO', 15_750_000n * TAO - 1n, 1, TAO / 2n],
    ['exactly 15.75M TAO', 15_750_000n * TAO, 2, TAO / 4n],
    ['one rao before 18.375M TAO', 18_375_000n * TAO - 1n, 2, TAO / 4n],
    ['exactly 18.375M TAO', 18_375_000n * TAO, 3, TAO / 8n],
    ['exactly 19.6875M TAO', 19_687_500n * TAO, 4, TAO / 16n],
    ['exactly 20.34375M TAO', 20_343_750n * TAO, 5, TAO / 32n],
  ]
  it.each(schedule)('%s: %i halvings', (_, issuance, halvings, emission) => {
    expect(halvingsAt(issuance)).toBe(halvings)
    expect(blockEmissionForIssuance(issuance)).toBe(emission)
  })

  it('halves at cap × (1 − 2^−k), the first thresholds being 10.5M, 15.75M and 18.375M TAO', () => {
    expect(halvingIssuance(1)).toBe(10_500_000n * TAO)
    expect(halvingIssuance(2)).toBe(15_750_000n * TAO)
    expect(halvingIssuance(3)).toBe(18_375_000n * TAO)
    expect(halvingIssuance(4)).toBe(19_687_500n * TAO)
    // Beyond the 15th halving cap/2^k is not a whole number of rao: the crossing is the next rao up.
    expect(halvingIssuance(16)).toBe(TAO_SUPPLY_CAP - TAO_SUPPLY_CAP / 65_536n)
    expect(TAO_SUPPLY_CAP % 65_536n).not.toBe(0n)
  })

  it('crosses every halving at exactly the rao the closed form gives (the runtime fixed-point steps agree)', () => {
    for (let k = 1; k <= MAX_HALVINGS; k++) {
      const at = halvingIssuance(k)
      expect(halvingsAt(at - 1n), `halving ${k}, one rao before`).toBe(k - 1)
      expect(halvingsAt(at), `halving ${k}, at the threshold`).toBe(k)
      // Emission is the base over 2^k, truncated to whole rao.
      expect(blockEmissionForIssuance(at)).toBe(TAO / (1n << BigInt(k)))
      expect(blockEmissionForIssuance(at - 1n)).toBe(TAO / (1n << BigInt(k - 1)))
    }
  })

  it('uses the base emission it is given', () => {
    expect(blockEmissionForIssuance(0n, 2n * TAO)).toBe(2n * TAO)
    expect(blockEmissionForIssuance(halvingIssuance(2), 2n * TAO)).toBe(TAO / 2n)
    expect(blockEmissionForIssuance(halvingIssuance(1), 3n)).toBe(1n) // 3 / 2, truncated
  })

  it('emits nothing at or above the cap, and 0 rao once 2^k exceeds the base', () => {
    expect(halvingsAt(TAO_SUPPLY_CAP)).toBeNull()
    expect(blockEmissionForIssuance(TAO_SUPPLY_CAP)).toBe(0n)
    expect(blockEmissionForIssuance(TAO_SUPPLY_CAP + 1n)).toBe(0n)
    expect(blockEmissionForIssuance(2n ** 64n - 1n)).toBe(0n)
    expect(halvingsAt(TAO_SUPPLY_CAP - 1n)).toBe(MAX_HALVINGS)
    expect(blockEmissionForIssuance(TAO_SUPPLY_CAP - 1n)).toBe(0n)
    expect(blockEmissionForIssuance(halvingIssuance(29))).toBe(1n) // 1e9 / 2^29 = 1.86…
    expect(blockEmissionForIssuance(halvingIssuance(30))).toBe(0n)
  })

  it('refuses what is not a u64', () => {
    expect(() => halvingsAt(-1n)).toThrow(RangeError)
    expect(() => halvingsAt(2n ** 64n)).toThrow(RangeError)
    expect(() => halvingIssuance(0)).toThrow(RangeError)
    expect(() => halvingIssuance(MAX_HALVINGS + 1)).toThrow(RangeError)
  })
})

describe('the next halving', () => {
  it('is the first one while less than 10.5M TAO are issued', () => {
    expect(nextHalving(1n)).toEqual({ halving: 1, issuance: 10_500_000n * TAO, remaining: 10_500_000n * TAO - 1n, blockEmission: TAO / 2n })
  })

  it('moves on at the exact crossing', () => {
    expect(nextHalving(10_500_000n * TAO - 1n)).toMatchObject({ halving: 1, remaining: 1n })
    expect(nextHalving(10_500_000n * TAO)).toEqual({
      halving: 2,
      issuance: 15_750_000n * TAO,
      remaining: 5_250_000n * TAO,
      blockEmission: TAO / 4n,
    })
    expect(nextHalving(18_375_000n * TAO)).toMatchObject({ halving: 4, issuance: 19_687_500n * TAO, blockEmission: TAO / 16n })
  })

  it('is null once the emission is zero', () => {
    expect(nextHalving(halvingIssuance(29))).toMatchObject({ halving: 30, blockEmission: 0n })
    expect(nextHalving(halvingIssuance(30))).toBeNull()
    expect(nextHalving(TAO_SUPPLY_CAP)).toBeNull()
  })

  it('is reached in whole blocks at the current rate', () => {
    expect(blocksToEmit(10n, 3n)).toBe(4n)
    expect(blocksToEmit(9n, 3n)).toBe(3n)
    expect(blocksToEmit(1n, TAO)).toBe(1n)
    expect(blocksToEmit(0n, TAO)).toBe(0n)
    expect(blocksToEmit(5n, 0n)).toBeNull()
    // From nothing issued, at 1 TAO a block: 10.5M blocks.
    expect(blocksToEmit(nextHalving(0n)!.remaining, blockEmissionForIssuance(0n))).toBe(10_500_000n)
  })
})
