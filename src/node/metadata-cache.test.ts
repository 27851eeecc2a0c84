import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { taoCacheDir as cacheRoot } from '../config/dirs.js'
import { decodeCacheFile, diskMetadataCache, encodeCacheFile, metadataCacheDir } from './metadata-cache.js'

const HASH = '0x' + 'ab'.repeat(32)
const META = new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15, 1, 2, 3, 4, 5])

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

  it('round-trips metadata by code hash', async () => {
    const cache = diskMetadataCache(path.join(dir, 'metadata'))
    expect(await cache.get(HASH)).toBeNull()
    await cache.set(HASH, META)
    expect(readdirSync(path.join(dir, 'metadata'))).toEqual([`${HASH}.scale`])
    expect(await cache.get(HASH)).toEqual(META)
    expect(await cache.get(HASH.toUpperCase().replace('0X', '0x'))).toEqual(META)
  })

  it('treats a corrupt or truncated file as a miss and deletes it', async () => {
    const cache = diskMetadataCache(dir)
    await cache.set(HASH, META)
    const file = path.join(dir, `${HASH}.scale`)
    const bytes = readFileSync(file)
    bytes[bytes.length - 1] ^= 1
    writeFileSync(file, bytes)
    expect(await cache.get(HASH)).toBeNull()
    expect(readdirSync(dir)).toEqual([])
    await cache.set(HASH, META)
    writeFileSync(file, readFileSync(file).subarray(0, 20))
    expect(await cache.get(HASH)).toBeNull()
  })

  it('refuses what is not metadata and keys that are not code hashes', async () => {
    expect(decodeCacheFile(encodeCacheFile(new Uint8Array([1, 2, 3, 4, 5])))).toBeNull()
    expect(decodeCacheFile(encodeCacheFile(META))).toEqual(META)
    const cache = diskMetadataCache(dir)
    await cache.set('../../etc/passwd', META)
    expect(await cache.get('../../etc/passwd')).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it('does not fail when the cache cannot be written', async () => {
    const file = path.join(dir, 'not-a-dir')
    writeFileSync(file, 'x')
    const cache = diskMetadataCache(path.join(file, 'metadata'))
    await expect(cache.set(HASH, META)).resolves.toBeUndefined()
    expect(await cache.get(HASH)).toBeNull()
  })
})
