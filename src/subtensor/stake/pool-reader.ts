import { badInput, failed } from '../../core/errors.js'
import { decodeAddress } from '../../core/ss58.js'
import type { Chain } from '../../node/index.js'
import { alphaOfShares, alphaToTao, atPrice, SCALE, slippagePpb, spotPrice, taoToAlpha, type Pool } from './pool.js'

/**
 * The few chain reads the writing commands need (does the subnet exist, its burn, its pool, a stake, a quote),
 * decoded from whatever the runtime serves. The read layer (subnets.ts, stake.ts) covers the read models; this stays
 * small on purpose.
 */

const SUBTENSOR = 'SubtensorModule'
const U16_MAX_BIG = 65_535n

const hasItem = (chain: Chain, item: string) => chain.metadata.storage(SUBTENSOR, item) !== undefined
const hasApi = (chain: Chain, api: string, method: string) => chain.metadata.runtimeApi(api, method) !== undefined
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as number | string | undefined) ?? 0))

/** Refuse (exit 2) a netuid the chain does not have. */
export async function requireSubnet(chain: Chain, netuid: number): Promise<void> {
  if (!(await chain.storage(SUBTENSOR, 'NetworksAdded', netuid)))
    throw badInput(`subnet ${netuid} does not exist on this chain`, 'NO_SUCH_SUBNET')
}

/** The burn (rao) a registration on the subnet costs now. */
export const readBurn = async (chain: Chain, netuid: number): Promise<bigint> => big(await chain.storage(SUBTENSOR, 'Burn', netuid))

/** The coldkey that owns a hotkey, or null when the chain has never seen the hotkey. */
export async function hotkeyOwner(chain: Chain, hotkey: string): Promise<string | null> {
  // The map's default is the all-zero account: the hotkey has no entry.
  const owner = (await chain.storage(SUBTENSOR, 'Owner', hotkey)) as string | undefined
  const decoded = owner === undefined ? undefined : decodeAddress(owner)
  return decoded?.ok && decoded.publicKey.some((b) => b !== 0) ? owner! : null
}

/** Refuse (exit 2) a hotkey the chain does not know: stake can only go to a hotkey that was registered. */
export async function requireKnownHotkey(chain: Chain, hotkey: string): Promise<string> {
  const owner = await hotkeyOwner(chain, hotkey)
  if (!owner) throw badInput(`hotkey ${hotkey} is not known to this chain (it was never registered on a subnet)`, 'UNKNOWN_HOTKEY')
  return owner
}

/**
 * Refuse (exit 1, nothing signed) a hotkey the signing coldkey does not own, as the runtime would
 * (NonAssociatedColdKey: only the owning coldkey sets a hotkey's children or takes).
 */
export async function requireOwnedHotkey(
  chain: Chain,
  hotkey: { ss58: string; label: string },
  coldkey: string,
  what: string,
): Promise<void> {
  const owner = await hotkeyOwner(chain, hotkey.ss58)
  if (owner === coldkey) return
  throw failed(
    `${what}: ${owner === null ? `hotkey ${hotkey.ss58} is not known to this chain` : `hotkey ${hotkey.ss58} belongs to coldkey ${owner}`}, ` +
      `and only the coldkey that owns a hotkey may do this (the chain would refuse it: NonAssociatedColdKey); nothing was signed`,
    'HOTKEY_NOT_OWNED',
  )
}

/** A subnet's reserves; root and stable (mechanism 0) subnets swap 1:1. */
export async function readPool(chain: Chain, netuid: number): Promise<Pool> {
  const [taoIn, alphaIn, mechanism] = await Promise.all([
    chain.storage(SUBTENSOR, 'SubnetTAO', netuid),
    chain.storage(SUBTENSOR, 'SubnetAlphaIn', netuid),
    hasItem(chain, 'SubnetMechanism') ? chain.storage(SUBTENSOR, 'SubnetMechanism', netuid) : Promise.resolve(1),
  ])
  return { taoIn: big(taoIn), alphaIn: big(alphaIn), dynamic: netuid !== 0 && Number(mechanism) !== 0 }
}

const SWAP = 'Swap'
const hasSwapItem = (chain: Chain, item: string) => chain.metadata.storage(SWAP, item) !== undefined
/** U64F64 fixed point: value × 2^64. */
const U64F64_ONE = 1n << 64n

