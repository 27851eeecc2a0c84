import { Flags } from '@oclif/core'
import { badInput } from '../errors.js'
import { resolveWallet } from './flags.js'

/**
 * Which hotkey a command acts on: `--hotkey-ss58 SS58`, or the wallet's hotkey named by `-H` (its public
 * file). Resolved before connecting, so a mistyped address or a missing hotkey exits 2 at once.
 */

export const netuidFlag = (description = 'Subnet (netuid).') => Flags.integer({ description, required: true, min: 0, max: 65535 })
export const optionalNetuidFlag = (description: string) => Flags.integer({ description, min: 0, max: 65535 })

export const hotkeySs58Flag = Flags.string({
  aliases: ['hotkey-address', 'ss58-hotkey'],
  description: "Hotkey address (SS58) to act on, instead of the wallet's hotkey named by -H.",
  helpGroup: 'WALLET',
})

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
    const { parseAddress } = await import('../keystore/ss58.js')
    parseAddress(flags['hotkey-ss58'], undefined, '--hotkey-ss58')
    return { ss58: flags['hotkey-ss58'].trim(), label: flags['hotkey-ss58'].trim() }
  }
  return walletHotkey(flags, resolveWallet(flags).hotkey)
}

/** A hotkey of the selected wallet by name; missing → exit 2. */
export async function walletHotkey(flags: { 'wallet-path'?: string; 'wallet-name'?: string }, name: string): Promise<HotkeyTarget> {
  const w = resolveWallet(flags)
  // Wallet and address code load when a hotkey is looked up, not at every start (issue 9).
  const { readPublicKey } = await import('../wallet/store.js')
  const info = await readPublicKey({ root: w.path, name: w.name }, { kind: 'hotkey', name })
  return { ss58: info.ss58, label: `hotkey "${name}" of wallet "${w.name}"`, name }
}

/** An SS58 address, or else the name of one of the wallet's hotkeys (for --dest-hotkey). */
export async function hotkeyByAddressOrName(flags: { 'wallet-path'?: string; 'wallet-name'?: string }, value: string, what: string): Promise<HotkeyTarget> {
  const text = value.trim()
  const { decodeAddress, parseAddress } = await import('../keystore/ss58.js')
  if (decodeAddress(text).ok) {
    parseAddress(text, undefined, what)
    return { ss58: text, label: text }
  }
  if (!/^[\w.-]+$/.test(text)) throw badInput(`${what} must be an SS58 address or the name of a hotkey of the wallet, not "${value}"`, 'BAD_HOTKEY')
  return walletHotkey(flags, text)
}
