/**
 * What a new block makes worth reading, and how long to wait before reconnecting. Pools, prices and stake
 * positions change every block, so they are read every block. A metagraph's scores change only at the
 * subnet's epoch; its stakes, registrations, axons and weights change only through the subnet pallet's
 * extrinsics, which leave SubtensorModule events in the block. So the metagraph is re-read at an epoch,
 * after a block with such events, when the events cannot be read, and at least every few blocks (the
 * owner's per-block earnings and what no event announces).
 */
import type { SubnetSummary } from '../subtensor/models.js'

export interface BlockEvent {
  pallet: string
  name: string
}

/** What the last metagraph read was. */
export interface MetagraphRead {
  netuid: number
  block: number
  hash: string
  /** The subnet's next epoch block as known at that read (null where the runtime does not say). */
  nextEpoch: number | null
  blocksSinceLastStep: number
}

export const metagraphRead = (netuid: number, block: { number: number; hash: string }, subnet: SubnetSummary): MetagraphRead => ({
  netuid,
  block: block.number,
  hash: block.hash,
  nextEpoch: subnet.nextEpochBlock,
  blocksSinceLastStep: subnet.blocksSinceLastStep,
})

/**
 * Whether the subnet's epoch ran after the last read: its next epoch block is reached, or (where the runtime
 * does not schedule by block number) its blocks-since-last-step counter fell behind the blocks that passed.
 */
export function epochPassed(last: MetagraphRead, block: number, subnet: SubnetSummary): boolean {
  if (last.nextEpoch !== null) return block >= last.nextEpoch
  return subnet.blocksSinceLastStep < last.blocksSinceLastStep + (block - last.block)
}

/** Re-read the metagraph at least this often (blocks). */
export const METAGRAPH_MAX_AGE = 5

/** Why the metagraph must be read at this block, or null when the block cannot have changed it. */
export function metagraphReason(
  last: MetagraphRead | null,
  netuid: number,
  block: { number: number; hash: string },
  subnet: SubnetSummary,
  events: readonly BlockEvent[] | null,
  maxAge = METAGRAPH_MAX_AGE,
): string | null {
  if (!last || last.netuid !== netuid) return 'new subnet in view'
  if (block.hash === last.hash) return null
  // A block at or below the last one read: another fork (best blocks) or a node that went back.
  if (block.number <= last.block) return 'another fork'
  if (epochPassed(last, block.number, subnet)) return 'epoch'
  if (events === null) return 'events unknown'
  if (events.some((e) => e.pallet === 'SubtensorModule')) return 'subnet extrinsics'
  if (block.number - last.block >= maxAge) return 'periodic'
  return null
}

/** Milliseconds before reconnect attempt `attempt` (1, 2, …): 1 s, 2 s, 4 s … up to 30 s. */
export const reconnectDelay = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
