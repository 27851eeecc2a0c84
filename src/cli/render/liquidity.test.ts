import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { LiquidityPool, LiquidityPosition } from '../../subtensor/liquidity/pool.js'
import { liquidityTable } from './liquidity.js'

const TAO = 1_000_000_000n
const COLDKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const pool = { netuid: 2, price: TAO / 2n, currentTick: -6932, enabled: true, feeRate: 196 } as LiquidityPool
const position = {
  id: 3n,
  liquidity: 10n * TAO,
  tao: 2n * TAO,
  alpha: 4n * TAO,
  priceLow: TAO / 4n,
  priceHigh: 2n * TAO,
  feesTao: 1n,
  feesAlpha: 0n,
  inRange: true,
} as LiquidityPosition

describe('liquidityTable', () => {
  it('the pool above its positions, one row each, in columns', () => {
    const lines = stripVTControlCharacters(liquidityTable(pool, COLDKEY, [position])).split('\n')
    expect(lines[0]).toBe('Subnet 2 pool: price 0.5 (tick -6932), user liquidity enabled, fee 0.30%')
    expect(lines[1]).toBe(`Positions of ${COLDKEY}:`)
    expect(lines[2]!.split(/\s{2,}/)).toEqual([
      'ID',
      'Liquidity',
      'TAO',
      'Alpha',
      'Price low',
      'Price high',
      'Fees TAO',
      'Fees alpha',
      'In range',
    ])
    expect(lines[3]!.split(/\s{2,}/)[0]).toBe('3')
    expect(lines[3]!.split(/\s{2,}/).at(-1)).toBe('yes')
    expect(lines[2]!.indexOf('TAO')).toBe(lines[3]!.indexOf(lines[3]!.split(/\s{2,}/)[2]!))
  })

  it('says so when the coldkey has none', () => {
    expect(liquidityTable(pool, COLDKEY, []).split('\n').at(-1)).toBe('  none')
  })
})
