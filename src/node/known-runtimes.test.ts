import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fromHex } from '../core/hex.js'
import { codeHashOf, loadRuntimeRunner, metadataFromCode, optionalOpaque } from './derive-metadata.js'
import { checkAgainstPackage, KNOWN_RUNTIMES, metadataDigest } from './known-runtimes.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('the runtimes tao knows', () => {
  it("the shipped digests are the spec-218 genesis runtime's own metadata, derived from its code (v14 and v15)", async () => {
    const spec = JSON.parse(readFileSync(path.join(root, 'chain-specs', 'raonet-spec218.json'), 'utf8'))
    const code = fromHex(spec.genesis.raw.top['0x3a636f6465'], ':code')
    const known = KNOWN_RUNTIMES[codeHashOf(code)]
    expect(known).toMatchObject({ specVersion: 218, metadataHash: false })
    const run = await loadRuntimeRunner()
    expect(run, "Chopsticks' executor (a dev dependency) is found").toBeDefined()
    for (const version of [14, 15]) {
      const metadata = (await metadataFromCode(run!, code, version))!
      expect([...metadata.subarray(0, 5)]).toEqual([0x6d, 0x65, 0x74, 0x61, version])
      expect(metadataDigest(metadata)).toBe(known!.digests[version])
      expect(checkAgainstPackage(codeHashOf(code), metadata)).toEqual({ result: 'match', runtime: known })
      const tampered = metadata.slice()
      tampered[tampered.length - 1]! ^= 1
      expect(checkAgainstPackage(codeHashOf(code), tampered)).toEqual({ result: 'mismatch', runtime: known })
    }
    expect(await metadataFromCode(run!, code, 16)).toBeUndefined() // not offered by spec 218
  }, 60_000)

  it('an unknown code hash is unknown', () => {
    expect(checkAgainstPackage('0x' + '00'.repeat(32), new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15]))).toEqual({ result: 'unknown' })
  })

  it('reads Option<OpaqueMetadata>: None, and each compact length form', () => {
    expect(optionalOpaque(new Uint8Array([0]))).toBeUndefined()
    expect([...optionalOpaque(new Uint8Array([1, 3 << 2, 7, 8, 9, 10]))!]).toEqual([7, 8, 9])
    const long = new Uint8Array(1 + 2 + 100).fill(5)
    long.set([1, ((100 << 2) | 1) & 0xff, (100 << 2) >> 8], 0)
    expect(optionalOpaque(long)!.length).toBe(100)
    expect(() => optionalOpaque(new Uint8Array([2]))).toThrow('not an Option')
  })
})
