import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { scrypt } from '@noble/hashes/scrypt.js'
import { base64 } from '@scure/base'
import * as sr25519 from '@scure/sr25519'
import { badInput, locked } from '../core/errors.js'
import { keypairFromSecretKey, type Keypair } from './keys.js'

/**
 * Read a polkadot-js account export (`{ encoded, encoding: { content: ['pkcs8','sr25519'],
 * type: ['scrypt','xsalsa20-poly1305'], version: '3' }, address }`) with its password.
 * Layout of `encoded` (base64): scrypt salt(32) N(u32 LE) p(u32 LE) r(u32 LE) | nonce(24) | secretbox.
 * The plaintext is PKCS8: header(16) secret(64, ed25519 form) divider(5) public(32).
 */
const PKCS8_HEADER = Uint8Array.of(48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32)
const PKCS8_DIVIDER = Uint8Array.of(161, 35, 3, 33, 0)
const SCRYPT_PARAMS_LENGTH = 32 + 12
const NONCE_LENGTH = 24

const bad = (reason: string) => badInput(`the JSON export is not usable: ${reason}`, 'BAD_JSON_EXPORT')
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

export function keypairFromPolkadotJson(json: string, password: string): Keypair {
  // Any JSON at all: every field is checked before it is used.
  let doc: { encoded?: unknown; encoding?: { content?: unknown; type?: unknown } } | null | undefined
  try {
    doc = JSON.parse(json)
  } catch {
    throw bad('not valid JSON')
  }
  const content: unknown = doc?.encoding?.content
  const type: unknown = doc?.encoding?.type
  if (typeof doc?.encoded !== 'string' || !Array.isArray(content) || !Array.isArray(type)) throw bad('not a polkadot-js account export')
  if (!content.includes('pkcs8')) throw bad(`content ${JSON.stringify(content)} is not pkcs8`)
  if (content.includes('ed25519') || content.includes('ecdsa') || content.includes('ethereum'))
    throw bad(`only sr25519 keys can be used (this is ${content.join(', ')})`)
  if (!type.includes('xsalsa20-poly1305')) throw bad('it is not encrypted with xsalsa20-poly1305 (unencrypted exports are refused)')
  let encoded: Uint8Array
  try {
    encoded = base64.decode(doc.encoded)
  } catch {
    throw bad('encoded is not base64')
  }
  let key: Uint8Array
  let rest = encoded
  if (type.includes('scrypt')) {
    if (encoded.length < SCRYPT_PARAMS_LENGTH + NONCE_LENGTH + 16) throw bad('encoded is truncated')
    const view = new DataView(encoded.buffer, encoded.byteOffset + 32, 12)
    const [N, p, r] = [view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true)]
    if (N > 1 << 20 || p > 4 || r > 16) throw bad('scrypt parameters are out of range')
    key = scrypt(new TextEncoder().encode(password), encoded.subarray(0, 32), { N, p, r, dkLen: 32 })
    rest = encoded.subarray(SCRYPT_PARAMS_LENGTH)
  } else {
    // Version-2 exports: the password itself, zero-padded to 32 bytes.
    key = new Uint8Array(32)
    key.set(new TextEncoder().encode(password).subarray(0, 32))
  }
  let plain: Uint8Array
  try {
    plain = xsalsa20poly1305(key, rest.subarray(0, NONCE_LENGTH)).decrypt(rest.subarray(NONCE_LENGTH))
  } catch {
    throw locked('wrong password for the JSON export')
  }
  const header = plain.subarray(0, PKCS8_HEADER.length)
  const secret = plain.subarray(PKCS8_HEADER.length, PKCS8_HEADER.length + 64)
  const divider = plain.subarray(PKCS8_HEADER.length + 64, PKCS8_HEADER.length + 64 + PKCS8_DIVIDER.length)
  const publicKey = plain.subarray(PKCS8_HEADER.length + 64 + PKCS8_DIVIDER.length, PKCS8_HEADER.length + 64 + PKCS8_DIVIDER.length + 32)
  if (!equal(header, PKCS8_HEADER) || !equal(divider, PKCS8_DIVIDER) || publicKey.length !== 32) throw bad('the decrypted key is not PKCS8')
  // polkadot-js keeps the secret in schnorrkel's ed25519 form, as @scure/sr25519 does; fromKeypair checks the pair.
  const pair = new Uint8Array(96)
  pair.set(secret)
  pair.set(publicKey, 64)
  const keypair = keypairFromSecretKey(sr25519.fromKeypair(pair).subarray(0, 64))
  if (!equal(keypair.publicKey, publicKey)) throw bad('the secret does not match the public key')
  return keypair
}
