import { badInput, failed, locked, TaoError } from '../core/errors.js'
import { decryptKeyfileData, detectEncoding, encryptKeyfileData, KEYFILE_MIN_BYTES } from '../keystore/crypto.js'
import { applyJournaled, type JournalOptions, type PlannedFile } from '../fsx/journal.js'
import { pathExists } from '../fsx/files.js'
import { validateNewHotkeyName } from './names.js'
import { serializePublicKeyfile } from '../keystore/format.js'
import type { Keypair } from '../keystore/keys.js'
import { encodeAddress } from '../core/ss58.js'
import { toHex } from '../core/hex.js'
import { recoverWallet, withWalletLock } from './guard.js'
import {
  assertKeyMatchesPublic,
  keyFileFacts,
  keyRecord,
  readRecords,
  recordKey,
  recordsPath,
  serializeRecords,
  sha256Hex,
  type KeyRecords,
} from './keycheck.js'
import {
  keyPaths,
  parseKeyfileOf,
  pubFileName,
  publicInfo,
  readOptional,
  readRequired,
  roleLabel,
  type KeyRole,
  type PublicKeyInfo,
  type WalletLocation,
} from './paths.js'

export { keyFileOf, keyPaths, publicInfo, roleLabel, type KeyRole, type PublicKeyInfo, type WalletLocation } from './paths.js'
export { describeWallet, listWallets, type WalletEntry } from './list.js'

/** A key ready to be written: encrypted (or not) before the wallet is locked, since argon2i takes seconds. */
export interface PreparedKey {
  role: KeyRole
  publicKey: Uint8Array
  keyData: Uint8Array
  encrypted: boolean
}

export async function prepareKey(role: KeyRole, keypair: Keypair, password?: string): Promise<PreparedKey> {
  const { serializeKeyfile } = await import('../keystore/keyfile-keys.js')
  const plain = serializeKeyfile(keypair)
  const keyData = password === undefined ? plain : await encryptKeyfileData(plain, password)
  return { role, publicKey: keypair.publicKey, keyData, encrypted: password !== undefined }
}

export interface SavedKey {
  role: KeyRole
  keyPath: string
  pubPath: string
  encrypted: boolean
}

/**
 * Write keys and their public files as one change: all or nothing, under the wallet's lock. Each public
 * file goes in before its key (and tao's record of the pair with them), so an interrupted write is undone
 * whole by the next tao command. Without `overwrite` an existing key, or a public file naming another key,
 * is never replaced (KEY_EXISTS, exit 2, nothing changed): decided under the lock and by link(2), so of two
 * runs creating the same wallet exactly one succeeds.
 */
export async function saveKeys(w: WalletLocation, keys: PreparedKey[], opts: { overwrite: boolean } & JournalOptions): Promise<SavedKey[]> {
  const planned = keys.map((k) => {
    if (k.role.kind === 'hotkey') validateNewHotkeyName(k.role.name)
    return { k, paths: keyPaths(w, k.role) }
  })
  const folders = [...new Set(planned.map((p) => p.paths.dir))]
  return withWalletLock(w, folders, async ({ base, taoDir }) => {
    const records = await readRecords(w)
    const files: PlannedFile[] = []
    for (const { k, paths } of planned) {
      const label = roleLabel(w, k.role)
      if ((await pathExists(paths.key)) && !opts.overwrite)
        throw badInput(`the ${label} already exists; pass --overwrite to replace it`, 'KEY_EXISTS')
      const pubNow = await currentPublic(paths.pub)
      if (pubNow !== undefined && !opts.overwrite && pubNow !== toHex(k.publicKey)) {
        const named = pubNow === null ? 'it is unreadable' : `it names ${encodeAddress(Buffer.from(pubNow.slice(2), 'hex'))}`
        throw badInput(
          `${pubFileName(k.role)} of wallet "${w.name}" is another key's (${named}); pass --overwrite to replace it`,
          'KEY_EXISTS',
        )
      }
      files.push({ path: paths.pub, data: serializePublicKeyfile(k.publicKey), mode: 0o644, replace: pubNow !== undefined })
      files.push({ path: paths.key, data: k.keyData, mode: 0o600, replace: opts.overwrite })
      records[recordKey(k.role)] = keyRecord(k.keyData, k.publicKey)
    }
    files.push(recordsFile(w, records))
    await applyJournaled(base, taoDir, files, opts)
    return planned.map(({ k, paths }) => ({ role: k.role, keyPath: paths.key, pubPath: paths.pub, encrypted: k.encrypted }))
  })
}

