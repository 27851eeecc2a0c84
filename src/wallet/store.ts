import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { badInput, locked, TaoError } from '../errors.js'
import { decryptKeyfileData, detectEncoding, encryptKeyfileData, type KeyfileEncoding } from '../keystore/crypto.js'
import { ensureDir, pathExists, walletPaths, writeFileAtomic } from '../keystore/files.js'
import { keypairFromKeyfile, parseKeyfile, serializeKeyfile, serializePublicKeyfile } from '../keystore/format.js'
import type { Keypair } from '../keystore/keys.js'
import { encodeAddress } from '../keystore/ss58.js'
import { toHex } from '../hex.js'

/** Which key of a wallet: the coldkey, or one named hotkey. */
export type KeyRole = { kind: 'coldkey' } | { kind: 'hotkey'; name: string }

export interface WalletLocation {
  root: string
  name: string
}

export interface PublicKeyInfo {
  ss58: string
  publicKey: string
}

export const roleLabel = (w: WalletLocation, role: KeyRole): string =>
  role.kind === 'coldkey' ? `coldkey of wallet "${w.name}"` : `hotkey "${role.name}" of wallet "${w.name}"`

export function keyPaths(w: WalletLocation, role: KeyRole): { key: string; pub: string; dir: string } {
  const p = walletPaths(w.root, w.name, role.kind === 'hotkey' ? role.name : 'default')
  return role.kind === 'coldkey' ? { key: p.coldkey, pub: p.coldkeypub, dir: p.dir } : { key: p.hotkey, pub: p.hotkeypub, dir: p.hotkeysDir }
}

/** Whether a path exists (re-exported for the commands). */
export const exists = pathExists

/**
 * Write a key and its public twin. The key file is written first, atomically, so a crash leaves either
 * no new key or a complete one; the pub file is derived data and can always be rewritten.
 */
export async function saveKey(
  w: WalletLocation,
  role: KeyRole,
  keypair: Keypair,
  opts: { password?: string; overwrite: boolean; publicOnly?: boolean },
): Promise<{ keyPath?: string; pubPath: string; encrypted: boolean }> {
  const paths = keyPaths(w, role)
  await ensureDir(w.root)
  await ensureDir(join(w.root, w.name))
  await ensureDir(paths.dir)
  if (!opts.publicOnly) {
    const plain = serializeKeyfile(keypair)
    const data = opts.password === undefined ? plain : await encryptKeyfileData(plain, opts.password)
    await writeFileAtomic(paths.key, data, { overwrite: opts.overwrite })
  }
  await writeFileAtomic(paths.pub, serializePublicKeyfile(keypair.publicKey), { overwrite: true, mode: 0o644 })
  return { keyPath: opts.publicOnly ? undefined : paths.key, pubPath: paths.pub, encrypted: opts.password !== undefined }
}

/** Write only the public file (a watch-only coldkey, from an address). */
export async function savePublicKey(w: WalletLocation, role: KeyRole, publicKey: Uint8Array): Promise<string> {
  const paths = keyPaths(w, role)
  await ensureDir(w.root)
  await ensureDir(join(w.root, w.name))
  await ensureDir(paths.dir)
  await writeFileAtomic(paths.pub, serializePublicKeyfile(publicKey), { overwrite: true, mode: 0o644 })
  return paths.pub
}

export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw badInput(`${what} not found at ${path}`, 'NOT_FOUND')
    throw badInput(`cannot read ${what} at ${path}: ${(e as NodeJS.ErrnoException).code}`, 'UNREADABLE')
  }
}

/** Public key of a key, from its pub file, else from an unencrypted key file. */
export async function readPublicKey(w: WalletLocation, role: KeyRole): Promise<PublicKeyInfo> {
  const paths = keyPaths(w, role)
  const what = roleLabel(w, role)
  if (await exists(paths.pub)) return publicInfo(parseKeyfile(await readBytes(paths.pub, `public key of the ${what}`)).publicKey)
  const data = await readBytes(paths.key, `the ${what}`)
  if (detectEncoding(data) !== 'plaintext') throw badInput(`the public key of the ${what} is missing (${paths.pub}) and the key is encrypted`, 'NOT_FOUND')
  return publicInfo(parseKeyfile(data).publicKey)
}

export const publicInfo = (publicKey: Uint8Array): PublicKeyInfo => ({ ss58: encodeAddress(publicKey), publicKey: toHex(publicKey) })

