import { pbkdf2 } from '@noble/hashes/pbkdf2.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { blake2b } from '@noble/hashes/blake2.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { generateMnemonic as bip39Generate, mnemonicToEntropy, validateMnemonic as bip39Validate } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import * as sr25519 from '@scure/sr25519'
import { badInput } from '../core/errors.js'
import { encodeAddress } from '../core/ss58.js'

/** The Substrate development phrase; `//Alice` etc. derive from it. */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'

export const MNEMONIC_WORD_COUNTS = [12, 15, 18, 21, 24] as const
export type MnemonicWords = (typeof MNEMONIC_WORD_COUNTS)[number]

/**
 * An sr25519 key. `secretKey` is the 64-byte secret as @scure/sr25519 holds it (schnorrkel's "ed25519
 * form": scalar times the cofactor, then the nonce); btcli stores the canonical form instead, see
 * `toBtcliPrivateKey`. Absent for a public-only (watch) key.
 */
export interface Keypair {
  publicKey: Uint8Array
  secretKey?: Uint8Array
  /** The 32-byte mini-secret (btcli's `secretSeed`), when the key came from a seed or mnemonic. */
  miniSecret?: Uint8Array
  mnemonic?: string
  ss58: string
}

export function generateMnemonic(words: MnemonicWords = 12): string {
  if (!MNEMONIC_WORD_COUNTS.includes(words))
    throw badInput(`a mnemonic has ${MNEMONIC_WORD_COUNTS.join(', ')} words, not ${words}`, 'BAD_MNEMONIC')
  return bip39Generate(wordlist, (words / 3) * 32)
}

/** Lower-case words separated by single spaces. */
export const normalizeMnemonic = (phrase: string): string => phrase.trim().toLowerCase().split(/\s+/).join(' ')

/** Throws bad input naming what is wrong (never echoing the words). */
export function validateMnemonic(phrase: string): void {
  const words = normalizeMnemonic(phrase).split(' ').filter(Boolean)
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(words.length))
    throw badInput(`the mnemonic has ${words.length} words; it must have ${MNEMONIC_WORD_COUNTS.join(', ')} words`, 'BAD_MNEMONIC')
  const unknown = words.findIndex((w) => !wordlist.includes(w))
  if (unknown >= 0) throw badInput(`word ${unknown + 1} of the mnemonic is not in the BIP39 English word list`, 'BAD_MNEMONIC')
  if (!bip39Validate(words.join(' '), wordlist))
    throw badInput('the mnemonic checksum does not match (a word is wrong or out of order)', 'BAD_MNEMONIC')
}

/**
 * The Substrate way (substrate-bip39): PBKDF2-HMAC-SHA512 over the BIP39 *entropy* (not the phrase),
 * salt "mnemonic" + passphrase, 2048 rounds; the first 32 bytes are the mini-secret.
 */
export function miniSecretFromMnemonic(phrase: string, passphrase = ''): Uint8Array {
  const normalized = normalizeMnemonic(phrase)
  validateMnemonic(normalized)
  const entropy = mnemonicToEntropy(normalized, wordlist)
  return pbkdf2(sha512, entropy, 'mnemonic' + passphrase.normalize('NFKD'), { c: 2048, dkLen: 64 }).slice(0, 32)
}

export function keypairFromSeed(miniSecret: Uint8Array): Keypair {
  if (miniSecret.length !== 32) throw badInput(`a seed is 32 bytes, not ${miniSecret.length}`, 'BAD_SEED')
  const secretKey = sr25519.secretFromSeed(miniSecret)
  const publicKey = sr25519.getPublicKey(secretKey)
  return { publicKey, secretKey, miniSecret: Uint8Array.from(miniSecret), ss58: encodeAddress(publicKey) }
}

export function keypairFromMnemonic(phrase: string): Keypair {
  const normalized = normalizeMnemonic(phrase)
  return { ...keypairFromSeed(miniSecretFromMnemonic(normalized)), mnemonic: normalized }
}

/** A keypair from a 64-byte secret in @scure/sr25519's (ed25519) form. */
export function keypairFromSecretKey(secretKey: Uint8Array): Keypair {
  if (secretKey.length !== 64) throw badInput(`an sr25519 private key is 64 bytes, not ${secretKey.length}`, 'BAD_KEY')
  const publicKey = sr25519.getPublicKey(secretKey)
  return { publicKey, secretKey: Uint8Array.from(secretKey), ss58: encodeAddress(publicKey) }
}

