import type { BlockReads, Chain, StorageQuery } from '../rpc/index.js'

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
