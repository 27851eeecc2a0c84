/**
 * The local record of weight commits not yet revealed: what a reveal needs (uids, values, salt, version key)
 * and can never get back from the chain, which keeps only the hash. One file per hotkey and subnet; several
 * commits per file (the chain allows up to 10 unrevealed). Pure: the format, its checks and its file name.
 */
import { isNetuid } from '../../core/netuid.js'
import { U16_MAX } from '../../core/numbers.js'

export const STORE_VERSION = 1

export interface PendingCommit {
  /** blake2-256 commit hash, 0x hex. */
  hash: string
  /** The chain it was committed on (several networks can share a hotkey and a netuid). */
  genesisHash: string
  uids: number[]
  values: number[]
  salt: number[]
  /** u64 as a decimal string. */
  versionKey: string
  /** ISO 8601 UTC time of signing. */
  createdAt: string
  /** Block it landed in; null while not seen in a block (signed with --dry-run, or not waited for). */
  block: number | null
  /**
   * While not seen in a block: the last block its signed transaction can land in (a mortal era's end), after
   * which it never will; null or absent when not known (immortal, or not signed here).
   */
  validUntil?: number | null
}

export interface CommitStore {
  version: typeof STORE_VERSION
  /** SS58 of the hotkey that signed the commits. */
  hotkey: string
  netuid: number
  commits: PendingCommit[]
}

/** `<hotkey ss58>-<netuid>.json` (SS58 is base58: safe in a file name). */
export function storeFileName(hotkey: string, netuid: number): string {
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(hotkey)) throw new Error(`not an SS58 address: ${hotkey}`)
  if (!isNetuid(netuid)) throw new Error(`not a netuid: ${netuid}`)
  return `${hotkey}-${netuid}.json`
}

export const emptyStore = (hotkey: string, netuid: number): CommitStore => ({ version: STORE_VERSION, hotkey, netuid, commits: [] })

export function serializeStore(store: CommitStore): string {
  return JSON.stringify(store, null, 2) + '\n'
}

const isU16List = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0 && n <= U16_MAX)

/** A value read from a file, for a message: JSON-quoted (control bytes escaped), and short. */
const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 60 ? text.slice(0, 57) + '…' : text
}

/** Parse and check a store file; throws an Error naming what is wrong (the caller says which file), never echoing raw bytes. */
export function parseStore(text: string, hotkey: string, netuid: number): CommitStore {
  let data: Partial<CommitStore> | null
  try {
    data = JSON.parse(text) as Partial<CommitStore> | null
  } catch {
    // JSON.parse's message quotes the text, NUL bytes and all.
    throw new Error(/^[\s\0]*$/.test(text) ? 'it is empty or holds only NUL bytes (a write cut short?)' : 'it is not JSON')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('it is not a commit store (not a JSON object)')
  if (data.version !== STORE_VERSION) throw new Error(`unknown format version ${shown(data.version)}`)
  if (typeof data.hotkey !== 'string' || typeof data.netuid !== 'number') throw new Error('it names no hotkey and subnet')
  if (data.hotkey !== hotkey || data.netuid !== netuid)
    throw new Error(`it belongs to hotkey ${shown(data.hotkey)} on subnet ${shown(data.netuid)}`)
  if (!Array.isArray(data.commits)) throw new Error('no commit list')
  for (const c of data.commits) {
    const ok =
      typeof c?.hash === 'string' &&
      /^0x[0-9a-f]{64}$/.test(c.hash) &&
      typeof c.genesisHash === 'string' &&
      isU16List(c.uids) &&
      isU16List(c.values) &&
      c.uids.length === c.values.length &&
      isU16List(c.salt) &&
      typeof c.versionKey === 'string' &&
      /^\d+$/.test(c.versionKey) &&
      (c.block === null || Number.isInteger(c.block)) &&
      (c.validUntil === undefined || c.validUntil === null || Number.isInteger(c.validUntil))
    if (!ok) throw new Error(`a commit record is malformed (${JSON.stringify(c)?.slice(0, 80)})`)
  }
  return data as CommitStore
}

/** Records of this chain, oldest first (the order the chain queues them). */
export const commitsOn = (store: CommitStore, genesisHash: string): PendingCommit[] =>
  store.commits.filter((c) => c.genesisHash === genesisHash)

export function withoutHashes(store: CommitStore, hashes: readonly string[]): CommitStore {
  const drop = new Set(hashes)
  return { ...store, commits: store.commits.filter((c) => !drop.has(c.hash)) }
}
