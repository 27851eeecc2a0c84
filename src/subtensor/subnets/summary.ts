/** A subnet's summary from what the runtime gave, whatever its generation, and the epoch schedule. Pure. */
import type { DynamicRecord } from '../runtime/records.js'
import { priceOf, taoValue, type Pricing } from '../stake/pricing.js'
import type { SubnetSummary } from '../models.js'

/** What DynamicInfo does not carry, from other APIs or storage; null where the runtime has nothing. */
export interface SubnetExtras {
  neurons: number
  maxNeurons: number
  burn: bigint
  pricing: Pricing
  /** Fill-ins where the runtime's DynamicInfo lacks them (spec 218 keeps them in storage). */
  name?: string | null
  symbol?: string | null
  ownerHotkey?: string | null
  registeredAt?: bigint | null
  /** false where the runtime does not schedule epochs by block number (it keeps an epoch counter). */
  epochByBlock: boolean
  /** The runtime runs every subnet's epoch at every block, whatever the tempo (see runsEpochEveryBlock). */
  epochEveryBlock?: boolean
}

export function subnetSummary(d: DynamicRecord, x: SubnetExtras, block: number): SubnetSummary {
  const registeredAt = d.registeredAt ?? x.registeredAt ?? null
  return {
    netuid: d.netuid,
    name: d.name ?? x.name ?? null,
    symbol: d.symbol ?? x.symbol ?? null,
    ownerColdkey: d.ownerColdkey,
    ownerHotkey: d.ownerHotkey ?? x.ownerHotkey ?? null,
    price: priceOf(x.pricing),
    marketCap: taoValue(d.alphaIn + d.alphaOut, x.pricing),
    taoEmission: d.taoEmission,
    taoIn: d.taoIn,
    alphaIn: d.alphaIn,
    alphaOut: d.alphaOut,
    tempo: d.tempo,
    blocksSinceLastStep: Number(d.blocksSinceLastStep),
    nextEpochBlock: !x.epochByBlock ? null : x.epochEveryBlock ? block + 1 : nextEpochBlock(d.netuid, d.tempo, block),
    ...(x.epochByBlock && x.epochEveryBlock ? { epochEveryBlock: true } : {}),
    neurons: x.neurons,
    maxNeurons: x.maxNeurons,
    burn: x.burn,
    registeredAt: registeredAt === null ? null : Number(registeredAt),
  }
}

/** Blocks from `block` to the subnet's scheduled epoch (`blocks_until_next_epoch`); 0: it runs in `block`. */
const blocksUntilEpoch = (netuid: number, tempo: number, block: number) => tempo - ((block + netuid + 1) % (tempo + 1))

/**
 * The first block after `block` at which the subnet's epoch runs, by the runtime's schedule: an epoch runs
 * where `tempo - (block + netuid + 1) % (tempo + 1)` is 0. null when tempo is 0 (it never runs).
 */
export function nextEpochBlock(netuid: number, tempo: number, block: number): number | null {
  if (tempo === 0) return null
  const until = blocksUntilEpoch(netuid, tempo, block)
  return block + (until === 0 ? tempo + 1 : until)
}

/** What the epoch schedule is read from: a subnet's tempo and its blocks since the last step, at `block`. */
export interface StepState {
  netuid: number
  tempo: number
  blocksSinceLastStep: number
}

/**
 * Whether the runtime ran the subnets' epoch at this block though their tempo did not call for it: then it runs
 * it every block (the spec-218 raonet build: its coinbase drains every subnet and runs its epoch at each block, so
 * BlocksSinceLastStep stays 0). True or false when the block tells; undefined when every subnet that stepped
 * here was due by its tempo anyway (the block before tells: `steppedBefore`).
 */
export function epochEveryBlock(subnets: readonly StepState[], block: number): boolean | undefined {
  const stepped = subnets.filter((s) => s.tempo > 0 && s.blocksSinceLastStep === 0)
  if (stepped.some((s) => blocksUntilEpoch(s.netuid, s.tempo, block) !== 0)) return true
  return stepped.length === 0 ? false : undefined
}

/**
 * The block at which the subnet's epoch index (the runtime's get_epoch_index, ⌊(block + netuid + 1) / (tempo + 1)⌋,
 * which weight commits are revealed by) next turns; null when tempo is 0.
 */
export function nextEpochIndexBlock(netuid: number, tempo: number, block: number): number | null {
  if (tempo === 0) return null
  const rest = (block + netuid + 1) % (tempo + 1)
  return block + (tempo + 1 - rest)
}