const recordsFile = (w: WalletLocation, records: KeyRecords): PlannedFile => ({
  path: recordsPath(w),
  data: serializeRecords(records),
  mode: 0o600,
  replace: true,
})

/** The public key a public file holds now (0x hex), null when it is there but unreadable, undefined when absent. */
async function currentPublic(path: string): Promise<string | null | undefined> {
  if (!(await pathExists(path))) return undefined
  try {
    const bytes = await readOptional(path, 'the public key file')
    return bytes ? toHex((await parseKeyfileOf(bytes, path)).publicKey) : undefined
  } catch {
    return null
  }
}

/**
 * Write only a public file (a watch-only wallet). Where the wallet has a key file for it, the public file
 * must be that key's: refused (COLDKEY_PRESENT, exit 2) when it is another key or cannot be checked, unless
 * `allowMismatch`. `unlocked` is the key as the caller unlocked it to check (trusted while the file is
 * unchanged); it is recorded so later listings can check the pair without the password.
 */
export async function savePublicKey(
  w: WalletLocation,
  role: KeyRole,
  publicKey: Uint8Array,
  opts: { overwrite: boolean; allowMismatch: boolean; unlocked?: { sha256: string; publicKey: Uint8Array } },
): Promise<string> {
  const paths = keyPaths(w, role)
  const label = roleLabel(w, role)
  return withWalletLock(w, [paths.dir], async ({ base, taoDir }) => {
    const pubNow = await currentPublic(paths.pub)
    if (pubNow !== undefined && pubNow !== toHex(publicKey) && !opts.overwrite)
      throw badInput(`${pubFileName(role)} of wallet "${w.name}" already exists; pass --overwrite to replace it`, 'KEY_EXISTS')
    const records = await readRecords(w)
    const files: PlannedFile[] = [{ path: paths.pub, data: serializePublicKeyfile(publicKey), mode: 0o644, replace: pubNow !== undefined }]
    const keyBytes = await readOptional(paths.key, `the ${label}`)
    if (keyBytes) {
      const sha = sha256Hex(keyBytes)
      const unlocked = opts.unlocked?.sha256 === sha ? opts.unlocked.publicKey : undefined
      const keyPub = (await keyFileFacts(keyBytes, records[recordKey(role)])).publicKey ?? unlocked
      if (keyPub && unlocked) {
        records[recordKey(role)] = keyRecord(keyBytes, keyPub)
        files.push(recordsFile(w, records))
      }
      const addr = encodeAddress(publicKey)
      if (!opts.allowMismatch && keyPub === undefined)
        throw badInput(
          `wallet "${w.name}" has an encrypted ${role.kind} that ${pubFileName(role)} must match; give its password (--password-file or TAO_PASSWORD) to check ${addr} against it, or pass --allow-mismatch`,
          'COLDKEY_PRESENT',
        )
      if (!opts.allowMismatch && keyPub && toHex(keyPub) !== toHex(publicKey))
        throw badInput(
          `wallet "${w.name}" has a ${role.kind} (${encodeAddress(keyPub)}); writing ${addr} to ${pubFileName(role)} would show another account than the one that signs. Pass --allow-mismatch to write it anyway`,
          'COLDKEY_PRESENT',
        )
    }
    await applyJournaled(base, taoDir, files)
    return paths.pub
  })
}

/** Public key of a key, from its public file, else from an unencrypted key file. */
export async function readPublicKey(w: WalletLocation, role: KeyRole): Promise<PublicKeyInfo> {
  await recoverWallet(w)
  const paths = keyPaths(w, role)
  const what = roleLabel(w, role)
  const pub = await readOptional(paths.pub, `the public key file of the ${what}`)
  if (pub) return publicInfo((await parseKeyfileOf(pub, `${pubFileName(role)} of wallet "${w.name}"`)).publicKey)
  const data = await readRequired(paths.key, `the ${what}`)
  if (detectEncoding(data) !== 'plaintext')
    throw badInput(`the public key of the ${what} is missing (${paths.pub}) and the key is encrypted`, 'NOT_FOUND')
  return publicInfo((await parseKeyfileOf(data, `the ${what}`)).publicKey)
}

