import { readFileSync } from 'node:fs'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { describe, expect, it } from 'vitest'
import { keypairFromUri } from '../../keystore/keys.js'
import { QUICKNET, parseCiphertext, serializeCiphertext, timelockDecrypt, timelockEncrypt, verifyRoundSignature } from './timelock.js'
import { encodeTlockPayload, encryptWeights, MAX_COMMIT_BYTES, revealRound, tlockPayloadCodec } from './timelock-payload.js'

const vectors = JSON.parse(readFileSync(new URL('../../../test/fixtures/timelock-vectors.json', import.meta.url), 'utf8'))
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'))
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
interface Vector {
  name: string
  plaintext: string
  ciphertext: string
  openedByRust?: string
}
const cases = (list: Vector[]): Array<[string, Vector]> => list.map((v) => [v.name, v])
const signature = bytes(vectors.beacon.signature)
const round = BigInt(vectors.beacon.round)

describe('timelock encryption to a drand quicknet round', () => {
  it("checks drand's signature of the round (identity = hash_to_G1(sha256(round)))", () => {
    expect(vectors.beacon.chainHash).toBe(QUICKNET.chainHash)
    expect(verifyRoundSignature(round, signature)).toBe(true)
    expect(verifyRoundSignature(round + 1n, signature)).toBe(false)
  })

  it.each(cases(vectors.rustToTs))('opens what the Rust tle made: %s', (_, v) => {
    expect(hex(timelockDecrypt(bytes(v.ciphertext), signature))).toBe(v.plaintext)
  })

  it.each(cases(vectors.tsToRust))('made what the Rust tld opened: %s', (_, v) => {
    expect(v.openedByRust).toBe(v.plaintext)
    expect(hex(timelockDecrypt(bytes(v.ciphertext), signature))).toBe(v.plaintext)
  })

  it("has tle's byte layout", () => {
    for (const v of [...vectors.rustToTs, ...vectors.tsToRust]) {
      const c = parseCiphertext(bytes(v.ciphertext))
      expect(c.u).toHaveLength(96)
      expect(c.v).toHaveLength(32)
      expect(c.w).toHaveLength(32)
      expect(c.nonce).toHaveLength(12)
      expect(c.ciphertext).toHaveLength(v.plaintext.length / 2 + 16)
      expect(new TextDecoder().decode(c.cipherSuite)).toBe('AES_GCM_')
      expect(hex(serializeCiphertext(c))).toBe(v.ciphertext)
    }
  })

  it('round-trips fresh encryptions, each different', () => {
    const msg = new TextEncoder().encode('weights for later')
    const a = timelockEncrypt(msg, round)
    const b = timelockEncrypt(msg, round)
    expect(hex(a)).not.toBe(hex(b))
    expect(timelockDecrypt(a, signature)).toEqual(msg)
  })

  it('refuses another signature, a tampered body and a truncated ciphertext', () => {
    const ct = bytes(vectors.rustToTs[0].ciphertext)
    expect(() => timelockDecrypt(ct, bls12_381.G1.Point.BASE.toBytes(true))).toThrow(/does not open/)
    const tampered = ct.slice()
    tampered[tampered.length - 40]! ^= 1
    expect(() => timelockDecrypt(tampered, signature)).toThrow()
    expect(() => parseCiphertext(ct.slice(0, ct.length - 1))).toThrow(/truncated/)
    expect(() => parseCiphertext(new Uint8Array([...ct, 0]))).toThrow(/stray/)
  })
})

describe('timelocked weights', () => {
  const alice = keypairFromUri('//Alice').publicKey
  it('encodes WeightsTlockPayload { hotkey: Vec<u8>, uids, values, version_key }', () => {
    const payload = encodeTlockPayload({ hotkey: alice, uids: [0, 1], values: [65535, 30000], versionKey: 0n })
    expect(hex(payload)).toBe('80' + hex(alice) + '08' + '0000' + '0100' + '08' + 'ffff' + '3075' + '0000000000000000')
    expect(tlockPayloadCodec.dec(payload)).toMatchObject({ uids: [0, 1], values: [65535, 30000], version_key: 0n })
  })
  it('encrypts the payload for the round, within the chain’s size limit', () => {
    const commit = encryptWeights({ hotkey: alice, uids: [0, 1], values: [65535, 30000], versionKey: 7n }, round)
    expect(tlockPayloadCodec.dec(timelockDecrypt(commit, signature))).toMatchObject({
      uids: [0, 1],
      values: [65535, 30000],
      version_key: 7n,
    })
    const many = Array.from({ length: 1200 }, (_, i) => i)
    expect(() => encryptWeights({ hotkey: alice, uids: many, values: many.map(() => 1), versionKey: 0n }, round)).toThrow(
      new RegExp(`at most ${MAX_COMMIT_BYTES}`),
    )
  })
  it('picks the round as the bittensor SDK does: first reveal block + 3, in wall-clock time', () => {
    const now = 1_800_000_000
    // tempo 10, period 1, netuid 2, commit in block 15 → reveal epoch 2 starts at block 19; target 22 = 7 blocks ahead.
    const r = revealRound({ block: 15, netuid: 2, tempo: 10, revealPeriod: 1, blockTimeSeconds: 12, nowSeconds: now })
    expect(r.firstRevealBlock).toBe(19)
    expect(r.round).toBe(BigInt(Math.floor((now + 7 * 12 - QUICKNET.genesisTime) / 3)))
    expect(revealRound({ block: 15, netuid: 2, tempo: 10, revealPeriod: 1, blockTimeSeconds: 12, nowSeconds: 0 }).round).toBe(1n)
  })
})
