import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { taoCacheDir as cacheRoot } from '../config/dirs.js'
import { decodeCacheFile, diskMetadataCache, encodeCacheFile, metadataCacheDir, type MetadataKey } from './metadata-cache.js'

const KEY: MetadataKey = { genesis: '0x' + '11'.repeat(32), specVersion: 218, codeHash: '0x' + 'ab'.repeat(32) }
const META = new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15, 1, 2, 3, 4, 5])
const ENTRY = { metadata: META, verifiedBy: 'package' as const }

describe('metadata cache', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'taocli-meta-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('lives in TAO_CACHE_DIR, else XDG_CACHE_HOME/taocli, else ~/.cache/taocli', () => {
    expect(metadataCacheDir({ TAO_CACHE_DIR: '/x' })).toBe('/x/metadata')
    expect(cacheRoot({ XDG_CACHE_HOME: '/c' })).toBe('/c/taocli')
    expect(cacheRoot({})).toMatch(/\.cache\/taocli$/)
  })

  it('round-trips verified metadata under genesis, spec version and code hash, in private folders', async () => {
    const root = path.join(dir, 'metadata')
    const cache = diskMetadataCache(root)
    expect(await cache.get(KEY)).toBeNull()
    await cache.set(KEY, ENTRY)
    expect(readdirSync(path.join(root, KEY.genesis))).toEqual([`218-${KEY.codeHash}.scale`])
    expect(statSync(root).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(root, KEY.genesis)).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(root, KEY.genesis, `218-${KEY.codeHash}.scale`)).mode & 0o777).toBe(0o600)
    expect(await cache.get(KEY)).toEqual(ENTRY)
    expect(await cache.get({ ...KEY, codeHash: KEY.codeHash.toUpperCase().replace('0X', '0x') })).toEqual(ENTRY)
    await cache.delete(KEY)
    expect(await cache.get(KEY)).toBeNull()
  })

  it('never serves an entry to another genesis, spec version or code hash', async () => {
    const cache = diskMetadataCache(dir)
    await cache.set(KEY, ENTRY)
    expect(await cache.get({ ...KEY, genesis: '0x' + '22'.repeat(32) })).toBeNull()
    expect(await cache.get({ ...KEY, specVersion: 219 })).toBeNull()
    expect(await cache.get({ ...KEY, codeHash: '0x' + 'cd'.repeat(32) })).toBeNull()
    // A file moved under another key (same folder, another name) is refused by its own header, and deleted.
    const other = { ...KEY, codeHash: '0x' + 'cd'.repeat(32) }
    renameSync(path.join(dir, KEY.genesis, `218-${KEY.codeHash}.scale`), path.join(dir, KEY.genesis, `218-${other.codeHash}.scale`))
    expect(await cache.get(other)).toBeNull()
    expect(readdirSync(path.join(dir, KEY.genesis))).toEqual([])
  })

  it('treats a corrupt or truncated file as a miss and deletes it', async () => {
    const cache = diskMetadataCache(dir)
    await cache.set(KEY, ENTRY)
    const file = path.join(dir, KEY.genesis, `218-${KEY.codeHash}.scale`)
    const bytes = readFileSync(file)
    bytes[bytes.length - 1]! ^= 1
    writeFileSync(file, bytes)
    expect(await cache.get(KEY)).toBeNull()
    expect(readdirSync(path.join(dir, KEY.genesis))).toEqual([])
    await cache.set(KEY, ENTRY)
    writeFileSync(file, readFileSync(file).subarray(0, 20))
    expect(await cache.get(KEY)).toBeNull()
  })

  it('refuses what is not metadata, an unknown verification, and keys that are not hashes', async () => {
    expect(decodeCacheFile(encodeCacheFile(KEY, { ...ENTRY, metadata: new Uint8Array([1, 2, 3, 4, 5]) }), KEY)).toBeNull()
    expect(decodeCacheFile(encodeCacheFile(KEY, { ...ENTRY, verifiedBy: 'node' as never }), KEY)).toBeNull()
    expect(decodeCacheFile(encodeCacheFile(KEY, ENTRY), KEY)).toEqual(ENTRY)
    const cache = diskMetadataCache(dir)
    await cache.set({ ...KEY, codeHash: '../../etc/passwd' }, ENTRY)
    await cache.set({ ...KEY, genesis: '..' }, ENTRY)
    expect(await cache.get({ ...KEY, codeHash: '../../etc/passwd' })).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it('tightens a cache folder another program left open to others', async () => {
    const root = path.join(dir, 'metadata')
    const cache = diskMetadataCache(root)
    await cache.set(KEY, ENTRY)
    const { chmodSync } = await import('node:fs')
    chmodSync(root, 0o755)
    await cache.set(KEY, ENTRY)
    expect(statSync(root).mode & 0o777).toBe(0o700)
  })

  it('does not fail when the cache cannot be written', async () => {
    const file = path.join(dir, 'not-a-dir')
    writeFileSync(file, 'x')
    const cache = diskMetadataCache(path.join(file, 'metadata'))
    await expect(cache.set(KEY, ENTRY)).resolves.toBeUndefined()
    expect(await cache.get(KEY)).toBeNull()
  })
})