const scalarLE = (bytes: Uint8Array): bigint => {
  let n = 0n
  for (let i = 31; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!)
  return n
}
const scalarBytes = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn)
  return out
}

/**
 * btcli's `privateKey` is schnorrkel's `SecretKey::to_bytes()`: the canonical scalar, then the nonce.
 * @scure/sr25519 keeps the scalar multiplied by the cofactor 8; these convert between the two.
 */
export function toBtcliPrivateKey(secretKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(64)
  out.set(scalarBytes(scalarLE(secretKey.subarray(0, 32)) >> 3n))
  out.set(secretKey.subarray(32, 64), 32)
  return out
}

export function keypairFromBtcliPrivateKey(privateKey: Uint8Array): Keypair {
  if (privateKey.length !== 64) throw badInput(`an sr25519 private key is 64 bytes, not ${privateKey.length}`, 'BAD_KEY')
  const secret = new Uint8Array(64)
  secret.set(scalarBytes(scalarLE(privateKey.subarray(0, 32)) << 3n))
  secret.set(privateKey.subarray(32, 64), 32)
  return keypairFromSecretKey(secret)
}

/** Chain code of a derivation junction: SCALE-encoded, zero-padded to 32 bytes, or hashed when longer. */
function chainCode(junction: string): Uint8Array {
  let encoded: Uint8Array
  if (/^\d+$/.test(junction)) {
    encoded = new Uint8Array(8)
    new DataView(encoded.buffer).setBigUint64(0, BigInt(junction), true)
  } else {
    const text = new TextEncoder().encode(junction)
    encoded = new Uint8Array([...compactLength(text.length), ...text])
  }
  if (encoded.length > 32) return blake2b(encoded, { dkLen: 32 })
  const out = new Uint8Array(32)
  out.set(encoded)
  return out
}

function compactLength(n: number): number[] {
  if (n < 64) return [n << 2]
  if (n < 16384) return [((n << 2) | 1) & 0xff, n >> 6]
  return [((n << 2) | 2) & 0xff, (n >> 6) & 0xff, (n >> 14) & 0xff, (n >> 22) & 0xff]
}

/**
 * A Substrate secret URI: `<phrase or 0x seed>[//hard][/soft]…`; a URI starting with `/` uses the dev phrase.
 * Passwords (`///`) are not supported.
 */
export function keypairFromUri(uri: string): Keypair {
  const at = uri.search(/\/\/?/)
  const base = (at < 0 ? uri : uri.slice(0, at)).trim() || DEV_PHRASE
  const path = at < 0 ? '' : uri.slice(at)
  if (path.includes('///')) throw badInput('derivation passwords (///) are not supported', 'BAD_URI')
  let pair = /^0x[0-9a-fA-F]{64}$/.test(base) ? keypairFromSeed(Buffer.from(base.slice(2), 'hex')) : keypairFromMnemonic(base)
  let secret = pair.secretKey!
  for (const m of path.matchAll(/(\/\/?)([^/]+)/g)) {
    const code = chainCode(m[2] ?? '')
    secret = m[1] === '//' ? sr25519.HDKD.secretHard(secret, code) : sr25519.HDKD.secretSoft(secret, code, randomBytes(32))
  }
  if (path) pair = keypairFromSecretKey(secret)
  return pair
}

export function sign(keypair: Keypair, message: Uint8Array): Uint8Array {
  if (!keypair.secretKey) throw badInput('this key has no secret (watch-only)', 'WATCH_ONLY')
  return sr25519.sign(keypair.secretKey, message)
}

export function verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return sr25519.verify(message, signature, publicKey)
  } catch {
    return false
  }
}

const BYTES_OPEN = new TextEncoder().encode('<Bytes>')
const BYTES_CLOSE = new TextEncoder().encode('</Bytes>')

/** Valid over the raw UTF-8 bytes (btcli, tao) or the `<Bytes>…</Bytes>` wrapping polkadot-js extensions sign. */
export function verifyMessage(text: string, signature: Uint8Array, publicKey: Uint8Array): boolean {
  const raw = new TextEncoder().encode(text)
  if (verify(raw, signature, publicKey)) return true
  const wrapped = new Uint8Array(BYTES_OPEN.length + raw.length + BYTES_CLOSE.length)
  wrapped.set(BYTES_OPEN)
  wrapped.set(raw, BYTES_OPEN.length)
  wrapped.set(BYTES_CLOSE, BYTES_OPEN.length + raw.length)
  return verify(wrapped, signature, publicKey)
}
