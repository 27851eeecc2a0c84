import { PRICE_SCALE } from '../models.js'
import { alphaToTao } from './pool.js'

/**
 * How a subnet's alpha converts to TAO at one block. Pure.
 * - `fixed`: root (netuid 0) and stable subnets, 1 alpha = 1 TAO.
 * - `pool`: the constant-product reserves (spec 218): price = taoIn / alphaIn, exact.
 * - `quoted`: the runtime's own quote (SwapRuntimeApi), TAO per alpha × PRICE_SCALE, with the pool's
 *   reserves when they were read (for a swap estimate).
 */
export type Pricing =
  | { kind: 'fixed' }
  | { kind: 'pool'; taoIn: bigint; alphaIn: bigint }
  | { kind: 'quoted'; price: bigint; reserves?: { taoIn: bigint; alphaIn: bigint } }

export const FIXED: Pricing = { kind: 'fixed' }

/** The pricing of a subnet from what the runtime gave: root 1:1, then a quote, then a stable subnet, then the pool. */
export function pricingOf(
  netuid: number,
  pool: { taoIn: bigint; alphaIn: bigint },
  opts: { mechanism?: number | null; quote?: bigint; withReserves?: boolean } = {},
): Pricing {
  // Root trades 1:1 on every runtime (its quote says so too).
  if (netuid === 0) return FIXED
  if (opts.quote !== undefined)
    return { kind: 'quoted', price: opts.quote, ...(opts.withReserves ? { reserves: { taoIn: pool.taoIn, alphaIn: pool.alphaIn } } : {}) }
  if (opts.mechanism === 0) return FIXED
  return { kind: 'pool', taoIn: pool.taoIn, alphaIn: pool.alphaIn }
}

/** TAO per alpha × PRICE_SCALE; null when the pool holds no alpha. */
export function priceOf(p: Pricing): bigint | null {
  switch (p.kind) {
    case 'fixed':
      return PRICE_SCALE
    case 'quoted':
      return p.price
    case 'pool':
      return p.alphaIn === 0n ? null : (p.taoIn * PRICE_SCALE) / p.alphaIn
  }
}

/**
 * What `alpha` (base units) is worth in rao at the spot price, rounded down; 0 when there is no price. Not what
 * unstaking pays: a sale moves the price (see swapValue).
 */
export function taoValue(alpha: bigint, p: Pricing): bigint {
  switch (p.kind) {
    case 'fixed':
      return alpha
    case 'quoted':
      return (alpha * p.price) / PRICE_SCALE
    case 'pool':
      return p.alphaIn === 0n ? 0n : (alpha * p.taoIn) / p.alphaIn
  }
}

/**
 * The TAO (rao) that selling `alpha` into the pool pays now, by the constant product over the pool's reserves:
 * what spec 218 computes, to the rao; on a runtime with a Swap pallet an estimate without its fee (null when
 * the reserves were not read). Never more than the pool holds, however large the stake.
 */
export function swapValue(alpha: bigint, p: Pricing): bigint | null {
  if (alpha === 0n) return 0n
  switch (p.kind) {
    case 'fixed':
      return alpha
    case 'quoted':
      return p.reserves ? alphaToTao({ ...p.reserves, dynamic: true }, alpha).tao : null
    case 'pool':
      return alphaToTao({ taoIn: p.taoIn, alphaIn: p.alphaIn, dynamic: true }, alpha).tao
  }
}