/**
 * A key file's JSON: read (regular files only), and decrypted when encrypted (the password is asked only
 * then). A file too short to be a keyfile is damaged (exit 2); when the MAC fails the message says whether
 * the file is the one tao wrote (then the password is wrong) or has changed since (then it may be damaged).
 */
async function openKeyfile(w: WalletLocation, role: KeyRole, data: Uint8Array, password: () => Promise<string>): Promise<Uint8Array> {
  const what = roleLabel(w, role)
  const encoding = detectEncoding(data)
  if (encoding === 'unknown')
    throw badInput(
      `the ${what} ${data.length === 0 ? 'is empty' : 'is not a keyfile tao or btcli can read (damaged, or an unknown format)'}`,
      'CORRUPT_KEYFILE',
    )
  if (encoding === 'plaintext') return data
  try {
    return await decryptKeyfileData(data, await password(), `the ${what}`, { minPlaintext: KEYFILE_MIN_BYTES })
  } catch (e) {
    if (!(e instanceof TaoError && e.exitCode === 4)) throw e
    const record = (await readRecords(w))[recordKey(role)]
    if (record && record.sha256 !== sha256Hex(data))
      throw locked(
        `wrong password for the ${what}, or the file is damaged: it changed since tao wrote it (${data.length} bytes now, ${record.size} then)`,
      )
    throw locked(`wrong password for the ${what}`)
  }
}

/**
 * Rebuild the signing keypair of a key and check it against its public file (see assertKeyMatchesPublic),
 * or against `pub` when the caller already acted on a public key (a transaction's signer): by default a
 * mismatch refuses (KEY_MISMATCH); `onMismatch: 'warn'` only says so (for showing or re-encrypting the key).
 */
export async function unlockKey(
  w: WalletLocation,
  role: KeyRole,
  password: () => Promise<string>,
  opts: { onMismatch?: 'refuse' | 'warn' | 'ignore'; consequence?: string; pub?: PublicKeyInfo } = {},
): Promise<Keypair> {
  await recoverWallet(w)
  const { keypair } = await unlockFile(w, role, password)
  await assertKeyMatchesPublic(w, role, keypair, { onMismatch: opts.onMismatch ?? 'refuse', consequence: opts.consequence, pub: opts.pub })
  return keypair
}

/** Unlock the key file as it is now, with the digest of the bytes unlocked (to notice a later change). */
export async function unlockFile(
  w: WalletLocation,
  role: KeyRole,
  password: () => Promise<string>,
): Promise<{ keypair: Keypair; sha256: string; plain: Uint8Array }> {
  const what = roleLabel(w, role)
  const data = await readRequired(keyPaths(w, role).key, `the ${what}`)
  const plain = await openKeyfile(w, role, data, password)
  const { keypairFromKeyfile } = await import('../keystore/keyfile-keys.js')
  const keypair = keypairFromKeyfile(await parseKeyfileOf(plain, `the ${what}`))
  if (!keypair.secretKey) throw locked(`the ${what} holds no secret key (watch-only)`, 'WATCH_ONLY')
  return { keypair, sha256: sha256Hex(data), plain }
}

/** Decrypt with the old password, encrypt with the new, replace the file in one step under the wallet's lock. */
export async function reencryptKey(
  w: WalletLocation,
  role: KeyRole,
  oldPassword: () => Promise<string>,
  newPassword: () => Promise<string>,
): Promise<{ ss58: string; path: string }> {
  await recoverWallet(w)
  const paths = keyPaths(w, role)
  const what = roleLabel(w, role)
  const { keypair, sha256, plain } = await unlockFile(w, role, oldPassword)
  await assertKeyMatchesPublic(w, role, keypair, { onMismatch: 'warn' })
  // Legacy formats are rewritten as $NACL with the same JSON content.
  const sealed = await encryptKeyfileData(plain, await newPassword())
  await withWalletLock(w, [], async ({ base, taoDir }) => {
    const now = await readRequired(paths.key, `the ${what}`)
    if (sha256Hex(now) !== sha256)
      throw failed(`the ${what} changed while its password was being changed; nothing was written, try again`, 'KEY_CHANGED')
    const records = await readRecords(w)
    records[recordKey(role)] = keyRecord(sealed, keypair.publicKey)
    await applyJournaled(base, taoDir, [{ path: paths.key, data: sealed, mode: 0o600, replace: true }, recordsFile(w, records)])
  })
  return { ss58: encodeAddress(keypair.publicKey), path: paths.key }
}
