import type { BlockReads, BlockRef, Chain, StorageQuery } from './index.js'

export type { BlockRef }

/** The best block and the finalized one, as the connection follows them now (no request). */
export async function headBlocks(chain: Pick<Chain, 'head'>): Promise<{ best: BlockRef; finalized: BlockRef }> {
  const [best, finalized] = await Promise.all([chain.head('best'), chain.head('finalized')])
  return { best, finalized }
}

/** One storage entry to read: a plain item, or a map entry with its keys. */
export interface StorageRead {
  pallet: string
  item: string
  keys?: unknown[]
}

const queriesOf = (reads: StorageRead[]): StorageQuery[] => reads.map((r) => [r.pallet, r.item, ...(r.keys ?? [])] as const)

/**
 * Several storage entries at one block, in one round trip, decoded with the runtime's metadata. An entry that
 * is not stored reads as the item's default (undefined for optional items). Every item must exist in this
 * runtime (check `chain.metadata.storage` first).
 */
export const readAt = (chain: Pick<Chain, 'at'>, at: string, reads: StorageRead[]): Promise<unknown[]> =>
  chain.at(at).storageMany(queriesOf(reads))

/** The raw SCALE bytes (0x hex) of storage entries at one block; null where nothing is stored. */
export const readRawAt = (chain: Pick<Chain, 'at'>, at: string, reads: StorageRead[]): Promise<Array<string | null>> =>
  chain.at(at).storageRawMany(queriesOf(reads))

/** What the read layer needs from a connection (tests pass a stand-in that replays recorded answers). */
export type ReadChain = Pick<Chain, 'metadata' | 'at' | 'atHead'>

/** Options every reader takes: `at` is a block hash; default the best block when the read starts. */
export interface ReadOptions {
  at?: string
}

/** One consistent snapshot: every read of it sees the same block. */
export const readsAt = (chain: ReadChain, at: string | undefined): Promise<BlockReads> =>
  at ? Promise.resolve(chain.at(at)) : chain.atHead('best')

/**
 * Storage values in one request, skipping items this runtime does not have (their result is undefined), so
 * a reader can ask for what older or newer runtimes keep under other names.
 */
export async function optionalStorage(chain: ReadChain, reads: BlockReads, queries: readonly StorageQuery[]): Promise<unknown[]> {
  const present = queries.map(([pallet, item]) => chain.metadata.storage(pallet, item) !== undefined)
  const values = await reads.storageMany(queries.filter((_, i) => present[i]))
  let next = 0
  return present.map((p) => (p ? values[next++] : undefined))
}
