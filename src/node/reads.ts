import { failed } from '../core/errors.js'
import { toHex } from '../core/hex.js'
import { storageEntries } from './entries.js'
import type { RuntimeMetadata } from './metadata.js'

type Rpc = <T>(method: string, params: unknown[]) => Promise<T>

/** One storage value to read: pallet, item and the item's keys. */
export type StorageQuery = readonly [pallet: string, item: string, ...keys: unknown[]]

/**
 * Reads that all see one block. Every read goes through the legacy `state_*` RPC with the block hash, so
 * any block the node still has can be read (a block polkadot-api's chainHead subscription never pinned, an
 * older finalized block), and several storage values cost one request (`state_queryStorageAt`).
 * Values are decoded with the metadata loaded at connect: after a runtime upgrade, reconnect.
 */
export interface BlockReads {
  /** The block these reads see. */
  readonly hash: string
  /** Its number (the header is fetched once, unless it was known when the reads were made). */
  blockNumber(): Promise<number>
  /** One storage value; a missing entry reads as the item's default (undefined for optional items). */
  storage(pallet: string, item: string, ...keys: unknown[]): Promise<unknown>
  /** Several storage values in one request, in the order asked. */
  storageMany(queries: readonly StorageQuery[]): Promise<unknown[]>
  /** The same, undecoded: each value's SCALE bytes as 0x hex, or null where nothing is stored. */
  storageRawMany(queries: readonly StorageQuery[]): Promise<Array<string | null>>
  /** Every entry of a map under its first keys. */
  entries(pallet: string, item: string, ...partialKeys: unknown[]): Promise<Array<{ keys: unknown[]; value: unknown }>>
  /** A runtime API call (`state_call`), arguments and result as the metadata declares them. */
  runtimeApi(api: string, method: string, ...args: unknown[]): Promise<unknown>
}

export function blockReads(meta: RuntimeMetadata, rpc: Rpc, hash: string, knownNumber?: number): BlockReads {
  let number: Promise<number> | undefined = knownNumber === undefined ? undefined : Promise.resolve(knownNumber)
  const storageRawMany = async (queries: readonly StorageQuery[]): Promise<Array<string | null>> => {
    if (queries.length === 0) return []
    const keys = queries.map(([pallet, item, ...k]) => meta.requireStorage(pallet, item).encodeKey(...k))
    const sets = await rpc<Array<{ changes: Array<[string, string | null]> }>>('state_queryStorageAt', [keys, hash])
    const found = new Map<string, string | null>()
    for (const set of sets ?? []) for (const [k, v] of set.changes) found.set(k.toLowerCase(), v)
    return keys.map((key) => found.get(key.toLowerCase()) ?? null)
  }
  const storageMany = async (queries: readonly StorageQuery[]): Promise<unknown[]> => {
    const raw = await storageRawMany(queries)
    return queries.map(([pallet, item], i) => {
      const info = meta.requireStorage(pallet, item)
      return raw[i] === null ? info.fallback : info.decodeValue(raw[i]!)
    })
  }
  return {
    hash,
    blockNumber: () =>
      (number ??= rpc<{ number: string }>('chain_getHeader', [hash]).then((header) => {
        if (!header) throw failed(`the node does not have block ${hash}`, 'UNKNOWN_BLOCK')
        return Number.parseInt(header.number, 16)
      })),
    storage: async (pallet, item, ...keys) => (await storageMany([[pallet, item, ...keys]]))[0],
    storageMany,
    storageRawMany,
    entries: (pallet, item, ...partialKeys) => storageEntries(rpc, meta.requireStorage(pallet, item), partialKeys, hash),
    async runtimeApi(api, method, ...args) {
      const info = meta.requireRuntimeApi(api, method)
      const result = await rpc<string>('state_call', [`${api}_${method}`, toHex(info.encodeArgs(...args)), hash])
      return info.decodeResult(result)
    },
  }
}
