/**
 * `subnets show`: one subnet and every UID at one block, in one round trip where the runtime allows.
 * - A runtime with `SubnetInfoRuntimeApi.get_metagraph` (typed): the metagraph, ValidatorTrust (which it
 *   lacks) and the swap's price, all at once.
 * - Otherwise (spec 218, no metagraph API): `get_subnet_state` (per-UID vectors, stakes) and
 *   `get_dynamic_info` (owner, pool, tempo), with what they lack from storage (ValidatorTrust, the subnet's
 *   size limits, burn, name, symbol, owner hotkey, mechanism; the axons as one map prefix), all at once.
 * The same Metagraph either way. Never one query per UID.
 */
import { badInput } from '../../core/errors.js'
import { requireNetuid } from '../../core/netuid.js'
import type { BlockReads, RuntimeMetadata } from '../../node/index.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { axonFrom, dynamicFrom218, dynamicFromTyped, uidVectors } from '../runtime/records.js'
import { apiShape, callApi } from '../runtime/runtime-api.js'
import { neuronsFrom } from './neurons.js'
import { optionalStorage, readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import { subnetSummary } from './summary.js'
import { ALL_FILL_INS, extrasFor, readFillIns, runsEpochEveryBlock, stepState } from './subnets.js'
import type { Axon, Metagraph } from '../models.js'

const SUBNET_API = 'SubnetInfoRuntimeApi'

export async function readMetagraph(chain: ReadChain, netuid: number, opts: ReadOptions = {}): Promise<Metagraph> {
  requireNetuid(netuid)
  const reads = await readsAt(chain, opts.at)
  return apiShape(chain.metadata, SUBNET_API, 'get_metagraph') === 'typed'
    ? fromMetagraphApi(chain, reads, netuid)
    : fromSubnetState(chain, reads, netuid)
}

const noSubnet = (netuid: number) => badInput(`there is no subnet ${netuid} on this network`, 'NO_SUBNET')

async function fromMetagraphApi(chain: ReadChain, reads: BlockReads, netuid: number): Promise<Metagraph> {
  const meta = chain.metadata
  const [metagraph, [validatorTrust], quote, block] = await Promise.all([
    reads.runtimeApi(SUBNET_API, 'get_metagraph', netuid) as Promise<Record<string, unknown> | undefined>,
    optionalStorage(chain, reads, [['SubtensorModule', 'ValidatorTrust', netuid]]),
    readQuote(meta, reads, netuid),
    reads.blockNumber(),
  ])
  if (!metagraph) throw noSubnet(netuid)
  const dynamic = dynamicFromTyped(metagraph)
  const size = { neurons: Number(metagraph.num_uids), maxNeurons: Number(metagraph.max_uids), burn: BigInt(metagraph.burn as bigint) }
  const extras = extrasFor(meta, dynamic, {}, size, quote, await runsEpochEveryBlock(chain, reads, block, [stepState(dynamic)]))
  return {
    block,
    subnet: subnetSummary(dynamic, extras, block),
    neurons: neuronsFrom(uidVectors(metagraph), {
      validatorTrust: ((validatorTrust as number[] | undefined) ?? []).map(Number),
      axons: ((metagraph.axons as unknown[] | undefined) ?? []).map(axonFrom),
      pricing: extras.pricing,
    }),
  }
}

async function fromSubnetState(chain: ReadChain, reads: BlockReads, netuid: number): Promise<Metagraph> {
  const meta = chain.metadata
  const layouts = opaqueLayouts(meta.ss58Prefix)
  const [state, dynamicAnswer, fillIns, [validatorTrust], axons, quote, block] = await Promise.all([
    callApi(meta, reads, SUBNET_API, 'get_subnet_state', [netuid], layouts.subnetState),
    callApi(meta, reads, SUBNET_API, 'get_dynamic_info', [netuid], layouts.dynamicInfo),
    readFillIns(chain, reads, [{ netuid, needs: ALL_FILL_INS }]),
    optionalStorage(chain, reads, [['SubtensorModule', 'ValidatorTrust', netuid]]),
    readAxons(meta, reads, netuid),
    readQuote(meta, reads, netuid),
    reads.blockNumber(),
  ])
  if (state.value == null || dynamicAnswer.value == null) throw noSubnet(netuid)
  const dynamic = dynamicAnswer.typed ? dynamicFromTyped(dynamicAnswer.value) : dynamicFrom218(dynamicAnswer.value)
  const vectors = uidVectors(state.value)
  const fill = fillIns.get(netuid) ?? {}
  const everyBlock = await runsEpochEveryBlock(chain, reads, block, [stepState(dynamic)])
  const extras = extrasFor(meta, dynamic, { ...fill, neurons: vectors.hotkeys.length }, undefined, quote, everyBlock)
  return {
    block,
    subnet: subnetSummary(dynamic, extras, block),
    neurons: neuronsFrom(vectors, {
      validatorTrust: ((validatorTrust as number[] | undefined) ?? []).map(Number),
      axons: vectors.hotkeys.map((hotkey) => axons.get(hotkey) ?? null),
      pricing: extras.pricing,
    }),
  }
}

/** Every axon served on the subnet, by hotkey: one map prefix (the map is keyed by netuid, then hotkey). */
async function readAxons(meta: RuntimeMetadata, reads: BlockReads, netuid: number): Promise<Map<string, Axon | null>> {
  if (!meta.storage('SubtensorModule', 'Axons')) return new Map()
  const entries = await reads.entries('SubtensorModule', 'Axons', netuid)
  return new Map(entries.map(({ keys, value }) => [String(keys[1]), axonFrom(value)]))
}

/** The swap's price of one subnet, where the runtime quotes one. */
async function readQuote(meta: RuntimeMetadata, reads: BlockReads, netuid: number): Promise<bigint | undefined> {
  if (apiShape(meta, 'SwapRuntimeApi', 'current_alpha_price') !== 'typed') return undefined
  return BigInt((await reads.runtimeApi('SwapRuntimeApi', 'current_alpha_price', netuid)) as bigint)
}
