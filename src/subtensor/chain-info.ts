import { failed } from '../core/errors.js'
import type { Chain, RuntimeMetadata } from '../node/index.js'
import { blockEmissionForIssuance, blocksToEmit, halvingsAt, nextHalving, TAO_SUPPLY_CAP } from './emission.js'
import { headBlocks, readAt, type BlockRef, type StorageRead } from '../node/read-at.js'

/** Where each figure of `chain info` comes from. */
export const CHAIN_INFO_SOURCES = {
  issuance: { pallet: 'SubtensorModule', item: 'TotalIssuance' },
  balancesIssuance: { pallet: 'Balances', item: 'TotalIssuance' },
  totalStake: { pallet: 'SubtensorModule', item: 'TotalStake' },
  subnets: { pallet: 'SubtensorModule', item: 'TotalNetworks' },
  subnetLimit: { pallet: 'SubtensorModule', item: 'SubnetLimit' },
  taoWeight: { pallet: 'SubtensorModule', item: 'TaoWeight' },
  timestamp: { pallet: 'Timestamp', item: 'Now' },
  // Only its default is used: the runtime's DefaultBlockEmission, the base the schedule halves. The stored
  // value is whatever the runtime computed last (on the local chain, for a subnet's alpha issuance), so it lags.
  baseEmission: { pallet: 'SubtensorModule', item: 'BlockEmission' },
} as const
export type ChainInfoFigure = keyof typeof CHAIN_INFO_SOURCES

export interface ChainInfoPlan {
  /** The figures whose storage item this runtime has. */
  present: Set<ChainInfoFigure>
  /** `Pallet.Item` of every source this runtime lacks. */
  missing: string[]
  /** TAO weight as one value (newer runtimes), per subnet (spec 218: a map by netuid), or absent. */
  taoWeight: 'global' | 'per-subnet' | null
  /** The runtime's DefaultBlockEmission (rao), from the BlockEmission item's default; null without it. */
  baseEmission: bigint | null
}

/** What `chain info` can show on this runtime: decided from its metadata alone. */
export function chainInfoPlan(meta: RuntimeMetadata): ChainInfoPlan {
  const present = new Set<ChainInfoFigure>()
  const missing: string[] = []
  for (const [figure, { pallet, item }] of Object.entries(CHAIN_INFO_SOURCES) as Array<
    [ChainInfoFigure, { pallet: string; item: string }]
  >) {
    if (meta.storage(pallet, item)) present.add(figure)
    else missing.push(`${pallet}.${item}`)
  }
  const weight = meta.storage('SubtensorModule', 'TaoWeight')
  const base = meta.storage('SubtensorModule', 'BlockEmission')?.fallback
  return {
    present,
    missing,
    taoWeight: !weight ? null : weight.keyCount === 0 ? 'global' : 'per-subnet',
    baseEmission: typeof base === 'bigint' ? base : null,
  }
}

export interface HalvingEstimate {
  /** Which halving (1 = the first, at 10.5M TAO). */
  halving: number
  /** Subtensor issuance (rao) at which it takes effect. */
  issuance: bigint
  /** Issuance (rao) still to be emitted before it. */
  remaining: bigint
  /** Block emission (rao) after it. */
  blockEmission: bigint
  /** Blocks until then at the current block emission. */
  blocks: bigint
  /** The block at which issuance reaches it, at the current rate. */
  block: bigint
  /** When, in ms since the epoch: the best block's timestamp + blocks × block time; null without either. */
  time: number | null
}

/** Every figure of `chain info`, read at one block; null where the runtime lacks the item. */
export interface ChainInfo {
  specName: string
  specVersion: number
  best: BlockRef
  finalized: BlockRef
  /** The best block's `Timestamp.Now` (ms). */
  timestamp: number | null
  /** `SubtensorModule.TotalIssuance` (rao): what the emission schedule runs on. */
  issuance: bigint | null
  /** `Balances.TotalIssuance` (rao). */
  balancesIssuance: bigint | null
  cap: bigint
  /** The block emission (rao) the runtime computes for the current issuance. */
  blockEmission: bigint | null
  /** Halvings so far. */
  halvings: number | null
  nextHalving: HalvingEstimate | null
  /** Target block time (ms) from the runtime (Aura slot duration). */
  blockTimeMs: number | null
  totalStake: bigint | null
  subnets: number | null
  subnetLimit: number | null
  /** The global TAO weight, raw u64 (fraction = raw / (2^64 − 1)); null where the runtime keeps it per subnet. */
  taoWeight: bigint | null
  /** TAO weight of each subnet, where the runtime keeps one per subnet (spec 218). */
  taoWeightBySubnet: Array<{ netuid: number; raw: bigint }> | null
  /** `Pallet.Item` of every source this runtime lacks. */
  missing: string[]
}

/** The largest time a JS Date holds (ms). */
const MAX_DATE_MS = 8_640_000_000_000_000n

const big = (v: unknown): bigint | null => (v === undefined || v === null ? null : BigInt(v as bigint))
const num = (v: unknown): number | null => (v === undefined || v === null ? null : Number(v))

/** The runtime's target block time (ms): `AuraApi.slot_duration`, else twice `Timestamp.MinimumPeriod`, else null. */
export async function blockTimeMs(chain: Chain): Promise<number | null> {
  if (chain.metadata.runtimeApi('AuraApi', 'slot_duration')) {
    const slot = await chain.runtimeApi('AuraApi', 'slot_duration').catch(() => undefined)
    if (slot !== undefined && slot !== null) return Number(slot)
  }
  if (chain.metadata.hasConstant('Timestamp', 'MinimumPeriod')) return Number(chain.constant('Timestamp', 'MinimumPeriod')) * 2
  return null
}

