/**
 * A subnet's user-liquidity pool (pallet Swap) as the chain stores it, and the positions a coldkey holds in it
 * with their amounts and uncollected fees worked out with the runtime's arithmetic.
 */
import { badInput } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { tokenAmounts, uncollectedFees, type TickFees } from './position-math.js'
import { priceAtTick, priceOfSqrt } from './tick-math.js'

const SWAP = 'Swap'
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as number | string | undefined) ?? 0))

/** Refuse (exit 2) before anything is signed when the runtime has no Swap pallet or not this call of it. */
export function requireSwap(chain: Chain, call?: string): void {
  const m = chain.metadata
  if (!m.pallets().includes(SWAP))
    throw badInput(`this runtime ${m.where} has no Swap pallet: user liquidity needs a newer runtime`, 'NOT_IN_RUNTIME')
  if (call !== undefined && !m.call(SWAP, call)) throw badInput(`this runtime ${m.where} has no Swap.${call}`, 'CALL_NOT_IN_RUNTIME')
}

export interface LiquidityPool {
  netuid: number
  /** Swap.EnabledUserLiquidity: whether positions may be added or modified. */
  enabled: boolean
  /** Swap.SwapV3Initialized: whether the pool has been priced from its reserves (its first swap does it). */
  initialized: boolean
  /** Swap.AlphaSqrtPrice (U64F64 bits) and the price it stands for (TAO per alpha, 9 decimals). */
  sqrtPrice: bigint
  price: bigint
  currentTick: number
  /** Swap.FeeRate (of 65535). */
  feeRate: number
  feeGlobalTao: bigint
  feeGlobalAlpha: bigint
}

export interface LiquidityPosition {
  id: bigint
  netuid: number
  tickLow: number
  tickHigh: number
  priceLow: bigint
  priceHigh: bigint
  liquidity: bigint
  /** What the position holds at the pool's price now (rao). */
  tao: bigint
  alpha: bigint
  /** Fees earned and not yet collected (rao): removing or modifying the position pays them. */
  feesTao: bigint
  feesAlpha: bigint
  /** The pool's price is inside the position's range (it earns fees and holds both tokens). */
  inRange: boolean
}

/** Refuse (exit 2) a netuid the chain does not have. */
export async function requireSubnet(chain: Chain, netuid: number): Promise<void> {
  if (!(await chain.storage('SubtensorModule', 'NetworksAdded', netuid)))
    throw badInput(`subnet ${netuid} does not exist on this chain`, 'NO_SUCH_SUBNET')
}

export async function readLiquidityPool(chain: Chain, netuid: number): Promise<LiquidityPool> {
  const read = (item: string) => chain.storage(SWAP, item, netuid)
  const [enabled, initialized, sqrt, tick, rate, feeTao, feeAlpha] = await Promise.all(
    ['EnabledUserLiquidity', 'SwapV3Initialized', 'AlphaSqrtPrice', 'CurrentTick', 'FeeRate', 'FeeGlobalTao', 'FeeGlobalAlpha'].map(read),
  )
  const sqrtPrice = big(sqrt)
  return {
    netuid,
    enabled: enabled === true,
    initialized: initialized === true,
    sqrtPrice,
    price: priceOfSqrt(sqrtPrice),
    currentTick: Number(tick ?? 0),
    feeRate: Number(rate ?? 0),
    feeGlobalTao: big(feeTao),
    feeGlobalAlpha: big(feeAlpha),
  }
}

interface StoredPosition {
  id: unknown
  netuid: unknown
  tick_low: unknown
  tick_high: unknown
  liquidity: unknown
  fees_tao: unknown
  fees_alpha: unknown
}

const tickFees = (v: unknown): TickFees => {
  const t = v as { fees_out_tao?: unknown; fees_out_alpha?: unknown } | undefined
  return { feesOutTao: big(t?.fees_out_tao), feesOutAlpha: big(t?.fees_out_alpha) }
}

/** The positions `coldkey` holds on the subnet (Swap.Positions), by id, valued at the pool's price. */
export async function readPositions(chain: Chain, pool: LiquidityPool, coldkey: string): Promise<LiquidityPosition[]> {
  const entries = await chain.entries(SWAP, 'Positions', pool.netuid, coldkey)
  const stored = entries.map((e) => e.value as StoredPosition)
  const ticks = new Map<number, TickFees>()
  const wanted = [...new Set(stored.flatMap((p) => [Number(p.tick_low), Number(p.tick_high)]))]
  await Promise.all(wanted.map(async (t) => ticks.set(t, tickFees(await chain.storage(SWAP, 'Ticks', pool.netuid, t)))))
  return stored
    .map((p) => {
      const tickLow = Number(p.tick_low)
      const tickHigh = Number(p.tick_high)
      const liquidity = big(p.liquidity)
      const amounts = tokenAmounts(liquidity, tickLow, tickHigh, pool.sqrtPrice)
      const fees = uncollectedFees(
        { tickLow, tickHigh, liquidity, feesTao: big(p.fees_tao), feesAlpha: big(p.fees_alpha) },
        ticks.get(tickLow)!,
        ticks.get(tickHigh)!,
        pool,
      )
      return {
        id: big(p.id),
        netuid: pool.netuid,
        tickLow,
        tickHigh,
        priceLow: priceAtTick(tickLow),
        priceHigh: priceAtTick(tickHigh),
        liquidity,
        tao: amounts.tao,
        alpha: amounts.alpha,
        feesTao: fees.tao,
        feesAlpha: fees.alpha,
        inRange: tickLow <= pool.currentTick && pool.currentTick < tickHigh,
      }
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
