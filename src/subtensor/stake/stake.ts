/**
 * Every stake of some coldkeys at one block: `stake list` and `wallet balance` both read it here.
 * `StakeInfoRuntimeApi.get_stake_info_for_coldkeys` gives the alpha of every (coldkey, hotkey, subnet) in one
 * call, as the runtime computes it from its shares; the swap's prices come with it where the runtime quotes
 * them (one round trip). Spec 218 has no quotes: the staked subnets' pools come from storage in one more
 * request.
 *
 * Each position has two TAO figures: the spot value (alpha × price, what a price ticker shows) and the swap
 * value (what unstaking it now would pay: the runtime's SwapRuntimeApi.sim_swap_alpha_for_tao where it has
 * one, else the constant product replayed as the runtime computes it). Only the swap value can be had: in a
 * thin pool the spot value of a large stake can exceed everything the pool holds.
 */
import { parseAddress } from '../../core/ss58.js'
import type { BlockReads, RuntimeMetadata } from '../../node/index.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { stakesFrom, type StakeRecord } from '../runtime/records.js'
import { apiShape, callApi } from '../runtime/runtime-api.js'
import { priceOf, pricingOf, swapValue, taoValue, type Pricing } from './pricing.js'
import { optionalStorage, readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import { readQuotes, readQuotesOf } from '../subnets/subnets.js'
import type { StakePosition } from '../models.js'

/** Spot and swap value of some alpha, rao. */
export interface StakeValue {
  spotValue: bigint
  swapValue: bigint
}

/** Every position, and what each coldkey's positions and all of them would pay if unstaked together. */
export interface StakeHoldings {
  stakes: StakePosition[]
  /** Per coldkey (every coldkey asked for, in that order). */
  accounts: Array<{ coldkey: string } & StakeValue>
  total: StakeValue
}

export async function readStakes(chain: ReadChain, coldkeys: string[], opts: ReadOptions = {}): Promise<StakePosition[]> {
  return (await readValuedStakes(chain, coldkeys, opts)).stakes
}

/**
 * The positions with the coldkeys' totals. A total's swap value sells, per subnet, all the alpha it covers in
 * one trade (several positions on one subnet drain the same pool), so it is less than the sum of the positions'.
 */
export async function readStakeHoldings(chain: ReadChain, coldkeys: string[], opts: ReadOptions = {}): Promise<StakeHoldings> {
  const { stakes, valuer, unique } = await readValuedStakes(chain, coldkeys, opts)
  const [accounts, total] = await Promise.all([
    Promise.all(
      unique.map(async (coldkey) => ({
        coldkey,
        ...(await valueTogether(
          stakes.filter((s) => s.coldkey === coldkey),
          valuer,
        )),
      })),
    ),
    valueTogether(stakes, valuer),
  ])
  return { stakes, accounts, total }
}

async function readValuedStakes(chain: ReadChain, coldkeys: string[], opts: ReadOptions) {
  for (const c of coldkeys) parseAddress(c, chain.metadata.ss58Prefix ?? 42, 'coldkey')
  const unique = [...new Set(coldkeys)]
  if (unique.length === 0) return { stakes: [] as StakePosition[], valuer: noValuer, unique }
  const view = chain.metadata
  const reads = await readsAt(chain, opts.at)
  const [answer, quotes] = await Promise.all([
    callApi(
      view,
      reads,
      'StakeInfoRuntimeApi',
      'get_stake_info_for_coldkeys',
      [unique],
      opaqueLayouts(view.ss58Prefix).stakeInfoForColdkeys,
    ),
    readQuotes(view, reads),
  ])
  const records = stakesFrom(answer.value)
  const netuids = [...new Set(records.map((r) => r.netuid))]
  const valuer = await valuerFor(chain, reads, netuids, quotes ?? (await readQuotesOf(view, reads, netuids)))
  const stakes = await stakePositions(records, valuer, unique)
  return { stakes, valuer, unique }
}

/** How alpha on a subnet is valued at the block read: its pricing, and the TAO a sale of some alpha pays. */
export interface Valuer {
  pricing(netuid: number): Pricing
  swap(netuid: number, alpha: bigint): Promise<bigint>
}

const noValuer: Valuer = { pricing: (netuid) => pricingOf(netuid, { taoIn: 0n, alphaIn: 0n }), swap: async () => 0n }

/** Stake views in the coldkeys' order, then by subnet and hotkey. */
export async function stakePositions(
  records: readonly StakeRecord[],
  valuer: Valuer,
  coldkeys: readonly string[],
): Promise<StakePosition[]> {
  const order = new Map(coldkeys.map((c, i) => [c, i]))
  const views = await Promise.all(
    records.map(async (r) => {
      const p = valuer.pricing(r.netuid)
      return {
        coldkey: r.coldkey,
        hotkey: r.hotkey,
        netuid: r.netuid,
        alpha: r.alpha,
        spotValue: taoValue(r.alpha, p),
        swapValue: await valuer.swap(r.netuid, r.alpha),
        price: priceOf(p),
      }
    }),
  )
  return views.sort(
    (a, b) =>
      (order.get(a.coldkey) ?? Infinity) - (order.get(b.coldkey) ?? Infinity) || a.netuid - b.netuid || a.hotkey.localeCompare(b.hotkey),
  )
}

/** Spot value summed; swap value of each subnet's alpha sold in one trade, summed over the subnets. */
export async function valueTogether(stakes: readonly StakePosition[], valuer: Valuer): Promise<StakeValue> {
  const bySubnet = new Map<number, bigint>()
  for (const s of stakes) bySubnet.set(s.netuid, (bySubnet.get(s.netuid) ?? 0n) + s.alpha)
  const swaps = await Promise.all([...bySubnet].map(([netuid, alpha]) => valuer.swap(netuid, alpha)))
  return { spotValue: stakes.reduce((sum, s) => sum + s.spotValue, 0n), swapValue: swaps.reduce((sum, v) => sum + v, 0n) }
}

/**
 * The valuer of this runtime at the block: with quotes and the runtime's swap simulation, its price and its
 * simulated sale; else the pools (reserves and mechanism) of the staked subnets in one request, and the
 * constant product over them (exact at spec 218, an estimate where a Swap pallet trades).
 */
async function valuerFor(
  chain: ReadChain,
  reads: BlockReads,
  netuids: number[],
  quotes: ReadonlyMap<number, bigint> | undefined,
): Promise<Valuer> {
  const view = chain.metadata
  if (quotes && simulates(view)) {
    const pricing = (netuid: number) => pricingOf(netuid, { taoIn: 0n, alphaIn: 0n }, { quote: quotes.get(netuid) })
    const memo = new Map<string, Promise<bigint>>()
    return {
      pricing,
      swap(netuid, alpha) {
        if (alpha === 0n || pricing(netuid).kind === 'fixed') return Promise.resolve(alpha)
        const key = `${netuid}:${alpha}`
        let out = memo.get(key)
        if (!out) {
          out = (
            reads.runtimeApi('SwapRuntimeApi', 'sim_swap_alpha_for_tao', netuid, alpha) as Promise<{ tao_amount: bigint } | undefined>
          ).then((sim) => BigInt(sim?.tao_amount ?? 0n))
          memo.set(key, out)
        }
        return out
      },
    }
  }
  return poolValuer(await readPools(chain, reads, netuids, quotes))
}

/** Valuing by known pricings: the constant product over each pool's reserves. Pure. */
export function poolValuer(pools: ReadonlyMap<number, Pricing>): Valuer {
  const pricing = (netuid: number) => pools.get(netuid) ?? pricingOf(netuid, { taoIn: 0n, alphaIn: 0n })
  return { pricing, swap: async (netuid, alpha) => swapValue(alpha, pricing(netuid)) ?? 0n }
}

const simulates = (view: RuntimeMetadata) => apiShape(view, 'SwapRuntimeApi', 'sim_swap_alpha_for_tao') === 'typed'

/** The pools (and mechanism) of the staked subnets, in one request; with the runtime's quotes where it has them. */
async function readPools(
  chain: ReadChain,
  reads: BlockReads,
  netuids: number[],
  quotes: ReadonlyMap<number, bigint> | undefined,
): Promise<Map<number, Pricing>> {
  const values = await optionalStorage(
    chain,
    reads,
    netuids.flatMap((n) => [
      ['SubtensorModule', 'SubnetTAO', n] as const,
      ['SubtensorModule', 'SubnetAlphaIn', n] as const,
      ['SubtensorModule', 'SubnetMechanism', n] as const,
      ['Swap', 'SwapV3Initialized', n] as const,
      ['Swap', 'AlphaSqrtPrice', n] as const,
      ['Swap', 'CurrentLiquidity', n] as const,
    ]),
  )
  return new Map(
    netuids.map((netuid, i) => {
      const [taoIn, alphaIn, mechanism, initialised, sqrtPrice, liquidity] = values.slice(i * 6, i * 6 + 6)
      const pool = swapPalletReserves(initialised, sqrtPrice, liquidity) ?? {
        taoIn: BigInt((taoIn as bigint) ?? 0n),
        alphaIn: BigInt((alphaIn as bigint) ?? 0n),
      }
      return [
        netuid,
        pricingOf(netuid, pool, {
          mechanism: mechanism === undefined ? null : Number(mechanism),
          quote: quotes?.get(netuid),
          withReserves: true,
        }),
      ]
    }),
  )
}

/**
 * Where a Swap pallet with concentrated liquidity trades the subnet (spec 300) and its pool is initialised, a
 * sale runs through its active liquidity L at its own price P, a constant product over the virtual reserves
 * L·√P TAO and L/√P alpha (√P is U64F64): these, not SubnetTAO / SubnetAlphaIn, are what a swap estimate needs.
 */
function swapPalletReserves(initialised: unknown, sqrtPrice: unknown, liquidity: unknown): { taoIn: bigint; alphaIn: bigint } | undefined {
  if (initialised !== true || sqrtPrice === undefined || liquidity === undefined) return undefined
  const root = BigInt(sqrtPrice as bigint)
  const l = BigInt(liquidity as bigint)
  if (root === 0n || l === 0n) return undefined
  return { taoIn: (l * root) >> 64n, alphaIn: (l << 64n) / root }
}

/** Whether this runtime can list stakes (spec and API named when not). */
export function stakeReadable(view: RuntimeMetadata): string | undefined {
  return view.runtimeApi('StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys')
    ? undefined
    : `this runtime ${view.where} has no StakeInfoRuntimeApi.get_stake_info_for_coldkeys`
}