export async function keyEncoding(w: WalletLocation, role: KeyRole): Promise<KeyfileEncoding> {
  return detectEncoding(await readBytes(keyPaths(w, role).key, `the ${roleLabel(w, role)}`))
}

/** The keyfile JSON of a key: read, and decrypted when it is encrypted (asking for the password only then). */
async function openKeyfile(w: WalletLocation, role: KeyRole, password: () => Promise<string>): Promise<Uint8Array> {
  const what = roleLabel(w, role)
  const data = await readBytes(keyPaths(w, role).key, `the ${what}`)
  const encoding = detectEncoding(data)
  if (encoding === 'unknown') throw badInput(`the ${what} is not a keyfile taocli or btcli can read (corrupt or unknown format)`, 'CORRUPT_KEYFILE')
  if (encoding === 'plaintext') return data
  try {
    return await decryptKeyfileData(data, await password())
  } catch (e) {
    if (e instanceof TaoError && e.exitCode === 4) throw locked(`wrong password for the ${what}`)
    throw e
  }
}

/** Rebuild the signing keypair of a key. */
export async function unlockKey(w: WalletLocation, role: KeyRole, password: () => Promise<string>): Promise<Keypair> {
  const keypair = keypairFromKeyfile(parseKeyfile(await openKeyfile(w, role, password)))
  if (!keypair.secretKey) throw locked(`the ${roleLabel(w, role)} holds no secret key (watch-only)`, 'WATCH_ONLY')
  return keypair
}

/** Decrypt with the old password, encrypt with the new, replace the file in one rename. */
export async function reencryptKey(
  w: WalletLocation,
  role: KeyRole,
  oldPassword: () => Promise<string>,
  newPassword: () => Promise<string>,
): Promise<{ ss58: string; path: string }> {
  const paths = keyPaths(w, role)
  const plain = await openKeyfile(w, role, oldPassword)
  const keypair = keypairFromKeyfile(parseKeyfile(plain))
  // Legacy formats are rewritten as $NACL with the same JSON content.
  await writeFileAtomic(paths.key, await encryptKeyfileData(plain, await newPassword()), { overwrite: true })
  return { ss58: encodeAddress(keypair.publicKey), path: paths.key }
}

/** One wallet as `wallet list` shows it; problems are reported, never fatal. */
export interface WalletEntry {
  name: string
  coldkey: { ss58: string | null; encrypted: boolean | null; error?: string }
  hotkeys: { name: string; ss58: string | null; error?: string }[]
}

export async function listWallets(root: string): Promise<WalletEntry[]> {
  let names: string[]
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw badInput(`cannot read the wallet folder ${root}: ${(e as NodeJS.ErrnoException).code}`, 'UNREADABLE')
  }
  return Promise.all(names.map((name) => describeWallet({ root, name })))
}

async function describeWallet(w: WalletLocation): Promise<WalletEntry> {
  const coldkey: WalletEntry['coldkey'] = { ss58: null, encrypted: null }
  const cold: KeyRole = { kind: 'coldkey' }
  try {
    coldkey.ss58 = (await readPublicKey(w, cold)).ss58
  } catch (e) {
    coldkey.error = errorText(e)
  }
  const coldPath = keyPaths(w, cold).key
  if (await exists(coldPath)) {
    try {
      coldkey.encrypted = (await keyEncoding(w, cold)) !== 'plaintext'
    } catch (e) {
      coldkey.error ??= errorText(e)
    }
  } else if (coldkey.ss58) {
    coldkey.error = 'watch-only: no coldkey file'
  }
  const hotkeys: WalletEntry['hotkeys'] = []
  const hotDir = join(w.root, w.name, 'hotkeys')
  let files: string[] = []
  try {
    if ((await stat(hotDir)).isDirectory()) files = await readdir(hotDir)
  } catch {
    // no hotkeys folder: a coldkey-only wallet
  }
  const hotNames = new Set(files.map((f) => f.replace(/pub\.txt$/, '')).filter((f) => !f.startsWith('.')))
  for (const name of [...hotNames].sort()) {
    try {
      hotkeys.push({ name, ss58: (await readPublicKey(w, { kind: 'hotkey', name })).ss58 })
    } catch (e) {
      hotkeys.push({ name, ss58: null, error: errorText(e) })
    }
  }
  return { name: w.name, coldkey, hotkeys }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
