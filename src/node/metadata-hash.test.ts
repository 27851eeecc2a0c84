import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { decideMode, KNOWN_GENESIS, mode1GenesisFile, mode1Memory, mode1Requirement } from './metadata-hash.js'

const OTHER = '0x' + '45'.repeat(32)
const refusal = (f: () => unknown): TaoError => {
  try {
    f()
  } catch (err) {
    expect(err).toBeInstanceOf(TaoError)
    return err as TaoError
  }
  throw new Error('expected a refusal')
}

describe('CheckMetadataHash mode per network', () => {
  it('finney and test are known by genesis hash (any case); another genesis is required only once remembered', () => {
    expect(mode1Requirement(KNOWN_GENESIS.finney, new Set())).toBe('finney')
    expect(mode1Requirement(KNOWN_GENESIS.finney.toUpperCase().replace('0X', '0x'), new Set())).toBe('finney')
    expect(mode1Requirement(KNOWN_GENESIS.test, new Set())).toBe('test')
    expect(mode1Requirement(OTHER, new Set())).toBeUndefined()
    expect(mode1Requirement(OTHER, new Set([OTHER]))).toBe('remembered')
  })

  it('finney never signs in mode 0, whatever the node says about its runtime', () => {
    const err = refusal(() => decideMode('finney', 'unsupported', KNOWN_GENESIS.finney))
    expect([err.code, err.exitCode]).toEqual(['METADATA_HASH_REQUIRED', 1])
    expect(err.message).toMatch(/this is finney \(genesis 0x2f0555cc…\), whose runtime checks it: tao does not sign in mode 0 here/)
    expect(decideMode('finney', 'supported', KNOWN_GENESIS.finney)).toBe(1)
    expect(refusal(() => decideMode('test', 'unsupported', KNOWN_GENESIS.test)).code).toBe('METADATA_HASH_REQUIRED')
  })

  it('a remembered genesis never goes back: a node claiming mode 1 unsupported there is refused, naming the file', () => {
    const err = refusal(() => decideMode('remembered', 'unsupported', OTHER))
    expect(err.code).toBe('METADATA_HASH_REQUIRED')
    expect(err.message).toContain('accepted CheckMetadataHash mode 1 before')
    expect(err.message).toContain(mode1GenesisFile())
  })

  it('elsewhere the runtime decides: mode 1 when it checks, mode 0 when it cannot, refused when it rejects the digest', () => {
    expect(decideMode(undefined, 'supported', OTHER)).toBe(1)
    expect(decideMode(undefined, 'unsupported', OTHER)).toBe(0)
    expect(refusal(() => decideMode(undefined, 'mismatch', OTHER)).code).toBe('METADATA_MISMATCH')
    expect(refusal(() => decideMode('finney', 'mismatch', KNOWN_GENESIS.finney)).code).toBe('METADATA_MISMATCH')
  })
})

describe('remembered genesis hashes', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'taocli-mode1-'))
  })
  afterEach(() => {
    chmodSync(dir, 0o700)
    rmSync(dir, { recursive: true, force: true })
  })

  it('live in the state folder, one hash a line, private; added once, read back in lower case', async () => {
    expect(mode1GenesisFile({ TAO_STATE_DIR: '/s' })).toBe('/s/metadata-hash-genesis')
    const file = path.join(dir, 'state', 'metadata-hash-genesis')
    const memory = mode1Memory(file)
    expect(await memory.load()).toEqual(new Set())
    await memory.add(OTHER.toUpperCase().replace('0X', '0x'))
    await memory.add(OTHER)
    await memory.add('not a hash')
    expect(readFileSync(file, 'utf8')).toBe(`${OTHER}\n`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await memory.load()).toEqual(new Set([OTHER]))
  })

  it('ignores lines that are not hashes, and a file it cannot write costs nothing but the memory', async () => {
    const file = path.join(dir, 'metadata-hash-genesis')
    writeFileSync(file, `junk\n${KNOWN_GENESIS.test}\n\n`)
    expect(await mode1Memory(file).load()).toEqual(new Set([KNOWN_GENESIS.test]))
    chmodSync(dir, 0o500)
    await expect(mode1Memory(path.join(dir, 'sub', 'file')).add(OTHER)).resolves.toBeUndefined()
  })
})
