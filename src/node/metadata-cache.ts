import { taoCacheDir } from '../config/dirs.js'
import { createHash } from 'node:crypto'
import { unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ensureDir, READ_LIMIT, readRegularFile, writeFileAtomic } from '../fsx/files.js'

/**
 * Runtime metadata on disk, so a command against a runtime seen before downloads nothing. Only metadata tao
 * verified is written (src/node/signing-trust.ts says how), and an entry is found only under the same genesis
 * hash, spec version and code hash: metadata met on one network (or through one endpoint of another) never
 * serves another network. `<dir>/<genesis>/<spec>-<code hash>.scale`, folders 0700, files 0600.
 *
 * File: 8-byte magic, sha256 of the rest, u32 LE header length, header JSON (the key again and how the
 * metadata was verified), metadata. A file whose digest, key or content
 * does not check out is deleted and reported as a miss.
 */
export interface MetadataKey {
  genesis: string
  specVersion: number
  codeHash: string
}

/** Who vouches for cached metadata: tao's own digest for a runtime it knows, the runtime code run here, or the runtime checking each transaction (mode 1). */
export type CachedVerification = 'package' | 'derived' | 'runtime'

export interface CachedMetadata {
  metadata: Uint8Array
  verifiedBy: CachedVerification
}

export interface MetadataCache {
  readonly dir: string
  get(key: MetadataKey): Promise<CachedMetadata | null>
  set(key: MetadataKey, entry: CachedMetadata): Promise<void>
  delete(key: MetadataKey): Promise<void>
}

const MAGIC = Buffer.from('taometa2')
const DIGEST_LEN = 32
/** SCALE metadata starts with the magic number 0x6d657461 ("meta"). */
const META = Buffer.from('meta')
const HASH = /^0x[0-9a-f]{64}$/
const VERIFIED: readonly string[] = ['package', 'derived', 'runtime'] satisfies CachedVerification[]

/** `$TAO_CACHE_DIR`, else `$XDG_CACHE_HOME/taocli`, else `~/.cache/taocli`. */
export const metadataCacheDir = (env: NodeJS.ProcessEnv = process.env): string => join(taoCacheDir(env), 'metadata')

const normal = (key: MetadataKey): MetadataKey | undefined => {
  const k = { genesis: key.genesis.toLowerCase(), specVersion: key.specVersion, codeHash: key.codeHash.toLowerCase() }
  return HASH.test(k.genesis) && HASH.test(k.codeHash) && Number.isInteger(k.specVersion) && k.specVersion >= 0 ? k : undefined
}

interface Header extends MetadataKey {
  verifiedBy: CachedVerification
}

export function encodeCacheFile(key: MetadataKey, entry: CachedMetadata): Buffer {
  const header: Header = { ...key, verifiedBy: entry.verifiedBy }
  const json = Buffer.from(JSON.stringify(header))
  const len = Buffer.alloc(4)
  len.writeUInt32LE(json.length)
  const body = Buffer.concat([len, json, entry.metadata])
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body])
}

/** The entry in a cache file, or null when it is not one we wrote intact for this key. */
export function decodeCacheFile(file: Uint8Array, key: MetadataKey): CachedMetadata | null {
  if (file.length <= MAGIC.length + DIGEST_LEN + 4) return null
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const body = buf.subarray(MAGIC.length + DIGEST_LEN)
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(buf.subarray(MAGIC.length, MAGIC.length + DIGEST_LEN))
  )
    return null
  const len = body.readUInt32LE(0)
  if (4 + len > body.length) return null
  let header: Header
  try {
    header = JSON.parse(body.subarray(4, 4 + len).toString('utf8')) as Header
  } catch {
    return null
  }
  if (header.genesis !== key.genesis || header.codeHash !== key.codeHash || header.specVersion !== key.specVersion) return null
  if (!VERIFIED.includes(header.verifiedBy)) return null
  const metadata = body.subarray(4 + len)
  if (!metadata.subarray(0, META.length).equals(META)) return null
  return { metadata: new Uint8Array(metadata), verifiedBy: header.verifiedBy }
}

export function diskMetadataCache(dir: string = metadataCacheDir()): MetadataCache {
  const fileOf = (k: MetadataKey) => join(dir, k.genesis, `${k.specVersion}-${k.codeHash}.scale`)
  return {
    dir,
    async get(key) {
      const k = normal(key)
      if (!k) return null
      let file: Uint8Array
      try {
        file = await readRegularFile(fileOf(k), 'cached metadata', READ_LIMIT.metadata)
      } catch {
        return null
      }
      const entry = decodeCacheFile(file, k)
      if (!entry) await unlink(fileOf(k)).catch(() => undefined)
      return entry
    },
    async set(key, entry) {
      const k = normal(key)
      if (!k) return
      // Best effort: a read-only or full disk must not fail the command; it only costs a download next time.
      try {
        await ensureDir(dir)
        await ensureDir(join(dir, k.genesis))
        await writeFileAtomic(fileOf(k), encodeCacheFile(k, entry), { overwrite: true, mode: 0o600 })
      } catch {
        /* not cached */
      }
    },
    async delete(key) {
      const k = normal(key)
      if (k) await unlink(fileOf(k)).catch(() => undefined)
    },
  }
}
