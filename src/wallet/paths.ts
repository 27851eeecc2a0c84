import { join, resolve } from 'node:path'
import { expandHome } from '../config/settings.js'
import { badInput, TaoError } from '../core/errors.js'
import { toHex } from '../core/hex.js'
import { fsError, errnoOf } from '../fsx/fs-errors.js'
import { readRegularFile } from '../fsx/files.js'
import { PUB_SUFFIX, validateName } from './names.js'
import { parseKeyfile } from '../keystore/format.js'
import type { KeyfileData } from '../keystore/keyfile-data.js'
import { encodeAddress } from '../core/ss58.js'

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

export const publicInfo = (publicKey: Uint8Array): PublicKeyInfo => ({ ss58: encodeAddress(publicKey), publicKey: toHex(publicKey) })

export const roleLabel = (w: WalletLocation, role: KeyRole): string =>
  role.kind === 'coldkey' ? `coldkey of wallet "${w.name}"` : `hotkey "${role.name}" of wallet "${w.name}"`

/** The public file's name as a person finds it in the wallet folder. */
export const pubFileName = (role: KeyRole): string => (role.kind === 'coldkey' ? 'coldkeypub.txt' : `hotkeys/${role.name}pub.txt`)

export function keyPaths(w: WalletLocation, role: KeyRole): { key: string; pub: string; dir: string } {
  const p = walletPaths(w.root, w.name, role.kind === 'hotkey' ? role.name : 'default')
  return role.kind === 'coldkey'
    ? { key: p.coldkey, pub: p.coldkeypub, dir: p.dir }
    : { key: p.hotkey, pub: p.hotkeypub, dir: p.hotkeysDir }
}

/** The key file's absolute path (btwallet names its BT_PW_ password variable after it). */
export const keyFileOf = (w: WalletLocation, role: KeyRole): string => resolve(keyPaths(w, role).key)

export const walletDir = (w: WalletLocation): string => join(expandHome(w.root), validateName(w.name, 'wallet name'))

/**
 * tao's own bookkeeping for a wallet (lock, interrupted-write journal, key records): a hidden folder inside
 * the wallet folder, where btcli never looks (btcli lists sub-folders of the wallets root as wallets and
 * every file in hotkeys/ as a hotkey; neither sees this).
 */
export const taoDir = (w: WalletLocation): string => join(walletDir(w), '.tao')

/** A wallet file's bytes, or undefined when it does not exist. Non-regular files are refused unopened. */
export async function readOptional(path: string, what: string): Promise<Uint8Array | undefined> {
  try {
    return await readRegularFile(path, what)
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined
    throw fsError(e, 'read', path)
  }
}

export async function readRequired(path: string, what: string): Promise<Uint8Array> {
  const data = await readOptional(path, what)
  if (data === undefined) throw badInput(`${what} not found at ${path}`, 'NOT_FOUND')
  return data
}

/** parseKeyfile, with a damaged file named in the message. */
export async function parseKeyfileOf(bytes: Uint8Array, what: string): Promise<KeyfileData> {
  try {
    return await parseKeyfile(bytes)
  } catch (e) {
    if (e instanceof TaoError && e.code === 'CORRUPT_KEYFILE')
      throw badInput(`${what} is damaged: ${e.message.replace(/^the keyfile is corrupt: /, '')}`, 'CORRUPT_KEYFILE')
    throw e
  }
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** btcli's layout: <root>/<name>/coldkey, coldkeypub.txt, hotkeys/<hotkey>, hotkeys/<hotkey>pub.txt. */
export function walletPaths(root: string, name: string, hotkey: string) {
  const dir = join(expandHome(root), validateName(name, 'wallet name'))
  const hotkeysDir = join(dir, 'hotkeys')
  validateName(hotkey, 'hotkey name')
  return {
    dir,
    coldkey: join(dir, 'coldkey'),
    coldkeypub: join(dir, 'coldkeypub.txt'),
    hotkeysDir,
    hotkey: join(hotkeysDir, hotkey),
    hotkeypub: join(hotkeysDir, `${hotkey}${PUB_SUFFIX}`),
  }
}
