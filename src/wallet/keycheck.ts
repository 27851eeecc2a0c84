import { sha256 } from '@noble/hashes/sha2.js'
import { join } from 'node:path'
import { locked } from '../core/errors.js'
import { READ_LIMIT, readRegularFile } from '../fsx/files.js'
import { toHex } from '../core/hex.js'
import { detectEncoding, KEYFILE_MIN_BYTES, naclDefect } from '../keystore/crypto.js'
import type { Keypair } from '../keystore/keys.js'
import { encodeAddress } from '../core/ss58.js'
import { warn } from '../core/output.js'
import { awaitQuietWallet } from './guard.js'
import {
  errorText,
  keyPaths,
  parseKeyfileOf,
  pubFileName,
  readOptional,
  roleLabel,
  taoDir,
  type KeyRole,
  type PublicKeyInfo,
  type WalletLocation,
} from './paths.js'

/**
 * Does a key file belong with its public file? For a plaintext key the file says; for an encrypted one,
 * tao records what it wrote (.tao/keys.json: each key file's sha256, size and public key), so the pair is
 * checked without the password as long as the key file is the one tao wrote. Unlocking always checks.
 */
export interface KeyRecord {
  sha256: string
  size: number
  publicKey: string
}
export type KeyRecords = Record<string, KeyRecord>

export const recordsPath = (w: WalletLocation): string => join(taoDir(w), 'keys.json')
export const recordKey = (role: KeyRole): string => (role.kind === 'coldkey' ? 'coldkey' : `hotkeys/${role.name}`)
// @noble/hashes, not node:crypto: loading node:crypto would cost `wallet list` several ms at every start.
export const sha256Hex = (data: Uint8Array): string => Buffer.from(sha256(data)).toString('hex')
export const keyRecord = (keyData: Uint8Array, publicKey: Uint8Array): KeyRecord => ({
  sha256: sha256Hex(keyData),
  size: keyData.length,
  publicKey: toHex(publicKey),
})

export async function readRecords(w: WalletLocation): Promise<KeyRecords> {
  try {
    const value = JSON.parse(Buffer.from(await readRegularFile(recordsPath(w), 'the key records', READ_LIMIT.json)).toString('utf8')) as {
      keys?: KeyRecords
    }
    return value && typeof value.keys === 'object' && value.keys !== null ? value.keys : {}
  } catch {
    return {}
  }
}

export const serializeRecords = (records: KeyRecords): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ version: 1, keys: records }) + '\n')

const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'))
const sameKey = (a: Uint8Array, b: Uint8Array): boolean => toHex(a) === toHex(b)

/** What a key file tells without its password. */
export interface KeyFileFacts {
  encrypted: boolean | null
  /** Its public key, when known: from a plaintext file, or from tao's record of an unchanged encrypted one. */
  publicKey?: Uint8Array
  problem?: string
  /** tao's record of this key, when the file has changed since (size then). */
  changedFrom?: KeyRecord
}

export async function keyFileFacts(bytes: Uint8Array, record: KeyRecord | undefined): Promise<KeyFileFacts> {
  const encoding = detectEncoding(bytes)
  if (encoding === 'unknown')
    return {
      encrypted: null,
      problem: bytes.length === 0 ? 'the key file is empty' : 'the key file is not a keyfile (damaged, or an unknown format)',
    }
  if (encoding === 'plaintext') {
    try {
      // The key the file states (its secret is checked against it when it is unlocked to sign).
      return { encrypted: false, publicKey: (await parseKeyfileOf(bytes, 'the key file')).publicKey }
    } catch (e) {
      return { encrypted: false, problem: errorText(e) }
    }
  }
  if (encoding === 'nacl') {
    const defect = naclDefect(bytes, KEYFILE_MIN_BYTES)
    if (defect) return { encrypted: true, problem: `the key file is damaged: ${defect.detail}` }
  }
  if (record && record.sha256 === sha256Hex(bytes)) return { encrypted: true, publicKey: hexToBytes(record.publicKey) }
  return { encrypted: true, changedFrom: record }
}

/** A key as `wallet list` and `inspect` report it. Watch-only is a state, not an error. */
export interface KeyState {
  ss58: string | null
  publicKey: string | null
  /** null when there is no key file, or it is not a keyfile. */
  encrypted: boolean | null
  /** A public file and no key file. */
  watchOnly: boolean
  /** Whether key and public file are the same key; null when it cannot be told without the password. */
  keyMatchesPub: boolean | null
  /** What is wrong, in one line; null when nothing is. */
  error: string | null
}

