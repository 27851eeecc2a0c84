import { bls12_381 } from '@noble/curves/bls12-381.js'
import { gcm } from '@noble/ciphers/aes.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToNumberBE, bytesToNumberLE, concatBytes, numberToBytesLE } from '@noble/curves/utils.js'

/**
 * Timelock encryption to a drand round, byte-compatible with ideal-lab5's `tle` (the version bittensor-drand
 * pins, 5416406c), which is what Subtensor decrypts `commit_timelocked_weights` with: Boneh–Franklin
 * FullIdent IBE over BLS12-381 in drand's "short signature" arrangement (identity and round signature in G1,
 * beacon public key in G2) hiding a 32-byte key, and the message under AES-256-GCM with that key.
 *
 * Bytes (arkworks `serialize_compressed` of `TLECiphertext`; `Vec` = u64 little-endian length + items):
 *   U: G2 compressed (96) ‖ Vec V (32) ‖ Vec W (32) ‖ Vec body ‖ Vec cipher_suite ("AES_GCM_")
 *   body = Vec ciphertext (message + 16-byte tag) ‖ Vec nonce (12)
 * with  Q = hash_to_G1(sha256(round as u64 big-endian)), σ = sha256(t) for a random scalar t,
 *       r = sha256(σ ‖ key) mod q,  U = r·G2,  V = σ ⊕ sha256(GT(e(Q, r·P))),  W = key ⊕ sha256(σ),
 * where GT bytes are arkworks' Fq12 serialisation (12 base-field coefficients, 48 bytes little-endian each).
 * Checked against ciphertexts made by the Rust code (test/fixtures/timelock-vectors.json).
 */

/** drand quicknet: the beacon Subtensor's Drand pallet follows. */
export const QUICKNET = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  genesisTime: 1692803367,
  periodSeconds: 3,
} as const

const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_'
const CIPHER_SUITE = new TextEncoder().encode('AES_GCM_')
const NONCE_LENGTH = 12
const { G1, G2, fields, pairing } = bls12_381
const Fr = fields.Fr

type Random = (length: number) => Uint8Array
const csprng: Random = (length) => crypto.getRandomValues(new Uint8Array(length))

/** The IBE identity of a round: drand signs sha256(round as u64 big-endian), hashed to G1. */
export function roundIdentity(round: bigint) {
  return G1.hashToCurve(sha256(numberToBytesBE8(round)), { DST })
}

/** Is `signature` drand's signature of `round` under `publicKey` (both hex)? e(sig, G2) = e(Q, pk). */
export function verifyRoundSignature(round: bigint, signature: Uint8Array, publicKey: Uint8Array = hex(QUICKNET.publicKey)): boolean {
  const sig = G1.Point.fromBytes(signature)
  const pk = G2.Point.fromBytes(publicKey)
  return fields.Fp12.eql(pairing(sig, G2.Point.BASE), pairing(roundIdentity(round), pk))
}

export interface TimelockCiphertext {
  u: Uint8Array
  v: Uint8Array
  w: Uint8Array
  ciphertext: Uint8Array
  nonce: Uint8Array
  cipherSuite: Uint8Array
}

/** Encrypt `message` so that only drand's signature of `round` opens it. */
export function timelockEncrypt(
  message: Uint8Array,
  round: bigint,
  publicKey: Uint8Array = hex(QUICKNET.publicKey),
  random: Random = csprng,
): Uint8Array {
  const pk = G2.Point.fromBytes(publicKey)
  const key = random(32)
  // σ from a random scalar, as tle does (any 32 uniformly random bytes would serve the scheme).
  const t = Fr.create(bytesToNumberLE(random(64)))
  const sigma = sha256(numberToBytesLE(t, 32))
  const r = h3(sigma, key)
  const u = G2.Point.BASE.multiply(r)
  const gId = pairing(roundIdentity(round), pk.multiply(r))
  const v = xor32(sigma, sha256(gtBytes(gId)))
  const w = xor32(key, sha256(sigma))
  const nonce = random(NONCE_LENGTH)
  const ciphertext = gcm(key, nonce).encrypt(message)
  return serializeCiphertext({ u: u.toBytes(true), v, w, ciphertext, nonce, cipherSuite: CIPHER_SUITE })
}

