import { badInput, locked } from '../core/errors.js'
import { argon2iSensitive } from './argon2.js'
import type { OpenResult } from './legacy.js'

/**
 * btcli's encrypted keyfile: `$NACL` | nonce(24) | secretbox(tag(16) | ciphertext), the secretbox
 * (XSalsa20-Poly1305) key being argon2i-sensitive(utf8(password), NACL_SALT). The salt is fixed by btcli,
 * so one password always gives one key: the cost of argon2i is the only brake on guessing.
 * Older formats (ansible-vault, fernet) are read through ./legacy.ts and never written.
 */

export type KeyfileEncoding = 'nacl' | 'ansible-vault' | 'fernet' | 'plaintext' | 'unknown'

export const NACL_PREFIX: Uint8Array = new TextEncoder().encode('$NACL')
export const NACL_SALT: Uint8Array = Uint8Array.from([
  0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1,
])
export const NACL_NONCE_BYTES = 24
export const NACL_TAG_BYTES = 16

const ANSIBLE_PREFIX = new TextEncoder().encode('$ANSIBLE_VAULT')
const FERNET_PREFIX = new TextEncoder().encode('gAAAAA')
/** Fields of btcli's keyfile JSON; a plaintext keyfile holds at least one of them. */
const KEYFILE_FIELDS = ['accountId', 'publicKey', 'privateKey', 'secretPhrase', 'secretSeed', 'ss58Address']

const startsWith = (data: Uint8Array, prefix: Uint8Array): boolean => data.length >= prefix.length && prefix.every((b, i) => data[i] === b)

export function detectEncoding(data: Uint8Array): KeyfileEncoding {
  if (startsWith(data, NACL_PREFIX)) return 'nacl'
  if (startsWith(data, ANSIBLE_PREFIX)) return 'ansible-vault'
  if (startsWith(data, FERNET_PREFIX)) return 'fernet'
  return isPlaintextKeyfile(data) ? 'plaintext' : 'unknown'
}

/**
 * A btcli keyfile JSON object (known fields, string or null values), or the bare public key that very old
 * bittensor versions wrote: a "0x"-hex 32-byte key or an SS58 address. Everything else is 'unknown'.
 */
function isPlaintextKeyfile(data: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data).trim()
  } catch {
    return false
  }
  if (/^0x[0-9a-fA-F]{64}$/.test(text) || /^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(text)) return true
  if (!text.startsWith('{')) return false
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return false
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const entries = Object.entries(value).filter(([k]) => KEYFILE_FIELDS.includes(k))
  return entries.length > 0 && entries.every(([, v]) => v === null || typeof v === 'string')
}

/** The secretbox key for a password: seconds of argon2i, 512 MiB. */
export function naclKey(password: string): Promise<Uint8Array> {
  return argon2iSensitive(new TextEncoder().encode(password), NACL_SALT)
}

/** `$NACL` | nonce | secretbox, given the derived key. `nonce` is for tests; default random. */
export async function sealNacl(plaintext: Uint8Array, key: Uint8Array, nonce?: Uint8Array): Promise<Uint8Array> {
  const { secretbox } = await import('@noble/ciphers/salsa.js')
  const { randomBytes } = await import('@noble/ciphers/utils.js')
  const n = nonce ?? randomBytes(NACL_NONCE_BYTES)
  if (n.length !== NACL_NONCE_BYTES) throw new TypeError(`nonce must be ${NACL_NONCE_BYTES} bytes`)
  const box = secretbox(key, n).seal(plaintext)
  const out = new Uint8Array(NACL_PREFIX.length + n.length + box.length)
  out.set(NACL_PREFIX, 0)
  out.set(n, NACL_PREFIX.length)
  out.set(box, NACL_PREFIX.length + n.length)
  return out
}

/**
 * The smallest keyfile JSON that can hold a key's secret: `{"secretPhrase":"<12 short words>"}` is about
 * 65 bytes, and btcli's keyfiles (public key, account id, secrets, address) are several hundred.
 */
export const KEYFILE_MIN_BYTES = 64

/**
 * What is structurally wrong with a `$NACL` file, if anything (checked before paying for argon2i):
 * no room for nonce and tag, or (`minPlaintext`) too little ciphertext to be a keyfile btcli could write.
 */
export function naclDefect(data: Uint8Array, minPlaintext = 0): { ok: false; reason: 'corrupt'; detail: string } | undefined {
  if (!startsWith(data, NACL_PREFIX)) return { ok: false, reason: 'corrupt', detail: 'no $NACL header' }
  const body = data.length - NACL_PREFIX.length - NACL_NONCE_BYTES - NACL_TAG_BYTES
  if (body < 0) return { ok: false, reason: 'corrupt', detail: `${data.length} bytes, too short to hold a nonce and a tag (truncated?)` }
  if (body < minPlaintext)
    return { ok: false, reason: 'corrupt', detail: `${data.length} bytes, too short to hold any keyfile (truncated?)` }
  return undefined
}

/** Open a `$NACL` keyfile with the derived key. */
export async function openNacl(data: Uint8Array, key: Uint8Array): Promise<OpenResult> {
  const defect = naclDefect(data)
  if (defect) return defect
  const head = NACL_PREFIX.length + NACL_NONCE_BYTES
  const { secretbox } = await import('@noble/ciphers/salsa.js')
  try {
    return { ok: true, plaintext: secretbox(key, data.subarray(NACL_PREFIX.length, head)).open(data.subarray(head)) }
  } catch {
    return { ok: false, reason: 'auth' }
  }
}

/** Run `f` with the password's key, then wipe the key. */
async function withKey<T>(password: string, f: (key: Uint8Array) => Promise<T>): Promise<T> {
  const key = await naclKey(password)
  try {
    return await f(key)
  } finally {
    key.fill(0)
  }
}

/** Encrypt keyfile JSON the way btcli does ($NACL). */
export async function encryptKeyfileData(plaintext: Uint8Array, password: string): Promise<Uint8Array> {
  return withKey(password, (key) => sealNacl(plaintext, key))
}

/**
 * Decrypt any encrypted keyfile btcli can read. `what` names the key in messages ("the coldkey of wallet x").
 * Throws TaoError: exit 4 when the MAC fails (wrong password, or a damaged body: the two look alike),
 * exit 2 when the file cannot be a keyfile of its kind (truncated, bad header or encoding; with
 * `minPlaintext`, too short to hold a keyfile).
 */
export async function decryptKeyfileData(
  data: Uint8Array,
  password: string,
  what = 'the keyfile',
  opts: { minPlaintext?: number } = {},
): Promise<Uint8Array> {
  const encoding = detectEncoding(data)
  let result: OpenResult
  switch (encoding) {
    case 'nacl':
      result = naclDefect(data, opts.minPlaintext) ?? (await withKey(password, (key) => openNacl(data, key)))
      break
    case 'ansible-vault':
      result = await (await import('./legacy.js')).openAnsibleVault(data, password)
      break
    case 'fernet':
      result = await (await import('./legacy.js')).openFernet(data, password)
      break
    case 'plaintext':
      throw badInput(`${what} is not encrypted`, 'NOT_ENCRYPTED')
    default:
      throw badInput(`${what} is corrupt or in an unknown format`, 'CORRUPT_KEYFILE')
  }
  if (result.ok) return result.plaintext
  if (result.reason === 'auth') throw locked(`Wrong password for ${what}, or the keyfile is corrupt`)
  throw badInput(`${what} is damaged: ${result.detail ?? `not a whole ${encoding} keyfile`}`, 'CORRUPT_KEYFILE', result.detail)
}
