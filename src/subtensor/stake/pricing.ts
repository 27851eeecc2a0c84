import { PRICE_SCALE } from '../models.js'

/**
 * How a subnet's alpha converts to TAO at one block. Pure.
 * - `fixed`: root (netuid 0) and stable subnets, 1 alpha = 1 TAO.
 * - `pool`: the constant-product reserves (spec 218): price = taoIn / alphaIn, exact.
 * - `quoted`: the runtime's own quote (SwapRuntimeApi), TAO per alpha × PRICE_SCALE.
 */
export type Pricing = { kind: 'fixed' } | { kind: 'pool'; taoIn: bigint; alphaIn: bigint } | { kind: 'quoted'; price: bigint }

export const FIXED: Pricing = { kind: 'fixed' }

/** The pricing of a subnet from what the runtime gave: a quote wins, then root/stable, then the pool. */
export function pricingOf(netuid: number, pool: { taoIn: bigint; alphaIn: bigint }, opts: { mechanism?: number | null; quote?: bigint } = {}): Pricing {
  if (opts.quote !== undefined) return { kind: 'quoted', price: opts.quote }
  if (netuid === 0 || opts.mechanism === 0) return FIXED
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

/** What `alpha` (base units) is worth in rao at this pricing, rounded down; 0 when there is no price. */
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
