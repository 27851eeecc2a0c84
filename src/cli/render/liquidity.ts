import { formatTao, shortAmount } from '../../core/amount.js'
import { table } from '../../core/output.js'
import type { LiquidityPool, LiquidityPosition } from '../../subtensor/liquidity/pool.js'

/** The positions of one coldkey in one subnet's pool, as a table with the pool's state above it. */
export function liquidityTable(pool: LiquidityPool, coldkey: string, positions: LiquidityPosition[]): string {
  const head = [
    `Subnet ${pool.netuid} pool: price ${formatTao(pool.price)} (tick ${pool.currentTick}), user liquidity ${pool.enabled ? 'enabled' : 'disabled'}, fee ${((pool.feeRate / 65535) * 100).toFixed(2)}%`,
    `Positions of ${coldkey}:`,
  ]
  if (!positions.length) return [...head, '  none'].join('\n')
  const rows = [
    ['ID', 'Liquidity', 'TAO', 'Alpha', 'Price low', 'Price high', 'Fees TAO', 'Fees alpha', 'In range'],
    ...positions.map((p) => [
      p.id.toString(),
      shortAmount(p.liquidity),
      shortAmount(p.tao),
      shortAmount(p.alpha),
      formatTao(p.priceLow),
      formatTao(p.priceHigh),
      shortAmount(p.feesTao, 9),
      shortAmount(p.feesAlpha, 9),
      p.inRange ? 'yes' : 'no',
    ]),
  ]
  return [...head, table(rows)].join('\n')
}
