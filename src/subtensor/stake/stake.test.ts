import { describe, expect, it } from 'vitest'
import { stakePositions } from './stake.js'
import { PRICE_SCALE } from '../models.js'

describe('stake positions', () => {
  it('values each position at its subnet pricing and orders by coldkey as asked, subnet, hotkey', () => {
    const records = [
      { coldkey: 'b', hotkey: 'h2', netuid: 1, alpha: 10n },
      { coldkey: 'a', hotkey: 'h9', netuid: 3, alpha: 4n },
      { coldkey: 'b', hotkey: 'h1', netuid: 1, alpha: 6n },
      { coldkey: 'b', hotkey: 'h1', netuid: 0, alpha: 7n },
    ]
    const pricing = new Map([
      [0, { kind: 'fixed' as const }],
      [1, { kind: 'pool' as const, taoIn: 1n, alphaIn: 2n }],
      [3, { kind: 'quoted' as const, price: 3n * PRICE_SCALE }],
    ])
    expect(stakePositions(records, pricing, ['b', 'a'])).toEqual([
      { coldkey: 'b', hotkey: 'h1', netuid: 0, alpha: 7n, value: 7n, price: PRICE_SCALE },
      { coldkey: 'b', hotkey: 'h1', netuid: 1, alpha: 6n, value: 3n, price: PRICE_SCALE / 2n },
      { coldkey: 'b', hotkey: 'h2', netuid: 1, alpha: 10n, value: 5n, price: PRICE_SCALE / 2n },
      { coldkey: 'a', hotkey: 'h9', netuid: 3, alpha: 4n, value: 12n, price: 3n * PRICE_SCALE },
    ])
  })
})
