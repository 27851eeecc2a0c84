import { describe, expect, it } from 'vitest'
import type { DynamicRecord } from '../runtime/records.js'
import { epochEveryBlock, nextEpochBlock, nextEpochIndexBlock, subnetSummary } from './summary.js'
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

  it('a subnet that stepped at a block its tempo did not call for tells a runtime that runs the epoch every block', () => {
    // netuid 1, tempo 10: the schedule runs the epoch at blocks 8, 19, 30 …
    expect(epochEveryBlock([{ netuid: 1, tempo: 10, blocksSinceLastStep: 0 }], 12)).toBe(true)
    expect(epochEveryBlock([{ netuid: 1, tempo: 10, blocksSinceLastStep: 3 }], 12)).toBe(false)
    // Stepped at its scheduled block: a runtime on schedule looks the same; undecided (the block before tells).
    expect(epochEveryBlock([{ netuid: 1, tempo: 10, blocksSinceLastStep: 0 }], 19)).toBeUndefined()
    // Another subnet off its schedule decides for the runtime.
    expect(
      epochEveryBlock(
        [
          { netuid: 1, tempo: 10, blocksSinceLastStep: 0 },
          { netuid: 2, tempo: 10, blocksSinceLastStep: 0 },
        ],
        19,
      ),
    ).toBe(true)
    expect(epochEveryBlock([{ netuid: 1, tempo: 0, blocksSinceLastStep: 0 }], 20)).toBe(false)
  })

  it('the epoch index (get_epoch_index, which reveals go by) turns where (block + netuid + 1) is a multiple of tempo + 1', () => {
    const index = (block: number, netuid: number, tempo: number) => Math.floor((block + netuid + 1) / (tempo + 1))
    for (const [netuid, tempo] of [
      [1, 10],
      [2, 2],
      [7, 360],
    ] as const)
      for (let block = 0; block < 40; block++) {
        const turn = nextEpochIndexBlock(netuid, tempo, block)!
        expect(index(turn, netuid, tempo)).toBe(index(block, netuid, tempo) + 1)
        expect(index(turn - 1, netuid, tempo)).toBe(index(block, netuid, tempo))
      }
  })

  it('a runtime that runs the epoch every block has it next at the next block', () => {
    const d: DynamicRecord = {
      netuid: 2,
      ownerColdkey: 'cold',
      ownerHotkey: null,
      name: null,
      symbol: null,
      tempo: 10,
      blocksSinceLastStep: 0n,
      taoEmission: 0n,
      taoIn: 1n,
      alphaIn: 1n,
      alphaOut: 0n,
      registeredAt: null,
    }
    const extras = { neurons: 0, maxNeurons: 0, burn: 0n, pricing: { kind: 'pool' as const, taoIn: 1n, alphaIn: 1n }, epochByBlock: true }
    expect(subnetSummary(d, { ...extras, epochEveryBlock: true }, 40).nextEpochBlock).toBe(41)
    expect(subnetSummary(d, extras, 40).nextEpochBlock).toBe(nextEpochBlock(2, 10, 40))
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
      {
        neurons: 3,
        maxNeurons: 256,
        burn: 9n,
        pricing: { kind: 'pool', taoIn: 100n, alphaIn: 200n },
        name: 'apex',
        symbol: 'x',
        ownerHotkey: 'hot',
        registeredAt: 7n,
        epochByBlock: false,
      },
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
