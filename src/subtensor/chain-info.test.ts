import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeMetadata } from '../node/metadata.js'
import { chainInfoPlan, estimateHalving } from './chain-info.js'
import { halvingIssuance } from './emission.js'

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/metadata-spec381.scale')
const TAO = 1_000_000_000n

describe('what chain info reads on a newer runtime (spec 381 metadata)', () => {
  it('has every source; TAO weight is one value; the base emission is the BlockEmission default (1 TAO)', () => {
    const plan = chainInfoPlan(decodeMetadata(readFileSync(FIXTURE)))
    expect(plan.missing).toEqual([])
    expect(plan.taoWeight).toBe('global')
    expect(plan.baseEmission).toBe(TAO)
  })
})

describe('the halving estimate', () => {
  it('counts whole blocks at the current emission from the best block and its timestamp', () => {
    const issuance = halvingIssuance(1) - 2n * TAO - 1n
    expect(estimateHalving(issuance, TAO, 100, 1_700_000_000_000, 12_000)).toEqual({
      halving: 1,
      issuance: halvingIssuance(1),
      remaining: 2n * TAO + 1n,
      blockEmission: TAO / 2n,
      blocks: 3n,
      block: 103n,
      time: 1_700_000_000_000 + 3 * 12_000,
    })
  })

  it('has no date without a timestamp or block time, and none past what a date can hold', () => {
    expect(estimateHalving(0n, TAO, 1, null, 12_000)).toMatchObject({ blocks: 10_500_000n, time: null })
    expect(estimateHalving(0n, TAO, 1, 0, null)).toMatchObject({ time: null })
    // After the 29th halving 1 rao a block is left: the 30th (emission 0) is cap/2^30 rao, so as many blocks away.
    expect(estimateHalving(halvingIssuance(29), TAO, 1, 0, 12_000)).toMatchObject({ blockEmission: 0n, blocks: 19_557_774n })
    expect(estimateHalving(halvingIssuance(29), TAO, 1, 0, 10 ** 12)).toMatchObject({ time: null })
  })

  it('is null once the emission is zero', () => {
    expect(estimateHalving(halvingIssuance(30), TAO, 1, 0, 12_000)).toBeNull()
  })
})
