/**
 * Pool math of a subnet's TAO/alpha pool, in integers (rao and alpha base units), as the runtime computes it.
 *
 * At spec 218 a subnet's pool is a constant product (`swap_tao_for_alpha` / `swap_alpha_for_tao`) computed
 * in the runtime's I96F32 fixed point (signed 128-bit, 32 fractional bits, saturating): the same steps are
 * replayed here on bigint bits, so a quote is the runtime's result to the rao. Newer runtimes swap through
 * the Swap pallet and answer quotes themselves (SwapRuntimeApi.sim_swap_*); see pool-reader.ts.
 * Prices are TAO per alpha scaled by 1e9 (like amounts); fractions (slippage, tolerance) are parts per 1e9.
 */

/** 1e9: the scale of prices and of fractions. */
export const SCALE = 1_000_000_000n

// I96F32: bits = value × 2^32, clamped to the i128 range (saturating ops).
const FRAC = 32n
const MAX = (1n << 127n) - 1n
const MIN = -(1n << 127n)
const sat = (bits: bigint): bigint => (bits > MAX ? MAX : bits < MIN ? MIN : bits)
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** The runtime's fixed-point steps, on bits. */
export const i96f32 = {
  from: (n: bigint): bigint => sat(n << FRAC),
  add: (a: bigint, b: bigint): bigint => sat(a + b),
  sub: (a: bigint, b: bigint): bigint => sat(a - b),
  mul: (a: bigint, b: bigint): bigint => sat(floorDiv(a * b, 1n << FRAC)),
  /** checked_div: undefined on division by zero or overflow. */
  div: (a: bigint, b: bigint): bigint | undefined => {
    if (b === 0n) return undefined
    const q = floorDiv(a << FRAC, b)
    return q > MAX || q < MIN ? undefined : q
  },
  /** to_num::<u64>(): the integer part (rounds towards −∞), clamped to u64. */
  toU64: (a: bigint): bigint => {
    const n = a >> FRAC
    return n < 0n ? 0n : n > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : n
  },
}

/** A subnet's pool: TAO and alpha reserves. Root (netuid 0) and stable subnets swap 1:1 (`dynamic: false`). */
export interface Pool {
  taoIn: bigint
  alphaIn: bigint
  dynamic: boolean
}

/** Alpha for `tao` and the pool afterwards (spec 218's swap_tao_for_alpha). */
export function taoToAlpha(pool: Pool, tao: bigint): { alpha: bigint; after: Pool } {
  if (!pool.dynamic) return { alpha: tao, after: { ...pool, taoIn: pool.taoIn + tao } }
  const alpha = constantProductOut(pool.taoIn, pool.alphaIn, tao)
  return { alpha, after: { ...pool, taoIn: pool.taoIn + tao, alphaIn: pool.alphaIn > alpha ? pool.alphaIn - alpha : 0n } }
}

/** TAO for `alpha` and the pool afterwards (spec 218's swap_alpha_for_tao). */
export function alphaToTao(pool: Pool, alpha: bigint): { tao: bigint; after: Pool } {
  if (!pool.dynamic) return { tao: alpha, after: { ...pool, taoIn: pool.taoIn > alpha ? pool.taoIn - alpha : 0n } }
  const tao = constantProductOut(pool.alphaIn, pool.taoIn, alpha)
  return { tao, after: { ...pool, alphaIn: pool.alphaIn + alpha, taoIn: pool.taoIn > tao ? pool.taoIn - tao : 0n } }
}

/** What `amountIn` takes out of the other reserve at constant k, in the runtime's I96F32 steps. */
function constantProductOut(reserveIn: bigint, reserveOut: bigint, amountIn: bigint): bigint {
  const f = i96f32
  const rIn = f.from(reserveIn)
  const rOut = f.from(reserveOut)
  const k = f.mul(rOut, rIn)
  const rest = f.div(k, f.add(rIn, f.from(amountIn))) ?? 0n
  return f.toU64(f.sub(rOut, rest))
}

/** TAO per alpha × 1e9 (rounded down); 1e9 where the pool swaps 1:1; null when the pool holds no alpha. */
export function spotPrice(pool: Pool): bigint | null {
  if (!pool.dynamic) return SCALE
  if (pool.alphaIn === 0n) return null
  return (pool.taoIn * SCALE) / pool.alphaIn
}

/** What `amount` buys at a price with no slippage: alpha for TAO (`'buy'`) or TAO for alpha (`'sell'`). */
export function atPrice(amount: bigint, price: bigint | null, side: 'buy' | 'sell'): bigint | null {
  if (price === null || price === 0n) return side === 'sell' ? 0n : null
  return side === 'buy' ? (amount * SCALE) / price : (amount * price) / SCALE
}

/** (ideal − actual) / ideal in parts per 1e9, rounded up (never understates); 0 when ideal is 0 or less. */
export function slippagePpb(ideal: bigint | null, actual: bigint): bigint {
  if (ideal === null || ideal <= 0n || actual >= ideal) return 0n
  const lost = (ideal - actual) * SCALE
  return (lost + ideal - 1n) / ideal
}

/**
 * The limit price sent with add_stake_limit / remove_stake_limit, as btcli computes it: price × (1 + tolerance)
 * for a purchase (the highest price accepted), price × (1 − tolerance) for a sale (the lowest), × 1e9.
 */
export function limitPrice(price: bigint, tolerancePpb: bigint, side: 'buy' | 'sell'): bigint {
  return (price * (side === 'buy' ? SCALE + tolerancePpb : SCALE - tolerancePpb)) / SCALE
}

/**
 * The limit price of swap_stake_limit, as btcli computes it: (origin price / destination price) × (1 − tolerance),
 * × 1e9. Null when the destination has no price.
 */
export function swapLimitPrice(originPrice: bigint, destinationPrice: bigint, tolerancePpb: bigint): bigint | null {
  if (destinationPrice === 0n) return null
  return (originPrice * (SCALE - tolerancePpb)) / destinationPrice
}

/**
 * A coldkey's alpha behind a hotkey at spec 218 (get_stake_for_hotkey_and_coldkey_on_subnet): its shares × the
 * hotkey's alpha per share, in I96F32.
 */
export function alphaOfShares(shares: bigint, totalShares: bigint, totalAlpha: bigint): bigint {
  if (shares === 0n || totalShares === 0n || totalAlpha === 0n) return 0n
  const f = i96f32
  const perShare = f.div(f.from(totalAlpha), f.from(totalShares)) ?? 0n
  return f.toU64(f.mul(perShare, f.from(shares)))
}

/** A fraction in parts per 1e9 as a number (for JSON), and as a percentage for people. */
export const ppbNumber = (ppb: bigint): number => Number(ppb) / 1e9
export const ppbPercent = (ppb: bigint): string => {
  const units = (ppb + 500n) / 1000n // 1e-4 percent, rounded
  return `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}%`
}
