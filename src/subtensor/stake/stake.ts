/**
 * Every stake of some coldkeys at one block: `stake list` and `wallet balance` both read it here.
 * `StakeInfoRuntimeApi.get_stake_info_for_coldkeys` gives the alpha of every (coldkey, hotkey, subnet) in one
 * call, as the runtime computes it from its shares; the swap's prices come with it where the runtime quotes
 * them (one round trip). Spec 218 has no quotes: the staked subnets' pools come from storage in one more
 * request.
 */
import { parseAddress } from '../../core/ss58.js'
import type { BlockReads, RuntimeMetadata } from '../../node/index.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { stakesFrom, type StakeRecord } from '../runtime/records.js'
import { callApi } from '../runtime/runtime-api.js'
import { priceOf, pricingOf, taoValue, type Pricing } from './pricing.js'
import { optionalStorage, readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import { readQuotes } from '../subnets/subnets.js'
import type { StakePosition } from '../models.js'

export async function readStakes(chain: ReadChain, coldkeys: string[], opts: ReadOptions = {}): Promise<StakePosition[]> {
  for (const c of coldkeys) parseAddress(c, chain.metadata.ss58Prefix ?? 42, 'coldkey')
  const unique = [...new Set(coldkeys)]
  if (unique.length === 0) return []
  const meta = chain.metadata
  const reads = await readsAt(chain, opts.at)
  const [answer, quotes] = await Promise.all([
    callApi(meta, reads, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys', [unique], opaqueLayouts(meta.ss58Prefix).stakeInfoForColdkeys),
    readQuotes(meta, reads),
  ])
  const records = stakesFrom(answer.value)
  const pricing = quotes ? quotedPricing(records, quotes) : await poolPricing(chain, reads, records)
  return stakePositions(records, pricing, unique)
}

/** Stake positions in the coldkeys' order, then by subnet and hotkey. Pure. */
export function stakePositions(records: readonly StakeRecord[], pricing: ReadonlyMap<number, Pricing>, coldkeys: readonly string[]): StakePosition[] {
  const order = new Map(coldkeys.map((c, i) => [c, i]))
  return records
    .map((r) => {
      const p = pricing.get(r.netuid) ?? pricingOf(r.netuid, { taoIn: 0n, alphaIn: 0n })
      return { coldkey: r.coldkey, hotkey: r.hotkey, netuid: r.netuid, alpha: r.alpha, value: taoValue(r.alpha, p), price: priceOf(p) }
    })
    .sort(
      (a, b) =>
        (order.get(a.coldkey) ?? Infinity) - (order.get(b.coldkey) ?? Infinity) || a.netuid - b.netuid || a.hotkey.localeCompare(b.hotkey),
    )
}

const quotedPricing = (records: readonly StakeRecord[], quotes: ReadonlyMap<number, bigint>): Map<number, Pricing> =>
  new Map(records.map((r) => [r.netuid, pricingOf(r.netuid, { taoIn: 0n, alphaIn: 0n }, { quote: quotes.get(r.netuid) })]))

/** The pools (and mechanism) of the staked subnets, in one request. */
async function poolPricing(chain: ReadChain, reads: BlockReads, records: readonly StakeRecord[]): Promise<Map<number, Pricing>> {
  const netuids = [...new Set(records.map((r) => r.netuid))]
  const values = await optionalStorage(
    chain,
    reads,
    netuids.flatMap((n) => [
      ['SubtensorModule', 'SubnetTAO', n] as const,
      ['SubtensorModule', 'SubnetAlphaIn', n] as const,
      ['SubtensorModule', 'SubnetMechanism', n] as const,
    ]),
  )
  return new Map(
    netuids.map((netuid, i) => {
      const [taoIn, alphaIn, mechanism] = values.slice(i * 3, i * 3 + 3)
      return [netuid, pricingOf(netuid, { taoIn: BigInt((taoIn as bigint) ?? 0n), alphaIn: BigInt((alphaIn as bigint) ?? 0n) }, { mechanism: mechanism === undefined ? null : Number(mechanism) })]
    }),
  )
}

/** Whether this runtime can list stakes (spec and API named when not). */
export function stakeReadable(meta: RuntimeMetadata): string | undefined {
  return meta.runtimeApi('StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys')
    ? undefined
    : `this runtime ${meta.where} has no StakeInfoRuntimeApi.get_stake_info_for_coldkeys`
}
