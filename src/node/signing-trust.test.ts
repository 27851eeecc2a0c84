import { Blake2256 } from '@polkadot-api/substrate-bindings'
import { describe, expect, it } from 'vitest'
import { failed, TaoError } from '../core/errors.js'
import { toHex } from '../core/hex.js'
import type { KnownRuntimes } from './known-runtimes.js'
import { metadataDigest } from './known-runtimes.js'
import type { CachedMetadata, MetadataCache, MetadataKey } from './metadata-cache.js'
import { KNOWN_GENESIS, type ProbeAnswer } from './metadata-hash.js'
import { checkServedMetadata, decideTrust, expectedGenesis, explainRejection, signerFor, type TrustContext } from './signing-trust.js'

const META = new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15, 1, 2, 3])
const TAMPERED = new Uint8Array([0x6d, 0x65, 0x74, 0x61, 15, 1, 3, 2])
const CODE = new Uint8Array([0, 97, 115, 109, 1, 2, 3])
const CODE_HASH = toHex(Blake2256(CODE))
const DEV = '0x' + '45'.repeat(32)
const KEY: MetadataKey = { genesis: DEV, specVersion: 218, codeHash: CODE_HASH }
const KNOWN: KnownRuntimes = {
  [CODE_HASH]: {
    specName: 'node-subtensor',
    specVersion: 218,
    source: 'the genesis tao ships',
    metadataHash: false,
    digests: { 15: metadataDigest(META) },
  },
}

/** A connection whose every answer is chosen by the test, recording what deciding asked and wrote. */
function fakeContext(over: Partial<TrustContext> & { answer?: ProbeAnswer; produces?: Uint8Array; served?: Uint8Array | null } = {}) {
  const seen = { probes: 0, codeReads: 0, remembered: [] as string[], cached: [] as Array<[MetadataKey, CachedMetadata]> }
  const cache: MetadataCache = {
    dir: '/cache',
    get: async () => null,
    set: async (key, entry) => void seen.cached.push([key, entry]),
    delete: async () => undefined,
  }
  const ctx: TrustContext = {
    label: 'ws://node',
    genesis: DEV,
    codeHash: CODE_HASH,
    metadata: META,
    specVersion: 218,
    loaded: 'unchecked',
    block: { hash: '0x' + '99'.repeat(32), number: 7 },
    remembered: new Set(),
    memory: { load: async () => new Set(), add: async (g) => void seen.remembered.push(g) },
    cache,
    cacheKey: KEY,
    known: {},
    trustNodeMetadata: false,
    probe: async () => {
      seen.probes++
      return over.answer ?? 'unsupported'
    },
    readCode: async () => {
      seen.codeReads++
      return over.served === undefined ? CODE : over.served
    },
    // The "runtime" answers Metadata_metadata_at_version with Option<OpaqueMetadata> of `produces`.
    loadRunner: async () => async () => {
      const m = over.produces ?? META
      return new Uint8Array([1, m.length << 2, ...m])
    },
    ...over,
  }
  return { ctx, seen }
}

const refused = async (p: Promise<unknown>): Promise<TaoError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(TaoError)
  return err as TaoError
}

