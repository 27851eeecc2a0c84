/**
 * `subnets list` and `subnets burn-cost`: every subnet at one block, read with as few round trips as the
 * runtime allows. Newer runtimes: typed DynamicInfo, SubnetInfo and the swap's prices, all at once (one
 * round trip). Spec 218: opaque DynamicInfo, then what it lacks (name, symbol, size, burn, mechanism) from
 * storage in one request (two round trips).
 */
import type { BlockReads, RuntimeMetadata, StorageQuery } from '../../node/index.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { dynamicFrom218, dynamicFromTyped, identityName, text, type DynamicRecord } from '../runtime/records.js'
import { apiShape, callApi } from '../runtime/runtime-api.js'
import { pricingOf } from '../stake/pricing.js'
import { optionalStorage, readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import { epochEveryBlock, subnetSummary, type StepState, type SubnetExtras } from './summary.js'
import type { SubnetSummary } from '../models.js'

const SUBNET_API = 'SubnetInfoRuntimeApi'

export async function readSubnets(chain: ReadChain, opts: ReadOptions = {}): Promise<SubnetSummary[]> {
  const meta = chain.metadata
  const reads = await readsAt(chain, opts.at)
  const typedInfo = apiShape(meta, SUBNET_API, 'get_subnets_info_v2') === 'typed'
  const [dynamicAnswer, infos, allQuotes, block] = await Promise.all([
    callApi(meta, reads, SUBNET_API, 'get_all_dynamic_info', [], opaqueLayouts(meta.ss58Prefix).allDynamicInfo),
    typedInfo ? (reads.runtimeApi(SUBNET_API, 'get_subnets_info_v2') as Promise<unknown[]>) : undefined,
    readQuotes(meta, reads),
    reads.blockNumber(),
  ])
  const dynamics = dynamicAnswer.typed
    ? (dynamicAnswer.value as unknown[]).filter((d) => d != null).map(dynamicFromTyped)
    : dynamicAnswer.value.filter((d) => d !== undefined).map(dynamicFrom218)
  const sizes = new Map<number, SubnetSize>()
  for (const info of infos ?? []) {
    const i = info as Record<string, unknown> | undefined
    if (i)
      sizes.set(Number(i.netuid), {
        neurons: Number(i.subnetwork_n),
        maxNeurons: Number(i.max_allowed_uids),
        burn: BigInt(i.burn as bigint),
      })
  }
  const quotes =
    allQuotes ??
    (await readQuotesOf(
      meta,
      reads,
      dynamics.map((d) => d.netuid),
    ))
  const have = { sizes: infos !== undefined, quotes: quotes !== undefined }
  const [fillIns, everyBlock] = await Promise.all([
    readFillIns(
      chain,
      reads,
      dynamics.map((d) => ({ netuid: d.netuid, needs: neededFillIns(d, have) })),
    ),
    runsEpochEveryBlock(chain, reads, block, dynamics.map(stepState)),
  ])
  return dynamics
    .map((d) => subnetSummary(d, extrasFor(meta, d, fillIns.get(d.netuid), sizes.get(d.netuid), quotes?.get(d.netuid), everyBlock), block))
    .sort((a, b) => a.netuid - b.netuid)
}

/** The cost to register a new subnet now (the lock), rao. */
export async function readBurnCost(chain: ReadChain, opts: ReadOptions = {}): Promise<{ cost: bigint; block: number }> {
  const reads = await readsAt(chain, opts.at)
  const [cost, block] = await Promise.all([
    reads.runtimeApi('SubnetRegistrationRuntimeApi', 'get_network_registration_cost'),
    reads.blockNumber(),
  ])
  return { cost: BigInt(cost as bigint), block }
}

interface SubnetSize {
  neurons: number
  maxNeurons: number
  burn: bigint
}

/** What storage adds to DynamicInfo for one subnet (only the items the runtime's APIs did not give). */
export interface SubnetFillIn extends Partial<SubnetSize> {
  mechanism?: number
  name?: string | null
  symbol?: string | null
  ownerHotkey?: string | null
  registeredAt?: bigint | null
}

/** The swap's price of every subnet (TAO per alpha × 1e9), where the runtime quotes one. */
export async function readQuotes(meta: RuntimeMetadata, reads: BlockReads): Promise<Map<number, bigint> | undefined> {
  if (apiShape(meta, 'SwapRuntimeApi', 'current_alpha_price_all') !== 'typed') return undefined
  const all = (await reads.runtimeApi('SwapRuntimeApi', 'current_alpha_price_all')) as Array<{ netuid: number; price: bigint }>
  return new Map(all.map((p) => [Number(p.netuid), BigInt(p.price)]))
}

/**
 * The swap's prices of the given subnets where the runtime quotes one subnet at a time (spec 300 has
 * current_alpha_price but not current_alpha_price_all): its Swap pallet's price is its own, which the
 * reserves' ratio does not give once the pallet's pool has been traded through. Undefined without that API.
 */
export async function readQuotesOf(
  meta: RuntimeMetadata,
  reads: BlockReads,
  netuids: readonly number[],
): Promise<Map<number, bigint> | undefined> {
  if (apiShape(meta, 'SwapRuntimeApi', 'current_alpha_price') !== 'typed') return undefined
  const prices = await Promise.all(netuids.map((n) => reads.runtimeApi('SwapRuntimeApi', 'current_alpha_price', n)))
  return new Map(netuids.map((n, i) => [n, BigInt(prices[i] as bigint)]))
}

const IDENTITY_ITEMS = ['SubnetIdentitiesV3', 'SubnetIdentitiesV2', 'SubnetIdentities']

/** Where each fill-in lives in storage (one value per netuid). */
const FILL_IN_ITEMS: Record<Exclude<keyof SubnetFillIn, 'name'>, string> = {
  neurons: 'SubnetworkN',
  maxNeurons: 'MaxAllowedUids',
  burn: 'Burn',
  mechanism: 'SubnetMechanism',
  symbol: 'TokenSymbol',
  ownerHotkey: 'SubnetOwnerHotkey',
  registeredAt: 'NetworkRegisteredAt',
}

export type FillInField = keyof SubnetFillIn
export const ALL_FILL_INS: readonly FillInField[] = [
  'neurons',
  'maxNeurons',
  'burn',
  'mechanism',
  'symbol',
  'ownerHotkey',
  'registeredAt',
  'name',
]

/** Which fill-ins a subnet needs, given what the typed answers already carry. */
export function neededFillIns(d: DynamicRecord, have: { sizes: boolean; quotes: boolean }): FillInField[] {
  const needs: FillInField[] = []
  if (!have.sizes) needs.push('neurons', 'maxNeurons', 'burn')
  if (!have.quotes) needs.push('mechanism')
  if (d.symbol === null) needs.push('symbol')
  if (d.ownerHotkey === null) needs.push('ownerHotkey')
  if (d.registeredAt === null) needs.push('registeredAt')
  if (d.name === null) needs.push('name')
  return needs
}

/** Storage fill-ins of several subnets in one request; items the runtime lacks stay unset. */
export async function readFillIns(
  chain: ReadChain,
  reads: BlockReads,
  requests: ReadonlyArray<{ netuid: number; needs: readonly FillInField[] }>,
): Promise<Map<number, SubnetFillIn>> {
  const identityItem = IDENTITY_ITEMS.find((item) => chain.metadata.storage('SubtensorModule', item))
  const queries: StorageQuery[] = []
  const targets: Array<[number, FillInField]> = []
  for (const { netuid, needs } of requests)
    for (const field of needs) {
      const item = field === 'name' ? identityItem : FILL_IN_ITEMS[field]
      if (!item) continue
      queries.push(['SubtensorModule', item, netuid])
      targets.push([netuid, field])
    }
  const values = await optionalStorage(chain, reads, queries)
  const out = new Map<number, SubnetFillIn>(requests.map((r) => [r.netuid, {}]))
  targets.forEach(([netuid, field], i) => {
    const v = values[i]
    if (v !== undefined) (out.get(netuid) as Record<string, unknown>)[field] = fillValue(field, v)
  })
  return out
}

function fillValue(field: FillInField, v: unknown): unknown {
  switch (field) {
    case 'name':
      return identityName(v)
    case 'symbol':
      return text(v)
    case 'burn':
    case 'registeredAt':
      return BigInt(v as bigint)
    case 'ownerHotkey':
      return v === null ? null : String(v)
    default:
      return Number(v)
  }
}

export const stepState = (d: DynamicRecord): StepState => ({
  netuid: d.netuid,
  tempo: d.tempo,
  blocksSinceLastStep: Number(d.blocksSinceLastStep),
})

/**
 * Whether this runtime runs every subnet's epoch at every block rather than by tempo (spec 218's raonet build does):
 * told by a subnet that stepped at this block though its tempo did not call for it; where every subnet that stepped
 * was due anyway, by the block before (a runtime on schedule counts blocks since the step there). Only for runtimes
 * that schedule epochs by block number.
 */
export async function runsEpochEveryBlock(
  chain: ReadChain,
  reads: BlockReads,
  block: number,
  states: readonly StepState[],
): Promise<boolean> {
  const view = chain.metadata
  if (view.storage('SubtensorModule', 'SubnetEpochIndex') !== undefined) return false
  const told = epochEveryBlock(states, block)
  if (told !== undefined) return told
  if (block === 0 || !view.storage('System', 'ParentHash') || !view.storage('SubtensorModule', 'BlocksSinceLastStep')) return false
  const stepped = states.find((s) => s.tempo > 0 && s.blocksSinceLastStep === 0)!
  // The raw value of System.ParentHash is the 32-byte hash itself.
  const [parent] = await reads.storageRawMany([['System', 'ParentHash']])
  if (!parent) return false
  return Number(await chain.at(parent).storage('SubtensorModule', 'BlocksSinceLastStep', stepped.netuid)) === 0
}

/** The extras for one subnet from the typed answers and the storage fill-ins. */
export function extrasFor(
  meta: RuntimeMetadata,
  d: DynamicRecord,
  fill: SubnetFillIn = {},
  size?: SubnetSize,
  quote?: bigint,
  epochEveryBlock = false,
): SubnetExtras {
  return {
    neurons: size?.neurons ?? fill.neurons ?? 0,
    maxNeurons: size?.maxNeurons ?? fill.maxNeurons ?? 0,
    burn: size?.burn ?? fill.burn ?? 0n,
    pricing: pricingOf(d.netuid, d, { mechanism: fill.mechanism ?? null, quote, withReserves: true }),
    name: fill.name,
    symbol: fill.symbol,
    ownerHotkey: fill.ownerHotkey,
    registeredAt: fill.registeredAt,
    epochByBlock: meta.storage('SubtensorModule', 'SubnetEpochIndex') === undefined,
    epochEveryBlock,
  }
}