/** The next halving, and when the issuance reaches it at the current emission. */
export function estimateHalving(
  issuance: bigint,
  baseEmission: bigint,
  best: number,
  timestamp: number | null,
  blockTime: number | null,
): HalvingEstimate | null {
  const next = nextHalving(issuance, baseEmission)
  const perBlock = blockEmissionForIssuance(issuance, baseEmission)
  const blocks = next ? blocksToEmit(next.remaining, perBlock) : null
  if (!next || blocks === null) return null
  const ms = timestamp === null || blockTime === null ? null : BigInt(timestamp) + blocks * BigInt(blockTime)
  return { ...next, blocks, block: BigInt(best) + blocks, time: ms === null || ms > MAX_DATE_MS ? null : Number(ms) }
}

/** Read every figure at the best block of `heads` (default: the node's heads now). */
export async function readChainInfo(
  chain: Chain,
  options: { heads?: { best: BlockRef; finalized: BlockRef }; blockTimeMs?: number | null } = {},
): Promise<ChainInfo> {
  const meta = chain.metadata
  const plan = chainInfoPlan(meta)
  const heads = options.heads ?? (await headBlocks(chain))
  const at = heads.best.hash
  const plain: ChainInfoFigure[] = ['issuance', 'balancesIssuance', 'totalStake', 'subnets', 'subnetLimit', 'timestamp']
  if (plan.taoWeight === 'global') plain.push('taoWeight')
  const figures = plain.filter((f) => plan.present.has(f))
  const reads: StorageRead[] = figures.map((f) => CHAIN_INFO_SOURCES[f])

  const [values, version, bySubnet, blockTime] = await Promise.all([
    readAt(chain, at, reads),
    chain.rpc<{ specName: string; specVersion: number }>('state_getRuntimeVersion', [at]),
    plan.taoWeight === 'per-subnet' ? taoWeightBySubnet(chain, at) : Promise.resolve(null),
    options.blockTimeMs !== undefined ? Promise.resolve(options.blockTimeMs) : blockTimeMs(chain),
  ])
  if (meta.specVersion !== undefined && version.specVersion !== meta.specVersion)
    throw failed(
      `the runtime is spec ${version.specVersion} at block #${heads.best.number}, but this connection read the metadata of spec ${meta.specVersion}; run the command again`,
      'RUNTIME_CHANGED',
    )
  const value = (f: ChainInfoFigure): unknown => {
    const i = figures.indexOf(f)
    return i < 0 ? undefined : values[i]
  }

  const issuance = big(value('issuance'))
  const timestamp = num(value('timestamp'))
  const base = plan.baseEmission
  const computable = issuance !== null && base !== null
  return {
    specName: version.specName,
    specVersion: version.specVersion,
    best: heads.best,
    finalized: heads.finalized,
    timestamp,
    issuance,
    balancesIssuance: big(value('balancesIssuance')),
    cap: TAO_SUPPLY_CAP,
    blockEmission: computable ? blockEmissionForIssuance(issuance, base) : null,
    halvings: computable ? halvingsAt(issuance) : null,
    nextHalving: computable ? estimateHalving(issuance, base, heads.best.number, timestamp, blockTime) : null,
    blockTimeMs: blockTime,
    totalStake: big(value('totalStake')),
    subnets: num(value('subnets')),
    subnetLimit: num(value('subnetLimit')),
    taoWeight: big(value('taoWeight')),
    taoWeightBySubnet: bySubnet,
    missing: plan.missing,
  }
}

/** Spec 218 keeps TAO weight per subnet (`TaoWeight(netuid)`, default for a subnet without its own entry). */
async function taoWeightBySubnet(chain: Chain, at: string): Promise<Array<{ netuid: number; raw: bigint }>> {
  const meta = chain.metadata
  const weight = meta.requireStorage('SubtensorModule', 'TaoWeight')
  const added = meta.storage('SubtensorModule', 'NetworksAdded')
  const reads = chain.at(at)
  const [entries, networks] = await Promise.all([
    reads.entries('SubtensorModule', 'TaoWeight'),
    added ? reads.entries('SubtensorModule', 'NetworksAdded') : Promise.resolve([]),
  ])
  const raw = new Map<number, bigint>()
  for (const n of networks) if (n.value === true) raw.set(Number(n.keys[0]), BigInt(weight.fallback as bigint))
  for (const e of entries) raw.set(Number(e.keys[0]), BigInt(e.value as bigint))
  return [...raw.entries()].sort(([a], [b]) => a - b).map(([netuid, value]) => ({ netuid, raw: value }))
}

/**
 * Follow the best block and call `onInfo` with the figures at each new one (no deadline: it runs until
 * the returned function stops it). Reads never overlap: a block that arrives during a read is followed by
 * one read of the newest block.
 */
export function watchChainInfo(
  chain: Chain,
  blockTime: number | null,
  onInfo: (info: ChainInfo) => void,
  onError: (err: unknown) => void,
): () => void {
  let stopped = false
  let busy = false
  let pending: { best: BlockRef; finalized: BlockRef } | undefined

  const run = async (heads: { best: BlockRef; finalized: BlockRef }) => {
    busy = true
    try {
      const info = await readChainInfo(chain, { heads, blockTimeMs: blockTime })
      if (!stopped) onInfo(info)
    } catch (err) {
      if (!stopped) onError(err)
    } finally {
      busy = false
    }
    const next = pending
    pending = undefined
    if (next && !stopped) void run(next)
  }

  const unfollow = chain.followBlocks(
    'best',
    (best, finalized) => {
      if (stopped) return
      if (busy) pending = { best, finalized }
      else void run({ best, finalized })
    },
    (err) => {
      if (!stopped) onError(err)
    },
  )
  return () => {
    stopped = true
    unfollow()
  }
}
