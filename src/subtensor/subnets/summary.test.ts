import { describe, expect, it } from 'vitest'
import type { DynamicRecord } from '../runtime/records.js'
import { nextEpochBlock, subnetSummary } from './summary.js'
import { PRICE_SCALE } from '../models.js'

/** The runtime's rule, block by block: an epoch runs where tempo - (block + netuid + 1) % (tempo + 1) == 0. */
const runsAt = (netuid: number, tempo: number, block: number) => tempo - ((block + netuid + 1) % (tempo + 1)) === 0

describe('subnet summary', () => {
  it('nextEpochBlock is the first block after this one where the runtime runs the epoch', () => {
    for (const tempo of [1, 2, 10, 99, 360])
      for (const netuid of [0, 1, 2, 7, 128])
        for (let block = 0; block < 3 * tempo + 5; block++) {
          let expected = block + 1
          while (!runsAt(netuid, tempo, expected)) expected++
          expect(nextEpochBlock(netuid, tempo, block), `tempo ${tempo} netuid ${netuid} block ${block}`).toBe(expected)
        }
    expect(nextEpochBlock(1, 0, 10)).toBeNull()
  })

  it('fills what DynamicInfo lacks from the extras, keeps what it has, and prices market cap', () => {
    const d: DynamicRecord = {
      netuid: 2,
      ownerColdkey: 'cold',
      ownerHotkey: null,
      name: null,
      symbol: 'β',
      tempo: 10,
      blocksSinceLastStep: 3n,
      taoEmission: 5n,
      taoIn: 100n,
      alphaIn: 200n,
      alphaOut: 50n,
      registeredAt: null,
    }
    const s = subnetSummary(
      d,
      { neurons: 3, maxNeurons: 256, burn: 9n, pricing: { kind: 'pool', taoIn: 100n, alphaIn: 200n }, name: 'apex', symbol: 'x', ownerHotkey: 'hot', registeredAt: 7n, epochByBlock: false },
      40,
    )
    expect(s).toEqual({
      netuid: 2,
      name: 'apex',
      symbol: 'β',
      ownerColdkey: 'cold',
      ownerHotkey: 'hot',
      price: PRICE_SCALE / 2n,
      marketCap: 125n,
      taoEmission: 5n,
      taoIn: 100n,
      alphaIn: 200n,
      alphaOut: 50n,
      tempo: 10,
      blocksSinceLastStep: 3,
      nextEpochBlock: null,
      neurons: 3,
      maxNeurons: 256,
      burn: 9n,
      registeredAt: 7,
    })
  })
})
