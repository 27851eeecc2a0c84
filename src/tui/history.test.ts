import { describe, expect, test } from 'vitest'
import type { Metagraph } from '../subtensor/models.js'
import { emptyHistory, recordBlock, Ring } from './history.js'
import { sparkline } from './sparkline.js'

const mg = (netuid: number, block: number, neurons: Array<{ uid: number; hotkey: string; stake: bigint }>): Metagraph =>
  ({
    block,
    subnet: { netuid } as never,
    neurons: neurons.map((n) => ({ uid: n.uid, hotkey: n.hotkey, alphaStake: n.stake, incentive: 0, dividends: 0, emission: 0n })) as never,
  }) as Metagraph

describe('history', () => {
  test('a ring keeps the newest values, oldest first', () => {
    const r = new Ring(3)
    expect(r.last()).toEqual([])
    for (const v of [1, 2, 3, 4, 5]) r.push(v)
    expect(r.last()).toEqual([3, 4, 5])
    expect(r.last(2)).toEqual([4, 5])
    expect(r.latest()).toBe(5)
    expect(r.length).toBe(3)
  })

  test('one point per block and UID; a replaced UID or another subnet starts afresh; bounded', () => {
    let h = emptyHistory()
    for (let b = 1; b <= 10; b++)
      h = recordBlock(
        h,
        mg(1, b, [
          { uid: 0, hotkey: 'a', stake: BigInt(b) * 1_000_000_000n },
          { uid: 1, hotkey: 'b', stake: 0n },
        ]),
        b,
        4,
      )
    expect(h.byUid.get(0)!.series.stake.last()).toEqual([7, 8, 9, 10])
    // The same block twice is one point.
    h = recordBlock(h, mg(1, 10, [{ uid: 0, hotkey: 'a', stake: 0n }]), 10, 4)
    expect(h.byUid.get(0)!.series.stake.latest()).toBe(10)
    h = recordBlock(h, mg(1, 11, [{ uid: 0, hotkey: 'z', stake: 1_000_000_000n }]), 11, 4)
    expect(h.byUid.get(0)!.series.stake.last()).toEqual([1])
    expect(h.byUid.has(1)).toBe(false) // left the subnet
    h = recordBlock(h, mg(2, 12, [{ uid: 5, hotkey: 'q', stake: 0n }]), 12, 4)
    expect([...h.byUid.keys()]).toEqual([5])
    expect(h.netuid).toBe(2)
  })
})

describe('sparkline', () => {
  test('scales between min and max, newest values only', () => {
    expect(sparkline([0, 7], 10)).toBe('▁█')
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█')
    expect(sparkline([9, 0, 1], 2)).toBe('▁█')
    expect(sparkline([3, 3, 3], 5)).toBe('▄▄▄')
    expect(sparkline([0, 0], 5)).toBe('▁▁')
    expect(sparkline([], 5)).toBe('')
  })
})
