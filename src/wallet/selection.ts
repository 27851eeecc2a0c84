import { expandHome, resolveSetting } from '../config/settings.js'
import { badInput } from '../core/errors.js'
import { validateName } from './names.js'

export interface WalletSelection {
  path: string
  name: string
  hotkey: string
}

/**
 * The wallet a command acts on: flag > environment > config > default for each part. Each part is resolved
 * when it is read, so an empty BT_WALLET_HOTKEY fails a command that uses the hotkey (exit 2) and does not
 * disturb one that never does; names are checked (one folder name the file system can hold).
 */
export function resolveWallet(flags: { 'wallet-path'?: string; 'wallet-name'?: string; hotkey?: string }): WalletSelection {
  return {
    get path() {
      return expandHome(resolveSetting('wallet-path', flags['wallet-path']).value)
    },
    get name() {
      return validateName(resolveSetting('wallet-name', flags['wallet-name']).value, 'wallet name')
    },
    get hotkey() {
      return validateName(resolveSetting('hotkey', flags.hotkey).value, 'hotkey name')
    },
  }
}

/**
 * Which hotkey a command acts on: `--hotkey-ss58 SS58`, or the wallet's hotkey named by `-H` (its public
 * file). Resolved before connecting, so a mistyped address or a missing hotkey exits 2 at once.
 */

export interface HotkeyTarget {
  ss58: string
  /** `hotkey "h1" of wallet "w"` or the address itself, for previews. */
  label: string
  /** The hotkey's name in the wallet, when it came from -H. */
  name?: string
}

/** The hotkey to act on (see above). */
export async function targetHotkey(flags: {
  'hotkey-ss58'?: string
  hotkey?: string
  'wallet-path'?: string
  'wallet-name'?: string
}): Promise<HotkeyTarget> {
  if (flags['hotkey-ss58'] !== undefined) {
    const { parseAddress } = await import('../core/ss58.js')
    parseAddress(flags['hotkey-ss58'], undefined, '--hotkey-ss58')
    return { ss58: flags['hotkey-ss58'].trim(), label: flags['hotkey-ss58'].trim() }
  }
  return walletHotkey(flags, resolveWallet(flags).hotkey)
}

/** A hotkey of the selected wallet by name; missing → exit 2. */
export async function walletHotkey(flags: { 'wallet-path'?: string; 'wallet-name'?: string }, name: string): Promise<HotkeyTarget> {
  const w = resolveWallet(flags)
  const { readPublicKey } = await import('./store.js')
  const info = await readPublicKey({ root: w.path, name: w.name }, { kind: 'hotkey', name })
  return { ss58: info.ss58, label: `hotkey "${name}" of wallet "${w.name}"`, name }
}

/** An SS58 address, or else the name of one of the wallet's hotkeys (for --dest-hotkey). */
export async function hotkeyByAddressOrName(
  flags: { 'wallet-path'?: string; 'wallet-name'?: string },
  value: string,
  what: string,
): Promise<HotkeyTarget> {
  const text = value.trim()
  const { decodeAddress, parseAddress } = await import('../core/ss58.js')
  if (decodeAddress(text).ok) {
    parseAddress(text, undefined, what)
    return { ss58: text, label: text }
  }
  try {
    validateName(text, 'hotkey name')
  } catch {
    throw badInput(`${what} must be an SS58 address or the name of a hotkey of the wallet, not "${text}"`, 'BAD_HOTKEY')
  }
  return walletHotkey(flags, text)
}

/** Every hotkey of the selected wallet (the files of its hotkeys/ folder), by name; none → exit 2. */
export async function allWalletHotkeys(flags: { 'wallet-path'?: string; 'wallet-name'?: string }): Promise<HotkeyTarget[]> {
  const w = resolveWallet(flags)
  const { readdir } = await import('node:fs/promises')
  const { join } = await import('node:path')
  const files = await readdir(join(w.path, w.name, 'hotkeys')).catch(() => [] as string[])
  // btcli keeps <name> and its public twin <name>pub.txt side by side.
  const names = [...new Set(files.filter((f) => !f.startsWith('.')).map((f) => f.replace(/pub\.txt$/, '')))].sort()
  if (!names.length) throw badInput(`wallet "${w.name}" has no hotkeys (in ${join(w.path, w.name, 'hotkeys')})`, 'NO_HOTKEYS')
  return Promise.all(names.map((name) => walletHotkey(flags, name)))
}
