/**
 * Signing from an offline context and checking signatures, without a node: a transaction signed from the
 * context reads back with a valid signature; any changed byte, another chain or runtime makes it invalid; what
 * cannot be checked says why. (test/chain/offline.test.ts lands such a transaction on a real chain.)
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { amountJson } from '../core/amount.js'
import { toHex } from '../core/hex.js'
import { keypairFromUri } from '../keystore/keys.js'
import { signerOf } from './keypair-signer.js'
import { encodeEra, signingPayload } from './extensions.js'
import { decodeEra, readExtrinsic } from './extrinsic.js'
import { decodeMetadata } from './metadata.js'
import { offlineChain, parseOfflineContext, type OfflineContext } from './offline.js'
import { checkSignature } from './signature-check.js'

const raw = new Uint8Array(readFileSync('test/fixtures/spec218/metadata.scale'))
const view = decodeMetadata(raw)
const alice = keypairFromUri('//Alice')
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const GENESIS = toHex(new Uint8Array(32).fill(7))
const BLOCK = { number: 1234, hash: toHex(new Uint8Array(32).fill(9)) }

const context: OfflineContext = {
  format: 'tao-offline-context',
  version: 1,
  network: 'local',
  createdAt: '2026-01-01T00:00:00Z',
  metadataHashMode: 0,
  genesisHash: GENESIS,
  specName: view.specName ?? null,
  specVersion: view.specVersion!,
  transactionVersion: view.transactionVersion!,
  ss58Prefix: 42,
  signer: alice.ss58,
  nonce: 5,
  block: BLOCK,
  account: { free: amountJson(10n ** 12n), reserved: amountJson(0n), frozen: amountJson(0n) },
  metadata: toHex(raw),
}
const loaded = parseOfflineContext(JSON.stringify(context), 'ctx.json')
const chain = offlineChain(loaded, 'ctx.json')
const call = chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 2_000_000_000n })
const facts = { genesisHash: GENESIS, birthHash: BLOCK.hash }

describe('signing from an offline context', () => {
  it('signs with the context nonce and an era from its block; the signature checks', async () => {
    const signed = await chain.sign(call, signerOf(alice), { tip: 3n })
    expect(signed).toMatchObject({
      signer: alice.ss58,
      nonce: 5,
      tip: 3n,
      fee: undefined,
      era: { type: 'mortal', period: 64, birth: 1234, death: 1298 },
    })
    const { decoded, parts } = readExtrinsic(view, signed.hex)
    expect(decoded).toMatchObject({
      kind: 'signed',
      signer: alice.ss58,
      nonce: 5,
      tip: '3',
      era: { type: 'mortal', period: 64, phase: 1234 % 64 },
      pallet: 'Balances',
    })
    expect(checkSignature(view, parts, facts)).toEqual({ status: 'valid' })
  })

  it('any changed byte, or another genesis, block or runtime, fails the check', async () => {
    const signed = await chain.sign(call, signerOf(alice))
    const bytes = Buffer.from(signed.hex.slice(2), 'hex')
    bytes[bytes.length - 1]! ^= 1
    const tampered = readExtrinsic(view, new Uint8Array(bytes))
    expect(checkSignature(view, tampered.parts, facts)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/^the signature does not match/),
    })
    const { parts } = readExtrinsic(view, signed.hex)
    expect(checkSignature(view, parts, { ...facts, genesisHash: toHex(new Uint8Array(32)) }).status).toBe('invalid')
    expect(checkSignature(view, parts, { ...facts, birthHash: toHex(new Uint8Array(32)) }).status).toBe('invalid')
    expect(checkSignature(view, parts, { ...facts, specVersion: context.specVersion + 1 }).status).toBe('invalid')
  })

  it('says what is missing instead of guessing', async () => {
    const mortal = readExtrinsic(view, (await chain.sign(call, signerOf(alice))).hex)
    expect(checkSignature(view, mortal.parts, {})).toMatchObject({
      status: 'unchecked',
      reason: expect.stringMatching(/genesis hash is needed/),
    })
    expect(checkSignature(view, mortal.parts, { genesisHash: GENESIS })).toMatchObject({
      status: 'unchecked',
      reason: expect.stringMatching(/era starts at is needed/),
    })
    // Immortal: the genesis hash is all it needs.
    const immortal = readExtrinsic(view, (await chain.sign(call, signerOf(alice), { era: 'immortal' })).hex)
    expect(checkSignature(view, immortal.parts, { genesisHash: GENESIS })).toEqual({ status: 'valid' })
    const bare = readExtrinsic(
      view,
      toHex(new Uint8Array([4 * (1 + call.callData.length / 2 - 1), 4, ...Buffer.from(call.callData.slice(2), 'hex')])),
    )
    expect(checkSignature(view, bare.parts, facts)).toMatchObject({ status: 'unchecked', reason: 'it is not signed' })
  })

  it('answers the signer, its nonce and the constants from the file; any other read needs a node (exit 2)', async () => {
    expect(await chain.account(alice.ss58)).toMatchObject({ nonce: 5, free: 10n ** 12n })
    expect(await chain.rpc('system_accountNextIndex', [alice.ss58])).toBe(5)
    expect(chain.existentialDeposit()).toBeGreaterThan(0n)
    await expect(chain.account(BOB)).rejects.toMatchObject({ exitCode: 2, code: 'NEEDS_NODE' })
    await expect(chain.storage('SubtensorModule', 'SubnetTAO', 1)).rejects.toThrow(/needs SubtensorModule\.SubnetTAO from a node/)
    await expect(chain.submitSigned('0x00')).rejects.toMatchObject({ code: 'NEEDS_NODE' })
  })

  it('refuses a file that is not a context, or whose metadata is not the runtime it names', () => {
    expect(() => parseOfflineContext('nope', 'x.json')).toThrow(/x.json is not an offline context .*: it is not JSON/)
    expect(() => parseOfflineContext(JSON.stringify({ ...context, version: 2 }), 'x.json')).toThrow(/version 2/)
    expect(() => parseOfflineContext(JSON.stringify({ ...context, genesisHash: '0x12' }), 'x.json')).toThrow(/genesisHash/)
    expect(() => parseOfflineContext(JSON.stringify({ ...context, specVersion: 999 }), 'x.json')).toThrow(/its metadata is of spec 218/)
  })
})

describe('the era and the payload', () => {
  it('encodes every era the way the node decodes it', () => {
    expect(encodeEra({ type: 'immortal' })).toEqual(Uint8Array.of(0))
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), (log, p) => {
        const period = 2 ** log
        const phase = p % period
        expect(decodeEra(encodeEra({ type: 'mortal', period, phase }))).toEqual({ type: 'mortal', period, phase })
      }),
    )
  })

  it('a payload over 256 bytes is signed as its blake2-256 hash', () => {
    expect(signingPayload(new Uint8Array(200), [new Uint8Array(56)], [])).toHaveLength(256)
    expect(signingPayload(new Uint8Array(200), [new Uint8Array(57)], [])).toHaveLength(32)
  })
})
