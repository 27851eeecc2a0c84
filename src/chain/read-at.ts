import type { Chain } from '../rpc/index.js'

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
}
