import { describe, expect, it } from 'vitest'
import { readBatchWeightsInput } from './weights.js'

describe('readBatchWeightsInput (--netuids with --uids/--weights)', () => {
  it('one list: the same weights on every subnet', () => {
    const r = readBatchWeightsInput({ netuids: '2,5', uids: '0,1', weights: '1,3' })
    expect(r.legs.map((l) => [l.netuid, l.emit.uids, l.emit.values])).toEqual([
      [2, [0, 1], [21845, 65535]],
      [5, [0, 1], [21845, 65535]],
    ])
    expect(r.versionKey).toBeUndefined()
  })

  it('";"-separated lists: one per subnet, in order; the version key read once', () => {
    const r = readBatchWeightsInput({ netuids: '2,5', uids: '0,1;4', weights: '1,1;2', 'version-key': '9' })
    expect(r.legs.map((l) => [l.netuid, l.emit.uids, l.emit.values])).toEqual([
      [2, [0, 1], [65535, 65535]],
      [5, [4], [65535]],
    ])
    expect(r.versionKey).toBe(9n)
  })

  it('refuses a count of lists that is neither 1 nor one per subnet, a repeated subnet, and a bad list naming its subnet', () => {
    expect(() => readBatchWeightsInput({ netuids: '2,5,7', uids: '0;1', weights: '1' })).toThrow(
      /--uids has 2 ";"-separated lists for 3 subnets/,
    )
    expect(() => readBatchWeightsInput({ netuids: '2,2', uids: '0', weights: '1' })).toThrow(/subnet 2 twice/)
    expect(() => readBatchWeightsInput({ netuids: '2,5', uids: '0;1,1', weights: '1;1,1' })).toThrow(/--uids \(subnet 5\)/)
  })
})
