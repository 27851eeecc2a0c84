import { describe, expect, it } from 'vitest'
import { poolValuer, stakePositions, valueTogether } from './stake.js'
import { alphaToTao } from './pool.js'
import { PRICE_SCALE } from '../models.js'

const T = 1_000_000_000n

describe('stake views', () => {
  it('values each position at its subnet pricing and orders by coldkey as asked, subnet, hotkey', async () => {
    const records = [
      { coldkey: 'b', hotkey: 'h2', netuid: 1, alpha: 10n },
      { coldkey: 'a', hotkey: 'h9', netuid: 3, alpha: 4n },
      { coldkey: 'b', hotkey: 'h1', netuid: 1, alpha: 6n },
      { coldkey: 'b', hotkey: 'h1', netuid: 0, alpha: 7n },
    ]
    const pricing = new Map([
      [0, { kind: 'fixed' as const }],
      [1, { kind: 'pool' as const, taoIn: 1000n, alphaIn: 2000n }],
      [3, { kind: 'quoted' as const, price: 3n * PRICE_SCALE, reserves: { taoIn: 3000n, alphaIn: 1000n } }],
    ])
    const sell = (taoIn: bigint, alphaIn: bigint, alpha: bigint) => alphaToTao({ taoIn, alphaIn, dynamic: true }, alpha).tao
    expect(await stakePositions(records, poolValuer(pricing), ['b', 'a'])).toEqual([
      { coldkey: 'b', hotkey: 'h1', netuid: 0, alpha: 7n, spotValue: 7n, swapValue: 7n, price: PRICE_SCALE },
      { coldkey: 'b', hotkey: 'h1', netuid: 1, alpha: 6n, spotValue: 3n, swapValue: sell(1000n, 2000n, 6n), price: PRICE_SCALE / 2n },
      { coldkey: 'b', hotkey: 'h2', netuid: 1, alpha: 10n, spotValue: 5n, swapValue: sell(1000n, 2000n, 10n), price: PRICE_SCALE / 2n },
      { coldkey: 'a', hotkey: 'h9', netuid: 3, alpha: 4n, spotValue: 12n, swapValue: sell(3000n, 1000n, 4n), price: 3n * PRICE_SCALE },
    ])
  })

  it('a stake far larger than a thin pool is worth what the pool holds at most, not alpha × price', async () => {
    // 55.8 alpha in a pool of 0.83 TAO and 0.0000024 alpha: the spot price makes it millions of TAO.
    const valuer = poolValuer(new Map([[2, { kind: 'pool' as const, taoIn: 830_000_000n, alphaIn: 2_425n }]]))
    const [view] = await stakePositions([{ coldkey: 'c', hotkey: 'h', netuid: 2, alpha: 55_800_000_000n }], valuer, ['c'])
    expect(view!.spotValue).toBeGreaterThan(19_000_000n * T)
    expect(view!.swapValue).toBeLessThan(830_000_000n)
    expect(view!.swapValue).toBe(alphaToTao({ taoIn: 830_000_000n, alphaIn: 2_425n, dynamic: true }, 55_800_000_000n).tao)
  })

  it('together, the alpha of one subnet is sold in one trade; subnets add up', async () => {
    const valuer = poolValuer(
      new Map([
        [1, { kind: 'pool' as const, taoIn: 100n * T, alphaIn: 200n * T }],
        [0, { kind: 'fixed' as const }],
      ]),
    )
    const stakes = await stakePositions(
      [
        { coldkey: 'a', hotkey: 'h1', netuid: 1, alpha: 50n * T },
        { coldkey: 'a', hotkey: 'h2', netuid: 1, alpha: 50n * T },
        { coldkey: 'a', hotkey: 'h1', netuid: 0, alpha: 3n * T },
      ],
      valuer,
      ['a'],
    )
    const together = await valueTogether(stakes, valuer)
    const sum = stakes.reduce((s, v) => s + v.swapValue, 0n)
    expect(together.swapValue).toBe(alphaToTao({ taoIn: 100n * T, alphaIn: 200n * T, dynamic: true }, 100n * T).tao + 3n * T)
    expect(together.swapValue).toBeLessThan(sum)
    expect(together.spotValue).toBe(53n * T)
  })
})