/** Open a timelock ciphertext with drand's signature (48-byte G1) of its round; throws when it does not open. */
export function timelockDecrypt(bytes: Uint8Array, signature: Uint8Array): Uint8Array {
  const ct = parseCiphertext(bytes)
  if (!equalBytes(ct.cipherSuite, CIPHER_SUITE)) throw new Error(`unknown cipher suite "${new TextDecoder().decode(ct.cipherSuite)}"`)
  const u = G2.Point.fromBytes(ct.u)
  const sig = G1.Point.fromBytes(signature)
  const sigma = xor32(ct.v, sha256(gtBytes(pairing(sig, u))))
  const key = xor32(ct.w, sha256(sigma))
  if (!G2.Point.BASE.multiply(h3(sigma, key)).equals(u)) throw new Error('this signature does not open the ciphertext (wrong round?)')
  return gcm(key, ct.nonce).decrypt(ct.ciphertext)
}

/** r = sha256(a ‖ b) read big-endian, reduced mod q (arkworks `from_be_bytes_mod_order`). */
function h3(a: Uint8Array, b: Uint8Array): bigint {
  const r = Fr.create(bytesToNumberBE(sha256(concatBytes(a, b))))
  if (r === 0n) throw new Error('degenerate scalar')
  return r
}

type Fp12 = ReturnType<typeof pairing>
/** arkworks' Fq12 serialisation: c0 then c1 (Fq6), each c0, c1, c2 (Fq2), each c0, c1 (Fq, 48 bytes little-endian). */
export function gtBytes(x: Fp12): Uint8Array {
  const out: Uint8Array[] = []
  for (const fp6 of [x.c0, x.c1])
    for (const fp2 of [fp6.c0, fp6.c1, fp6.c2]) for (const fp of [fp2.c0, fp2.c1]) out.push(numberToBytesLE(fp, 48))
  return concatBytes(...out)
}

function xor32(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== 32 || b.length < 32) throw new Error('expected 32 bytes')
  return a.map((x, i) => x ^ b[i]!)
}

// ---- arkworks layout ------------------------------------------------------------------------------------

const vec = (b: Uint8Array) => concatBytes(u64le(b.length), b)

export function serializeCiphertext(c: TimelockCiphertext): Uint8Array {
  if (c.u.length !== 96) throw new Error('U is a 96-byte compressed G2 point')
  return concatBytes(c.u, vec(c.v), vec(c.w), vec(concatBytes(vec(c.ciphertext), vec(c.nonce))), vec(c.cipherSuite))
}

export function parseCiphertext(bytes: Uint8Array): TimelockCiphertext {
  const r = new Reader(bytes)
  const u = r.take(96)
  const v = r.vec()
  const w = r.vec()
  const body = new Reader(r.vec())
  const ciphertext = body.vec()
  const nonce = body.vec()
  body.end('body')
  const cipherSuite = r.vec()
  r.end('ciphertext')
  if (v.length !== 32 || w.length !== 32) throw new Error('V and W are 32 bytes')
  if (nonce.length !== NONCE_LENGTH) throw new Error('the AES-GCM nonce is 12 bytes')
  return { u, v, w, ciphertext, nonce, cipherSuite }
}

class Reader {
  private at = 0
  constructor(private readonly bytes: Uint8Array) {}
  take(n: number): Uint8Array {
    if (n > this.bytes.length - this.at) throw new Error('truncated timelock ciphertext')
    const out = this.bytes.slice(this.at, this.at + n)
    this.at += n
    return out
  }
  vec(): Uint8Array {
    const len = new DataView(this.take(8).buffer).getBigUint64(0, true)
    if (len > BigInt(this.bytes.length)) throw new Error('truncated timelock ciphertext')
    return this.take(Number(len))
  }
  end(what: string): void {
    if (this.at !== this.bytes.length) throw new Error(`${this.bytes.length - this.at} stray bytes after the ${what}`)
  }
}

function u64le(n: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true)
  return out
}

function numberToBytesBE8(n: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, n, false)
  return out
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'))
