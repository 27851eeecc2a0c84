import { describe, expect, it } from 'vitest'
import { batchLegOutcomes } from './batch-legs.js'
import type { TxEvent } from '../../node/index.js'

const ev = (name: string, data: unknown): TxEvent => ({ pallet: 'SubtensorModule', name, data })
const fail = (error: string) => ev('BatchWeightItemFailed', { type: 'Module', value: { type: 'SubtensorModule', value: { type: error } } })
const describeError = (e: unknown) => `SubtensorModule.${(e as { value: { value: { type: string } } }).value.value.type}`

describe('batchLegOutcomes', () => {
  it('every leg landed: its success event names its subnet', () => {
    const events = [ev('WeightsSet', [4, 1]), ev('WeightsSet', [7, 1]), ev('BatchWeightsCompleted', [[4, 7], 'hk'])]
    expect(batchLegOutcomes([4, 7], 'set', events, describeError)).toEqual([
      { netuid: 4, ok: true, error: null },
      { netuid: 7, ok: true, error: null },
    ])
  })

  it('failures, which name no subnet, go in order to the legs without a success event', () => {
    const events = [
      ev('WeightsCommitted', ['hk', 5, '0xaa']),
      ev('BatchCompletedWithErrors', []),
      fail('CommitRevealDisabled'),
      fail('TooManyUnrevealedCommits'),
      ev('BatchWeightsCompleted', [[3, 5, 9], 'hk']),
    ]
    expect(batchLegOutcomes([3, 5, 9], 'commit', events, describeError)).toEqual([
      { netuid: 3, ok: false, error: 'SubtensorModule.CommitRevealDisabled' },
      { netuid: 5, ok: true, error: null },
      { netuid: 9, ok: false, error: 'SubtensorModule.TooManyUnrevealedCommits' },
    ])
  })

  it('reads the error bare or in a one-item tuple, and events decoded as named fields', () => {
    const events = [
      ev('WeightsSet', { netuid: 2, uid: 0 }),
      { ...fail('NeuronNoValidatorPermit'), data: [fail('NeuronNoValidatorPermit').data] },
    ]
    expect(batchLegOutcomes([2, 8], 'set', events, describeError)).toEqual([
      { netuid: 2, ok: true, error: null },
      { netuid: 8, ok: false, error: 'SubtensorModule.NeuronNoValidatorPermit' },
    ])
  })

  it('a leg with neither event says so', () => {
    expect(batchLegOutcomes([1], 'set', [], describeError)).toEqual([{ netuid: 1, ok: false, error: 'no event for this subnet' }])
  })
})
