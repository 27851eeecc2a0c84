import { describe, expect, it } from 'vitest'
import type { ChainInfo } from '../../subtensor/chain-info.js'
import { chainInfoJson, renderChainInfo } from './chain-info.js'

const TAO = 1_000_000_000n
const full: ChainInfo = {
  specName: 'node-subtensor',
  specVersion: 218,
  best: { hash: '0xbb', number: 1234 },
  finalized: { hash: '0xff', number: 1230 },
  timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
  issuance: 10_500_000n * TAO,
  balancesIssuance: 20_100n * TAO,
  cap: 21_000_000n * TAO,
  blockEmission: TAO / 2n,
  halvings: 1,
  nextHalving: {
    halving: 2,
    issuance: 15_750_000n * TAO,
    remaining: 5_250_000n * TAO,
    blockEmission: TAO / 4n,
    blocks: 10_500_000n,
    block: 10_501_234n,
    time: Date.UTC(2026, 0, 2, 3, 4, 5) + 10_500_000 * 12_000,
  },
  blockTimeMs: 12_000,
  totalStake: 5n * TAO,
  subnets: 2,
  subnetLimit: 12,
  taoWeight: null,
  taoWeightBySubnet: [{ netuid: 1, raw: 3_320_413_933_267_719_290n }],
  missing: [],
}

describe('chain info JSON', () => {
  it('gives amounts as {rao,tao}, counts as numbers, time as ISO 8601', () => {
    const json = chainInfoJson(full, 'local')
    expect(json).toMatchObject({
      network: 'local',
      runtime: { specName: 'node-subtensor', specVersion: 218 },
      block: 1234,
      finalizedBlock: 1230,
      timestamp: '2026-01-02T03:04:05Z',
      issuance: { rao: '10500000000000000', tao: '10500000' },
      balancesIssuance: { rao: '20100000000000', tao: '20100' },
      supplyCap: { rao: '21000000000000000', tao: '21000000' },
      issuedShare: 0.5,
      blockEmission: { rao: '500000000', tao: '0.5' },
      halvings: 1,
      nextHalving: {
        halving: 2,
        issuance: { rao: '15750000000000000', tao: '15750000' },
        blocks: 10_500_000,
        block: 10_501_234,
        date: '2029-12-30T11:04:05Z',
      },
      totalStake: { rao: '5000000000', tao: '5' },
      subnetCount: 2,
      subnetLimit: 12,
      taoWeight: null,
      taoWeightBySubnet: [{ netuid: 1, raw: '3320413933267719290', value: 0.18 }],
      notInRuntime: [],
    })
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })

  it('keeps every field, null, where the runtime lacks the item', () => {
    const lacking: ChainInfo = {
      ...full,
      issuance: null,
      blockEmission: null,
      halvings: null,
      nextHalving: null,
      totalStake: null,
      taoWeightBySubnet: null,
      missing: ['SubtensorModule.TotalIssuance', 'SubtensorModule.TotalStake', 'SubtensorModule.TaoWeight'],
    }
    const json = chainInfoJson(lacking, 'local')
    for (const field of [
      'issuance',
      'issuedShare',
      'blockEmission',
      'halvings',
      'nextHalving',
      'totalStake',
      'taoWeight',
      'taoWeightBySubnet',
    ]) {
      expect(json).toHaveProperty(field, null)
    }
    expect(json.notInRuntime).toEqual(lacking.missing)
  })
})

describe('chain info for people', () => {
  it('shows each figure on its own line', () => {
    const text = renderChainInfo(full)
    expect(text).toMatch(/^Runtime +node-subtensor spec 218$/m)
    expect(text).toMatch(/^Block +#1,234 best, #1,230 finalized \(2026-01-02T03:04:05Z\)$/m)
    expect(text).toMatch(/^Issuance +τ10,500,000 \(50\.0000% of the τ21,000,000 cap\)$/m)
    expect(text).toMatch(/^Block emission +τ0\.5 per block \(1 halving so far\)$/m)
    expect(text).toMatch(/^Next halving +at τ15,750,000 issued \(τ5,250,000 to go\), then 0\.25 TAO a block; about 10,500,000 blocks/m)
    expect(text).toMatch(/^Subnets +2 \(limit 12\)$/m)
    expect(text).toMatch(/^TAO weight +per subnet: 1: 0\.18$/m)
  })

  it('says plainly which item this runtime lacks', () => {
    const text = renderChainInfo({ ...full, specVersion: 999, totalStake: null, subnets: null, taoWeightBySubnet: null })
    expect(text).toMatch(/^Total stake +not in this runtime \(spec 999 has no SubtensorModule\.TotalStake\)$/m)
    expect(text).toMatch(/^Subnets +not in this runtime \(spec 999 has no SubtensorModule\.TotalNetworks\)$/m)
    expect(text).toMatch(/^TAO weight +not in this runtime \(spec 999 has no SubtensorModule\.TaoWeight\)$/m)
    const noEmission = renderChainInfo({ ...full, blockEmission: null, halvings: null, nextHalving: null })
    expect(noEmission).toMatch(/^Block emission +not in this runtime \(spec 218 has no SubtensorModule\.BlockEmission/m)
  })

  it('says when the emission has ended', () => {
    expect(renderChainInfo({ ...full, blockEmission: 0n, halvings: 32, nextHalving: null })).toMatch(
      /^Next halving +none: the block emission has reached zero$/m,
    )
  })
})
