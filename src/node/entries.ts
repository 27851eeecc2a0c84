import type { StorageInfo } from './metadata.js'

type Rpc = <T>(method: string, params: unknown[]) => Promise<T>

const PAGE = 1000
const BATCH = 250

/**
 * All entries of a storage map under a key prefix, at one block, through the legacy state_* RPC: every node
 * serves it, and Chopsticks answers chainHead "descendantsValues" with nothing for genesis-state keys.
 */
export async function storageEntries(
  rpc: Rpc,
  info: StorageInfo,
  partialKeys: unknown[],
  at: string,
): Promise<Array<{ keys: unknown[]; value: unknown }>> {
  const prefix = info.encodeKey(...partialKeys)
  const keys: string[] = []
  for (let start: string | null = null; ;) {
    const page: string[] = await rpc<string[]>('state_getKeysPaged', [prefix, PAGE, start, at])
    keys.push(...page)
    if (page.length < PAGE) break
    start = page[page.length - 1]!
  }
  const rows: Array<{ keys: unknown[]; value: unknown }> = []
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH)
    const sets = await rpc<Array<{ changes: Array<[string, string | null]> }>>('state_queryStorageAt', [batch, at])
    for (const set of sets)
      for (const [key, value] of set.changes) if (value !== null) rows.push({ keys: info.decodeKey(key), value: info.decodeValue(value) })
  }
  return rows
}
