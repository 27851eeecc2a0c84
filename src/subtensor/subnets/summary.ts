/** A subnet's summary from what the runtime gave, whatever its generation. Pure. */
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
    nextEpochBlock: x.epochByBlock ? nextEpochBlock(d.netuid, d.tempo, block) : null,
    neurons: x.neurons,
    maxNeurons: x.maxNeurons,
    burn: x.burn,
    registeredAt: registeredAt === null ? null : Number(registeredAt),
  }
}

/**
 * The first block after `block` at which the subnet's epoch runs, by the runtime's schedule: an epoch runs
 * where `tempo - (block + netuid + 1) % (tempo + 1)` is 0. null when tempo is 0 (it never runs).
 */
export function nextEpochBlock(netuid: number, tempo: number, block: number): number | null {
  if (tempo === 0) return null
  const until = tempo - ((block + netuid + 1) % (tempo + 1))
  return block + (until === 0 ? tempo + 1 : until)
}
