import { describe, expect, it } from 'vitest'
import { pairLegs } from './batch.js'

const h = (ss58: string) => ({ ss58, label: ss58 })

describe('the legs of a batch', () => {
  it('one per (hotkey, subnet) pair, hotkeys outer, in the order given; a pair named twice is one leg', () => {
    expect(pairLegs([h('A'), h('B')], [3, 1]).map((l) => `${l.hotkey.ss58}/${l.netuid}`)).toEqual(['A/3', 'A/1', 'B/3', 'B/1'])
    expect(pairLegs([h('A'), h('A')], [1, 1])).toHaveLength(1)
    expect(pairLegs([h('A')], [])).toEqual([])
  })
})
