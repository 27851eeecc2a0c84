import { pbkdf2 as nodePbkdf2 } from 'node:crypto'
import { cbc, ctr } from '@noble/ciphers/aes.js'
import { equalBytes } from '@noble/ciphers/utils.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'

/**
 * Decryption (only) of the two encrypted keyfile formats that predate $NACL and that btcli still reads:
 *
 *  - ansible-vault 1.1/1.2 AES256 (bittensor <= 4 wrote these through the `ansible_vault` package):
 *    PBKDF2-HMAC-SHA256(password, salt, 10 000) -> 80 bytes = AES-256 key | HMAC key | CTR IV;
 *    HMAC-SHA256 over the ciphertext; PKCS7 padding; body = hex(hex(salt) \n hex(hmac) \n hex(ct)).
 *  - fernet (the oldest bittensor format, tokens start "gAAAAA"): Fernet key = PBKDF2-HMAC-SHA256(password,
 *    fixed salt, 10 000 000) -> signing key | AES-128 key; token = 0x80 | time(8) | iv(16) | ct | hmac(32).
 *
 * PBKDF2 runs on node:crypto (OpenSSL, on the thread pool): 10M iterations take ~5 s there against ~25-40 s
 * with @noble/hashes. The ciphers and MACs are @noble.
 */

/** Outcome of opening a box: a MAC failure is indistinguishable from a wrong password, a bad structure is not. */
export type OpenResult =
  { ok: true; plaintext: Uint8Array } | { ok: false; reason: 'corrupt'; detail: string } | { ok: false; reason: 'auth' }

export const ANSIBLE_VAULT_ITERATIONS = 10_000
export const FERNET_ITERATIONS = 10_000_000
export const FERNET_SALT = new TextEncoder().encode('Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins')

const corrupt = (detail: string): OpenResult => ({ ok: false, reason: 'corrupt', detail })
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    nodePbkdf2(password, salt, iterations, length, 'sha256', (err, key) => (err ? reject(err) : resolve(new Uint8Array(key)))),
  )
}

/** Strict hex (even length, [0-9a-f] either case) or undefined. */
function unhex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined
  return Uint8Array.from(Buffer.from(text, 'hex'))
}

/** PKCS7 over 16-byte blocks; undefined when the padding is malformed. */
function unpadPkcs7(data: Uint8Array): Uint8Array | undefined {
  const n = data[data.length - 1] ?? 0
  if (data.length === 0 || data.length % 16 !== 0 || n < 1 || n > 16) return undefined
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined
  return data.slice(0, data.length - n)
}

export interface AnsibleVaultEnvelope {
  version: string
  cipher: string
  salt: Uint8Array
  mac: Uint8Array
  ciphertext: Uint8Array
}

/** Split `$ANSIBLE_VAULT;1.1;AES256\n<hex lines>` into its parts, or say what is wrong with it. */
export function parseAnsibleVault(data: Uint8Array): AnsibleVaultEnvelope | string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return 'not UTF-8 text'
  }
  const [header, ...rest] = text.trim().split(/\r?\n/)
  const fields = (header ?? '').split(';').map((f) => f.trim())
  if (fields[0] !== '$ANSIBLE_VAULT' || fields.length < 3) return 'bad header'
  const [, version, cipher] = fields
  if (version !== '1.1' && version !== '1.2') return `unsupported vault version ${version}`
  if (cipher !== 'AES256') return `unsupported vault cipher ${cipher}`
  const outer = unhex(rest.join('').replace(/\s+/g, ''))
  if (!outer) return 'body is not hex'
  // The body is hex of three newline-separated hex fields: salt, HMAC, ciphertext.
  const parts = new TextDecoder().decode(outer).split('\n')
  if (parts.length !== 3) return 'body does not hold salt, HMAC and ciphertext'
  const [salt, mac, ciphertext] = parts.map((p) => unhex(p.trim()))
  if (!salt || !mac || !ciphertext) return 'salt, HMAC or ciphertext is not hex'
  if (salt.length === 0 || mac.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0)
    return 'salt, HMAC or ciphertext has the wrong length'
  return { version, cipher, salt, mac, ciphertext }
}

export async function openAnsibleVault(data: Uint8Array, password: string): Promise<OpenResult> {
  const env = parseAnsibleVault(data)
  if (typeof env === 'string') return corrupt(`ansible-vault keyfile: ${env}`)
  const derived = await pbkdf2Sha256(utf8(password), env.salt, ANSIBLE_VAULT_ITERATIONS, 80)
  const [encKey, macKey, iv] = [derived.subarray(0, 32), derived.subarray(32, 64), derived.subarray(64, 80)]
  if (!equalBytes(hmac(sha256, macKey, env.ciphertext), env.mac)) return { ok: false, reason: 'auth' }
  const plaintext = unpadPkcs7(ctr(encKey, iv).decrypt(env.ciphertext))
  return plaintext ? { ok: true, plaintext } : corrupt('ansible-vault keyfile: bad padding after a valid HMAC')
}

export interface FernetToken {
  /** Seconds since the epoch when the token was made (informational; btcli sets no TTL). */
  timestamp: bigint
  iv: Uint8Array
  ciphertext: Uint8Array
  /** Everything the HMAC covers: version | timestamp | iv | ciphertext. */
  signed: Uint8Array
  mac: Uint8Array
}

/** Decode a Fernet token (base64url, padding optional), or say what is wrong with it. */
export function parseFernet(data: Uint8Array): FernetToken | string {
  const text = new TextDecoder().decode(data).trim()
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return 'not base64url text'
  const raw = Uint8Array.from(Buffer.from(text, 'base64url'))
  // version(1) + timestamp(8) + iv(16) + at least one block(16) + hmac(32)
  if (raw.length < 73 || (raw.length - 57) % 16 !== 0) return 'token has the wrong length'
  if (raw[0] !== 0x80) return `unknown token version 0x${(raw[0] ?? 0).toString(16)}`
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  return {
    timestamp: view.getBigUint64(1),
    iv: raw.slice(9, 25),
    ciphertext: raw.slice(25, raw.length - 32),
    signed: raw.slice(0, raw.length - 32),
    mac: raw.slice(raw.length - 32),
  }
}

/** `iterations` exists for tests only: every real legacy keyfile used FERNET_ITERATIONS. */
export async function openFernet(data: Uint8Array, password: string, iterations = FERNET_ITERATIONS): Promise<OpenResult> {
  const token = parseFernet(data)
  if (typeof token === 'string') return corrupt(`fernet keyfile: ${token}`)
  const key = await pbkdf2Sha256(utf8(password), FERNET_SALT, iterations, 32)
  if (!equalBytes(hmac(sha256, key.subarray(0, 16), token.signed), token.mac)) return { ok: false, reason: 'auth' }
  try {
    return { ok: true, plaintext: cbc(key.subarray(16, 32), token.iv).decrypt(token.ciphertext) }
  } catch {
    return corrupt('fernet keyfile: bad padding after a valid HMAC')
  }
}