describe('what vouches for the metadata before signing', () => {
  it('finney and test sign in mode 1 without asking the node anything', async () => {
    for (const genesis of [KNOWN_GENESIS.finney, KNOWN_GENESIS.test]) {
      const { ctx, seen } = fakeContext({ genesis, answer: 'unsupported' })
      expect(await decideTrust(ctx)).toMatchObject({ mode: 1, verifiedBy: 'runtime' })
      expect(seen.probes + seen.codeReads).toBe(0)
    }
  })

  it('a remembered genesis signs in mode 1, even with metadata that came with a runtime tao knows to lack the hash', async () => {
    const { ctx, seen } = fakeContext({ remembered: new Set([DEV]), loaded: 'package', known: KNOWN })
    expect(await decideTrust(ctx)).toMatchObject({ mode: 1, verifiedBy: 'runtime' })
    expect(seen.probes).toBe(0)
  })

  it("a runtime tao knows to lack the hash signs in mode 0 with the package's digest, and the preview says so", async () => {
    const { ctx, seen } = fakeContext({ loaded: 'package', known: KNOWN })
    expect(await decideTrust(ctx)).toEqual({
      mode: 0,
      verifiedBy: 'package',
      words:
        'CheckMetadataHash mode 0: this runtime (spec 218) cannot check the metadata; tao verified it against the digest it ships for this runtime',
    })
    expect(seen.probes + seen.codeReads).toBe(0)
  })

  it('a runtime that checks the hash when asked: mode 1, its genesis remembered, the metadata cached as runtime-checked', async () => {
    const { ctx, seen } = fakeContext({ answer: 'supported' })
    expect(await decideTrust(ctx)).toMatchObject({ mode: 1, verifiedBy: 'runtime' })
    expect(seen.remembered).toEqual([DEV])
    expect(seen.cached).toEqual([[KEY, { metadata: META, verifiedBy: 'runtime' }]])
  })

  it('a runtime that rejects the digest of the served metadata: refused, remembered, nothing cached', async () => {
    const { ctx, seen } = fakeContext({ answer: 'mismatch' })
    expect((await refused(decideTrust(ctx))).code).toBe('METADATA_MISMATCH')
    expect(seen.remembered).toEqual([DEV])
    expect(seen.cached).toEqual([])
  })

  it('a runtime that cannot check: the metadata is derived from its code here, then cached as derived', async () => {
    const { ctx, seen } = fakeContext()
    expect(await decideTrust(ctx)).toMatchObject({ mode: 0, verifiedBy: 'derived' })
    expect(seen.remembered).toEqual([])
    expect(seen.cached).toEqual([[KEY, { metadata: META, verifiedBy: 'derived' }]])
    // Derived before: no question to the node the next time.
    const again = fakeContext({ loaded: 'derived' })
    expect(await decideTrust(again.ctx)).toMatchObject({ mode: 0, verifiedBy: 'derived' })
    expect(again.seen.probes).toBe(0)
  })

  it('served metadata that the runtime code does not produce is refused, never cached', async () => {
    const { ctx, seen } = fakeContext({ produces: TAMPERED })
    const err = await refused(decideTrust(ctx))
    expect([err.code, err.exitCode]).toEqual(['METADATA_MISMATCH', 1])
    expect(err.message).toMatch(
      /^the metadata ws:\/\/node served is not what its runtime code \(:code at block #7\) produces: refusing to use it/,
    )
    expect(seen.cached).toEqual([])
  })

  it('runtime code that does not hash to the reported code hash is refused', async () => {
    const { ctx } = fakeContext({ served: new Uint8Array([9, 9, 9]) })
    const err = await refused(decideTrust(ctx))
    expect(err.code).toBe('METADATA_MISMATCH')
    expect(err.message).toContain('does not hash to the code hash it reported')
  })

  it('nothing to vouch (no executor, or no code served): refused before signing, unless the user takes the node’s word', async () => {
    const noExecutor = fakeContext({ loadRunner: async () => undefined })
    const err = await refused(decideTrust(noExecutor.ctx))
    expect([err.code, err.exitCode]).toEqual(['METADATA_UNVERIFIED', 1])
    expect(err.message).toMatch(
      /tao does not ship its digest, and Chopsticks' executor, which derives it from the runtime code, is not installed/,
    )
    expect(err.message).toMatch(/--trust-node-metadata/)
    expect((await refused(decideTrust(fakeContext({ served: null }).ctx))).message).toContain(
      'did not serve the runtime code (:code) at block #7',
    )

    const trusting = fakeContext({ loadRunner: async () => undefined, trustNodeMetadata: true })
    expect(await decideTrust(trusting.ctx)).toMatchObject({
      mode: 0,
      verifiedBy: 'node',
      words: expect.stringContaining("NOT verified: signed on the node's word"),
    })
    expect(trusting.seen.cached).toEqual([])
  })
})

describe('the signer', () => {
  it('signs only with the metadata that was vouched for (a runtime that changed meanwhile is refused)', () => {
    const keypair = { publicKey: new Uint8Array(32).fill(1), sign: () => new Uint8Array(64) }
    for (const mode of [0, 1] as const) {
      const signer = signerFor({ mode, verifiedBy: mode === 1 ? 'runtime' : 'package', words: '' }, keypair, META)
      expect(() => signer.signTx(new Uint8Array([0, 0]), {}, TAMPERED, 0)).toThrow(/the runtime changed while the command ran/)
    }
  })
})

describe('the check at connect', () => {
  const base = { label: 'ws://node', codeHash: CODE_HASH, genesis: DEV, remembered: new Set<string>(), known: KNOWN }

  it('refuses metadata that is not what this package knows for the runtime (tampered), before anything reads it', () => {
    expect(() => checkServedMetadata({ ...base, metadata: TAMPERED })).toThrow(
      /^the metadata ws:\/\/node served for runtime 0x[0-9a-f]{8}… \(spec 218\) is not the one the genesis tao ships has/,
    )
    // A version the package has no digest for is not the runtime's either.
    expect(() => checkServedMetadata({ ...base, metadata: new Uint8Array([0x6d, 0x65, 0x74, 0x61, 14, 1, 2, 3]) })).toThrow(TaoError)
    expect(checkServedMetadata({ ...base, metadata: META })).toBe('package')
  })

  it('an unknown runtime is vouched for by the runtime on a network that checks, else stays unchecked', () => {
    expect(checkServedMetadata({ ...base, known: {}, metadata: META })).toBe('unchecked')
    expect(checkServedMetadata({ ...base, known: {}, metadata: META, genesis: KNOWN_GENESIS.finney })).toBe('runtime')
    expect(checkServedMetadata({ ...base, known: {}, metadata: META, remembered: new Set([DEV]) })).toBe('runtime')
  })

  it('the named networks must have their own genesis', () => {
    expect(expectedGenesis('finney')).toBe(KNOWN_GENESIS.finney)
    expect(expectedGenesis('archive')).toBe(KNOWN_GENESIS.finney)
    expect(expectedGenesis('test')).toBe(KNOWN_GENESIS.test)
    expect(expectedGenesis('local')).toBeUndefined()
    expect(expectedGenesis('custom')).toBeUndefined()
  })
})

describe('a refusal at submission in mode 1', () => {
  const rejected = (reason: string) => {
    const err = failed('the node refused the transaction: …; nothing was included', 'TX_REJECTED')
    err.data = { rejection: { reason, node: '1010: …' } }
    return err
  }
  const mode1 = { mode: 1 as const, verifiedBy: 'runtime' as const, words: '' }

  it('"cannot look up" on a network that requires mode 1 is a downgrade, refused as such', async () => {
    const err = (await explainRejection(rejected('cannotLookup'), mode1, { genesis: DEV, remembered: new Set([DEV]) })) as TaoError
    expect(err.code).toBe('METADATA_HASH_REQUIRED')
    expect(err.data).toEqual({ rejection: { reason: 'cannotLookup', node: '1010: …' } })
    const elsewhere = rejected('cannotLookup')
    expect(await explainRejection(elsewhere, mode1, { genesis: DEV, remembered: new Set() })).toBe(elsewhere)
  })

  it('a bad proof drops the cached metadata of the runtime', async () => {
    const deleted: MetadataKey[] = []
    const cache = { dir: '', get: async () => null, set: async () => undefined, delete: async (k: MetadataKey) => void deleted.push(k) }
    const err = (await explainRejection(rejected('badProof'), mode1, {
      genesis: DEV,
      remembered: new Set(),
      cache,
      cacheKey: KEY,
    })) as TaoError
    expect(err.code).toBe('TX_REJECTED')
    expect(err.message).toContain('tao dropped its cached copy')
    expect(deleted).toEqual([KEY])
    // In mode 0 a refusal is the node's, as it was.
    const mode0 = rejected('badProof')
    expect(await explainRejection(mode0, { ...mode1, mode: 0 }, { genesis: DEV, remembered: new Set(), cache, cacheKey: KEY })).toBe(mode0)
  })
})
