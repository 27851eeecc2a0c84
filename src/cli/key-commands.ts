import { Flags } from '@oclif/core'
import { generateMnemonic, keypairFromMnemonic, type Keypair } from '../keystore/keys.js'
import { paint } from '../ui/output.js'
import type { PromptPolicy } from '../ui/prompt.js'
import { saveKey, type KeyRole, type WalletLocation } from '../wallet/store.js'
import { writtenKey, type WrittenKey } from '../wallet/describe.js'
import { newPassword } from './password.js'

export const wordsFlag = {
  words: Flags.integer({ description: 'Number of mnemonic words.', options: ['12', '15', '18', '21', '24'], default: 12, helpGroup: 'KEY' }),
}

export const coldkeyPasswordFlags = {
  'no-password': Flags.boolean({ description: 'Store the coldkey unencrypted (not recommended).', helpGroup: 'KEY' }),
}

export const hotkeyPasswordFlags = {
  'use-password': Flags.boolean({ description: 'Encrypt the hotkey with a password too (hotkeys are unencrypted by default, as in btcli).', helpGroup: 'KEY' }),
}

export function newMnemonicKeypair(words: number): { mnemonic: string; keypair: Keypair } {
  const mnemonic = generateMnemonic(words as 12 | 15 | 18 | 21 | 24)
  return { mnemonic, keypair: keypairFromMnemonic(mnemonic) }
}

/** Encrypt (when asked) and write one key; returns what the command reports. */
export async function writeKey(
  w: WalletLocation,
  role: KeyRole,
  keypair: Keypair,
  opts: { encrypt: boolean; overwrite: boolean; passwordFile?: string; policy: PromptPolicy },
): Promise<WrittenKey> {
  const label = role.kind === 'coldkey' ? `the coldkey of "${w.name}"` : `hotkey "${role.name}"`
  const password = opts.encrypt ? await newPassword({ passwordFile: opts.passwordFile, policy: opts.policy }, label) : undefined
  const saved = await saveKey(w, role, keypair, { password, overwrite: opts.overwrite })
  return writtenKey(role.kind, role.kind === 'coldkey' ? w.name : role.name, keypair, saved.keyPath ?? saved.pubPath, saved.encrypted)
}

/** The mnemonic is shown once, on stderr, and never logged anywhere else. */
export function showMnemonic(what: string, mnemonic: string): void {
  process.stderr.write(
    `\n${paint.bold(`Mnemonic for ${what}`)} — write it down and keep it offline; it is the only way to restore the key:\n\n` +
      `    ${paint.cyan(mnemonic)}\n\n` +
      `Restore with: tao wallet regen-${what.startsWith('hotkey') ? 'hotkey' : 'coldkey'} --mnemonic-file FILE\n\n`,
  )
}

export const keyLine = (k: WrittenKey): string => `${k.role} ${k.name}: ${k.ss58}${k.encrypted ? '' : paint.dim(' (unencrypted)')}  ${paint.dim(k.path)}`
