import type { BlockReads, Chain, StorageQuery } from '../rpc/index.js'

/** A block the chain knows, by hash and number. */
export interface BlockRef {
  hash: string
  number: number
}

/** The best block and the finalized one, as the node reports them now. */
export async function headBlocks(chain: Chain): Promise<{ best: BlockRef; finalized: BlockRef }> {
  const blocks = await chain.client.getBestBlocks()
  const ref = (b: { hash: string; number: number }): BlockRef => ({ hash: b.hash, number: b.number })
  return { best: ref(blocks[0]!), finalized: ref(blocks[blocks.length - 1]!) }
}

/** One storage entry to read: a plain item, or a map entry with its keys. */
export interface StorageRead {
  pallet: string
  item: string
  keys?: unknown[]
}

/**
 * Several storage entries at one block, in one round trip (`state_queryStorageAt`), decoded with the
 * runtime's metadata. An entry that is not stored reads as the item's default (undefined for optional
 * items). Every item must exist in this runtime (check `chain.metadata.storage` first).
 */
export async function readAt(chain: Chain, at: string, reads: StorageRead[]): Promise<unknown[]> {
  const raw = await readRawAt(chain, at, reads)
  return reads.map((r, i) => {
    const info = chain.metadata.requireStorage(r.pallet, r.item)
    const value = raw[i]
    return value === null ? info.fallback : info.decodeValue(value!)
  })
}

/** The raw SCALE bytes (0x hex) of storage entries at one block; null where nothing is stored. */
export async function readRawAt(chain: Chain, at: string, reads: StorageRead[]): Promise<Array<string | null>> {
  if (reads.length === 0) return []
  const keys = reads.map((r) => chain.metadata.requireStorage(r.pallet, r.item).encodeKey(...(r.keys ?? [])))
  const sets = await chain.rpc<Array<{ changes: Array<[string, string | null]> }>>('state_queryStorageAt', [keys, at])
  const raw = new Map<string, string | null>()
  for (const set of sets) for (const [key, value] of set.changes) raw.set(key.toLowerCase(), value)
  return keys.map((key) => raw.get(key.toLowerCase()) ?? null)
/** What the read layer needs from a connection (tests pass a stand-in that replays recorded answers). */
export type ReadChain = Pick<Chain, 'metadata' | 'at' | 'atHead'>

/** Options every reader takes: `at` is a block hash; default the best block when the read starts. */
export interface ReadOptions {
  at?: string
}

/** One consistent view: every read of a view sees the same block. */
export const readsAt = (chain: ReadChain, at: string | undefined): Promise<BlockReads> => (at ? Promise.resolve(chain.at(at)) : chain.atHead('best'))

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