/**
 * The pool a stake trades through where the runtime swaps in its Swap pallet (concentrated liquidity) but offers
 * no simulation API (spec 300): once the pallet's pool is initialised, the price is its own (AlphaSqrtPrice), not
 * SubnetTAO / SubnetAlphaIn, and the depth is its active liquidity L (CurrentLiquidity). Within the active range a
 * swap is a constant product over the virtual reserves L·√P TAO and L/√P alpha, which is what is returned, with
 * the pallet's fee (FeeRate, a u16 fraction of the amount in). Undefined where the runtime has no such pool or it
 * is not initialised yet (its first swap initialises it from SubnetTAO / SubnetAlphaIn, so those are right then).
 */
async function swapPalletPool(chain: Chain, netuid: number): Promise<{ pool: Pool; feeRate: bigint } | undefined> {
  if (netuid === 0 || !['SwapV3Initialized', 'AlphaSqrtPrice', 'CurrentLiquidity', 'FeeRate'].every((i) => hasSwapItem(chain, i)))
    return undefined
  const [initialised, sqrtPrice, liquidity, feeRate, mechanism] = await Promise.all([
    chain.storage(SWAP, 'SwapV3Initialized', netuid),
    chain.storage(SWAP, 'AlphaSqrtPrice', netuid),
    chain.storage(SWAP, 'CurrentLiquidity', netuid),
    chain.storage(SWAP, 'FeeRate', netuid),
    hasItem(chain, 'SubnetMechanism') ? chain.storage(SUBTENSOR, 'SubnetMechanism', netuid) : Promise.resolve(1),
  ])
  if (!initialised || Number(mechanism) === 0) return undefined
  const root = big(sqrtPrice)
  const l = big(liquidity)
  if (root === 0n || l === 0n) return undefined
  return { pool: { taoIn: (l * root) / U64F64_ONE, alphaIn: (l * U64F64_ONE) / root, dynamic: true }, feeRate: big(feeRate) }
}

/**
 * The alpha a coldkey has staked through a hotkey on a subnet: the runtime's own answer where it has one
 * (StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid), else its shares × the hotkey's alpha per
 * share, as spec 218 computes it.
 */
export async function readStake(chain: Chain, hotkey: string, coldkey: string, netuid: number): Promise<bigint> {
  if (hasApi(chain, 'StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid')) {
    const info = (await chain.runtimeApi('StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', hotkey, coldkey, netuid)) as
      { stake: bigint } | undefined
    return info ? big(info.stake) : 0n
  }
  const [shares, totalShares, totalAlpha] = await Promise.all([
    chain.storage(SUBTENSOR, 'Alpha', hotkey, coldkey, netuid),
    chain.storage(SUBTENSOR, 'TotalHotkeyShares', hotkey, netuid),
    chain.storage(SUBTENSOR, 'TotalHotkeyAlpha', hotkey, netuid),
  ])
  return alphaOfShares(big(shares), big(totalShares), big(totalAlpha))
}

/** Where a quote comes from: the runtime's simulation, the constant product replayed here, or a 1:1 subnet. */
export type QuoteSource = 'SwapRuntimeApi' | 'swap-pallet-pool' | 'constant-product' | '1:1'

/** One swap through a subnet's pool at its current state. */
export interface Quote {
  netuid: number
  /** TAO in and alpha out (`buy`), or alpha in and TAO out (`sell`). */
  side: 'buy' | 'sell'
  amountIn: bigint
  amountOut: bigint
  /** What amountIn would give at the spot price, without slippage (null when the pool has no price). */
  ideal: bigint | null
  slippagePpb: bigint
  /** The swap fee the runtime reports (in amountIn's unit), null where it reports none. */
  swapFee: bigint | null
  /** TAO per alpha × 1e9 before the swap; null when the pool is empty. */
  price: bigint | null
  source: QuoteSource
  /** The pool after this swap (constant product only), for a second swap through the same pool. */
  after?: Pool
}

const simulates = (chain: Chain) =>
  hasApi(chain, 'SwapRuntimeApi', 'sim_swap_tao_for_alpha') && hasApi(chain, 'SwapRuntimeApi', 'current_alpha_price')

interface SimSwapResult {
  tao_amount: bigint
  alpha_amount: bigint
  tao_fee: bigint
  alpha_fee: bigint
  tao_slippage: bigint
  alpha_slippage: bigint
}

/** TAO per alpha × 1e9: the runtime's price where it has SwapRuntimeApi, else the pool's ratio. */
export async function readPrice(chain: Chain, netuid: number): Promise<bigint | null> {
  if (netuid === 0) return SCALE
  if (hasApi(chain, 'SwapRuntimeApi', 'current_alpha_price'))
    return big(await chain.runtimeApi('SwapRuntimeApi', 'current_alpha_price', netuid))
  return spotPrice(await readPool(chain, netuid))
}

