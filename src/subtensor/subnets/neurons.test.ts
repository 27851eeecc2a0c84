import { describe, expect, it } from 'vitest'
import type { UidVectors } from '../runtime/records.js'
import { filterNeurons, neuronsFrom, NEURON_SORT_KEYS, sortNeurons } from './neurons.js'

const vectors: UidVectors = {
  hotkeys: ['h0', 'h1', 'h2', 'h3'],
  coldkeys: ['c0', 'c1', 'c1', 'c3'],
  active: [true, true, false, true],
  validatorPermit: [true, false, true, false],
  lastUpdate: [10n, 20n, 30n, 40n],
  emission: [5n, 50n, 0n, 50n],
  dividends: [65535, 0, 0, 0],
  incentives: [0, 32768, 16384, 65535],
  consensus: [1, 2, 3, 4],
  trust: [4, 3, 2, 1],
  rank: [0, 0, 0, 0],
  blockAtRegistration: [1n, 2n, 3n, 4n],
  alphaStake: [400n, 100n, 300n, 200n],
  taoStake: [0n, 0n, 0n, 0n],
  totalStake: [400n, 100n, 300n, 200n],
}
const neurons = neuronsFrom(vectors, { validatorTrust: [65535], axons: [], pricing: { kind: 'pool', taoIn: 1n, alphaIn: 2n } })

describe('metagraph rows', () => {
  it('maps each UID, normalising u16 figures and valuing alpha at the pool price', () => {
    expect(neurons).toHaveLength(4)
    expect(neurons[1]).toMatchObject({
      uid: 1,
      hotkey: 'h1',
      coldkey: 'c1',
      incentive: 32768 / 65535,
      stakeSpotValue: 50n,
      emission: 50n,
      validatorPermit: false,
      registeredAt: 2,
      axon: null,
    })
    // Unstaking 100 alpha from a pool of 1 rao and 2 alpha pays what the pool holds at most, not 50.
    expect(neurons[1]!.stakeSwapValue).toBeLessThanOrEqual(1n)
    expect(neurons[0]!.validatorTrust).toBe(1)
    expect(neurons[3]!.validatorTrust).toBe(0)
  })

  it('sorts figures largest first, uid and keys ascending, ties by uid, --reverse flips', () => {
    expect(sortNeurons(neurons, 'stake').map((n) => n.uid)).toEqual([0, 2, 3, 1])
    expect(sortNeurons(neurons, 'stake', true).map((n) => n.uid)).toEqual([1, 3, 2, 0])
    expect(sortNeurons(neurons, 'emission').map((n) => n.uid)).toEqual([1, 3, 0, 2])
    expect(sortNeurons(neurons, 'emission', true).map((n) => n.uid)).toEqual([2, 0, 3, 1])
    expect(sortNeurons(neurons, 'uid').map((n) => n.uid)).toEqual([0, 1, 2, 3])
    expect(sortNeurons(neurons, 'hotkey', true).map((n) => n.uid)).toEqual([3, 2, 1, 0])
    expect(sortNeurons(neurons, 'updated').map((n) => n.uid)).toEqual([3, 2, 1, 0])
    for (const key of NEURON_SORT_KEYS) expect(sortNeurons(neurons, key)).toHaveLength(4)
    expect(neurons.map((n) => n.uid)).toEqual([0, 1, 2, 3]) // the input is not reordered
  })

  it('filters by hotkeys, coldkeys and validator permit, all combined', () => {
    expect(filterNeurons(neurons, {}).map((n) => n.uid)).toEqual([0, 1, 2, 3])
    expect(filterNeurons(neurons, { hotkeys: ['h2', 'h3'] }).map((n) => n.uid)).toEqual([2, 3])
    expect(filterNeurons(neurons, { coldkeys: ['c1'] }).map((n) => n.uid)).toEqual([1, 2])
    expect(filterNeurons(neurons, { coldkeys: ['c1'], validators: true }).map((n) => n.uid)).toEqual([2])
    expect(filterNeurons(neurons, { hotkeys: [] }).map((n) => n.uid)).toEqual([])
  })
})
