import { taoCacheDir } from '../config/dirs.js'
import { createHash } from 'node:crypto'
import { mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { READ_LIMIT, readRegularFile, writeFileAtomic } from '../fsx/files.js'

/**
 * Runtime metadata on disk, one file per runtime code hash (the `:code` blake2 hash the node reports), so a
 * command against a runtime seen before downloads nothing. File layout: 8-byte magic, sha256 of the payload,
 * payload. A file that fails the check is deleted and reported as a miss, so polkadot-api downloads and the
 * cache rewrites it.
 */
export interface MetadataCache {
  readonly dir: string
  get(codeHash: string): Promise<Uint8Array | null>
  set(codeHash: string, metadata: Uint8Array): Promise<void>
}

const MAGIC = Buffer.from('taometa1')
const DIGEST_LEN = 32
/** SCALE metadata starts with the magic number 0x6d657461 ("meta"). */
const META = Buffer.from('meta')
const CODE_HASH = /^0x[0-9a-f]{64}$/

/** `$TAO_CACHE_DIR`, else `$XDG_CACHE_HOME/taocli`, else `~/.cache/taocli`. */
export const metadataCacheDir = (env: NodeJS.ProcessEnv = process.env): string => join(taoCacheDir(env), 'metadata')

export function encodeCacheFile(metadata: Uint8Array): Buffer {
  const digest = createHash('sha256').update(metadata).digest()
  return Buffer.concat([MAGIC, digest, metadata])
}

/** The payload of a cache file, or null when it is not one we wrote intact. */
export function decodeCacheFile(file: Uint8Array): Uint8Array | null {
  if (file.length <= MAGIC.length + DIGEST_LEN + META.length) return null
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const digest = buf.subarray(MAGIC.length, MAGIC.length + DIGEST_LEN)
  const payload = buf.subarray(MAGIC.length + DIGEST_LEN)
  if (!createHash('sha256').update(payload).digest().equals(digest)) return null
  if (!payload.subarray(0, META.length).equals(META)) return null
  return new Uint8Array(payload)
}

export function diskMetadataCache(dir: string = metadataCacheDir()): MetadataCache {
  const fileOf = (codeHash: string) => join(dir, `${codeHash.toLowerCase()}.scale`)
  const valid = (codeHash: string) => CODE_HASH.test(codeHash.toLowerCase())
  return {
    dir,
    async get(codeHash) {
      if (!valid(codeHash)) return null
      let file: Buffer
      try {
        file = Buffer.from(await readRegularFile(fileOf(codeHash), 'cached metadata', READ_LIMIT.metadata))
      } catch {
        return null
      }
      const payload = decodeCacheFile(file)
      if (!payload) await unlink(fileOf(codeHash)).catch(() => undefined)
      return payload
    },
    async set(codeHash, metadata) {
      if (!valid(codeHash)) return
      // Best effort: a read-only or full disk must not fail the command; it only costs a download next time.
      try {
        await mkdir(dir, { recursive: true })
        await writeFileAtomic(fileOf(codeHash), encodeCacheFile(metadata), { overwrite: true, mode: 0o644 })
      } catch {
        /* not cached */
      }
    },
  }
}