/**
 * Quote a swap at the pool's current state: the runtime's SwapRuntimeApi.sim_swap_* where it has them,
 * else the constant product replayed exactly (spec 218). `pool` lets a second leg see the first one's effect.
 */
export async function quote(chain: Chain, netuid: number, side: 'buy' | 'sell', amountIn: bigint, pool?: Pool): Promise<Quote> {
  // Root trades 1:1 on every runtime; no simulation needed (nor offered by every Swap pallet).
  if (netuid === 0)
    return { netuid, side, amountIn, amountOut: amountIn, ideal: amountIn, slippagePpb: 0n, swapFee: null, price: SCALE, source: '1:1' }
  if (simulates(chain) && !pool) {
    const method = side === 'buy' ? 'sim_swap_tao_for_alpha' : 'sim_swap_alpha_for_tao'
    const [sim, price] = await Promise.all([
      chain.runtimeApi('SwapRuntimeApi', method, netuid, amountIn) as Promise<SimSwapResult>,
      chain.runtimeApi('SwapRuntimeApi', 'current_alpha_price', netuid).then(big),
    ])
    const out = big(side === 'buy' ? sim.alpha_amount : sim.tao_amount)
    const short = big(side === 'buy' ? sim.alpha_slippage : sim.tao_slippage)
    const fee = big(side === 'buy' ? sim.tao_fee : sim.alpha_fee)
    const ideal = out + short
    return {
      netuid,
      side,
      amountIn,
      amountOut: out,
      ideal,
      slippagePpb: slippagePpb(ideal, out),
      swapFee: fee,
      price,
      source: 'SwapRuntimeApi',
    }
  }
  const pallet = pool ? undefined : await swapPalletPool(chain, netuid)
  const state = pool ?? pallet?.pool ?? (await readPool(chain, netuid))
  const price = spotPrice(state)
  // The pallet takes its fee from the amount in, before the swap.
  const fee = pallet ? (amountIn * pallet.feeRate) / U16_MAX_BIG : null
  const swappedIn = amountIn - (fee ?? 0n)
  const swapped = side === 'buy' ? taoToAlpha(state, swappedIn) : alphaToTao(state, swappedIn)
  const out = 'alpha' in swapped ? swapped.alpha : swapped.tao
  const ideal = atPrice(swappedIn, price, side)
  return {
    netuid,
    side,
    amountIn,
    amountOut: out,
    ideal,
    slippagePpb: slippagePpb(ideal, out),
    swapFee: fee,
    price,
    source: pallet ? 'swap-pallet-pool' : state.dynamic ? 'constant-product' : '1:1',
    after: swapped.after,
  }
}

/** Alpha moved from one subnet to another: sold on the origin, the TAO bought into the destination. */
export interface MoveQuote {
  alphaIn: bigint
  /** TAO between the two swaps (null when no swap happens). */
  tao: bigint | null
  alphaOut: bigint
  /** alphaOut at the two spot prices without slippage. */
  ideal: bigint | null
  slippagePpb: bigint
  legs: Quote[]
}

/**
 * Quote moving alpha between subnets. Within one subnet a runtime with the Swap pallet moves alpha as it is;
 * spec 218 sells and buys back through the same pool (each leg sees the other's effect).
 */
export async function quoteMove(chain: Chain, originNetuid: number, destinationNetuid: number, alpha: bigint): Promise<MoveQuote> {
  if (originNetuid === destinationNetuid && simulates(chain))
    return { alphaIn: alpha, tao: null, alphaOut: alpha, ideal: alpha, slippagePpb: 0n, legs: [] }
  const sell = await quote(chain, originNetuid, 'sell', alpha)
  const samePool = originNetuid === destinationNetuid ? sell.after : undefined
  const buy = await quote(chain, destinationNetuid, 'buy', sell.amountOut, samePool)
  const priceDest = samePool ? sell.price : buy.price
  const ideal = sell.price === null || priceDest === null || priceDest === 0n ? null : (alpha * sell.price) / priceDest
  return {
    alphaIn: alpha,
    tao: sell.amountOut,
    alphaOut: buy.amountOut,
    ideal,
    slippagePpb: slippagePpb(ideal, buy.amountOut),
    legs: [sell, buy],
  }
}

export { SCALE }