export async function describeKey(w: WalletLocation, role: KeyRole, records?: KeyRecords): Promise<KeyState> {
  const first = await lookAt(w, role, records)
  if (first.keyMatchesPub !== false) return first
  // A writer may have changed one file between our two reads: look again once it is done.
  await awaitQuietWallet(w)
  return lookAt(w, role, await readRecords(w))
}

async function lookAt(w: WalletLocation, role: KeyRole, records?: KeyRecords): Promise<KeyState> {
  const state: KeyState = { ss58: null, publicKey: null, encrypted: null, watchOnly: false, keyMatchesPub: null, error: null }
  const problems: string[] = []
  let pub: Uint8Array | undefined
  let keyFile = false
  let keyPub: Uint8Array | undefined
  try {
    const paths = keyPaths(w, role)
    try {
      const bytes = await readOptional(paths.pub, pubFileName(role))
      if (bytes) pub = (await parseKeyfileOf(bytes, pubFileName(role))).publicKey
    } catch (e) {
      problems.push(errorText(e))
    }
    try {
      const bytes = await readOptional(paths.key, `the ${role.kind}`)
      if (bytes) {
        keyFile = true
        const facts = await keyFileFacts(bytes, (records ?? (await readRecords(w)))[recordKey(role)])
        state.encrypted = facts.encrypted
        keyPub = facts.publicKey
        if (facts.problem) problems.push(facts.problem)
      }
    } catch (e) {
      keyFile = true
      problems.push(errorText(e))
    }
  } catch (e) {
    problems.push(errorText(e))
  }
  const shown = pub ?? keyPub
  if (shown) Object.assign(state, { ss58: encodeAddress(shown), publicKey: toHex(shown) })
  state.watchOnly = !keyFile && pub !== undefined
  if (pub && keyPub) {
    state.keyMatchesPub = sameKey(pub, keyPub)
    if (!state.keyMatchesPub)
      problems.push(`${pubFileName(role)} (${encodeAddress(pub)}) does not match the ${role.kind} (${encodeAddress(keyPub)})`)
  }
  if (!keyFile && !pub && problems.length === 0) problems.push(`no ${role.kind} file and no ${pubFileName(role)}`)
  if (keyFile && state.encrypted && !pub && !keyPub && problems.length === 0)
    problems.push(`${pubFileName(role)} is missing and the ${role.kind} is encrypted`)
  state.error = problems.length ? problems.join('; ') : null
  return state
}

/** The public key of a wallet's key as far as it is known without a password: 'absent' when there is no key file. */
export async function knownKeyPublic(w: WalletLocation, role: KeyRole): Promise<Uint8Array | 'absent' | 'unknown'> {
  const bytes = await readOptional(keyPaths(w, role).key, `the ${roleLabel(w, role)}`)
  if (!bytes) return 'absent'
  return (await keyFileFacts(bytes, (await readRecords(w))[recordKey(role)])).publicKey ?? 'unknown'
}

/**
 * The one check that an unlocked key is the key its public file names, used wherever a key is unlocked
 * (signing, transactions, inspect --show-secret, change-password). `pub` is the public key the caller
 * already acted on (a transaction's signer); without it the public file is read now. On a mismatch:
 * 'refuse' throws KEY_MISMATCH (exit 4), 'warn' says so on stderr, 'ignore' is for a caller that said so.
 */
export async function assertKeyMatchesPublic(
  w: WalletLocation,
  role: KeyRole,
  keypair: Keypair,
  opts: { pub?: PublicKeyInfo; onMismatch: 'refuse' | 'warn' | 'ignore'; consequence?: string },
): Promise<void> {
  const readPub = async () => {
    const bytes = await readOptional(keyPaths(w, role).pub, pubFileName(role)).catch(() => undefined)
    try {
      return bytes ? (await parseKeyfileOf(bytes, pubFileName(role))).publicKey : undefined
    } catch {
      return undefined
    }
  }
  let pub = opts.pub ? hexToBytes(opts.pub.publicKey) : await readPub()
  if (!pub || sameKey(pub, keypair.publicKey)) return
  if (!opts.pub) {
    await awaitQuietWallet(w)
    pub = await readPub()
    if (!pub || sameKey(pub, keypair.publicKey)) return
  }
  const message = `the ${roleLabel(w, role)} (${encodeAddress(keypair.publicKey)}) does not match its public file ${pubFileName(role)} (${encodeAddress(pub)})`
  if (opts.onMismatch === 'ignore') return
  if (opts.onMismatch === 'warn') {
    warn(`${message}: the address shown for this wallet is not the key's`)
    return
  }
  throw locked(
    `${message}; ${opts.consequence ?? 'nothing was signed'}. Restore the right key, or write the public file again from it`,
    'KEY_MISMATCH',
  )
}
