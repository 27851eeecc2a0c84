import { Flags } from '@oclif/core'
import type { Keypair } from '../keystore/keys.js'
import { paint } from '../core/output.js'
import type { PromptPolicy } from './prompt.js'
import type { KeyRole, PreparedKey, WalletLocation } from '../wallet/store.js'
import type { WrittenKey } from '../wallet/describe.js'
import { newPassword } from './password.js'

export const wordsFlag = {
  words: Flags.integer({
    description: 'Number of mnemonic words.',
    options: ['12', '15', '18', '21', '24'],
    default: 12,
    helpGroup: 'KEY',
  }),
}

export const coldkeyPasswordFlags = {
  'no-password': Flags.boolean({ description: 'Store the coldkey unencrypted (not recommended).', helpGroup: 'KEY' }),
}

export const hotkeyPasswordFlags = {
  'use-password': Flags.boolean({
    description: 'Encrypt the hotkey with a password too (hotkeys are unencrypted by default, as in btcli).',
    helpGroup: 'KEY',
  }),
}

/** A new mnemonic and its key (the key algorithms load here, not at start-up). */
export async function newMnemonicKeypair(words: number): Promise<{ mnemonic: string; keypair: Keypair }> {
  const { generateMnemonic, keypairFromMnemonic } = await import('../keystore/keys.js')
  const mnemonic = generateMnemonic(words as 12 | 15 | 18 | 21 | 24)
  return { mnemonic, keypair: keypairFromMnemonic(mnemonic) }
}

/**
 * Ask for the key's new password (when it is to be encrypted) and encrypt it: done before the wallet is
 * locked, since a prompt or argon2i must not hold other runs back.
 */
export async function prepareNewKey(
  w: WalletLocation,
  role: KeyRole,
  keypair: Keypair,
  opts: { encrypt: boolean; passwordFile?: string; policy: PromptPolicy },
): Promise<PreparedKey> {
  const label = role.kind === 'coldkey' ? `the coldkey of "${w.name}"` : `hotkey "${role.name}"`
  const password = opts.encrypt ? await newPassword({ passwordFile: opts.passwordFile, policy: opts.policy }, label) : undefined
  const { prepareKey } = await import('../wallet/store.js')
  return prepareKey(role, keypair, password)
}

/** Write prepared keys as one all-or-nothing change; returns what the command reports about each. */
export async function writeKeys<T extends readonly PreparedKey[]>(
  w: WalletLocation,
  keys: T,
  overwrite: boolean,
): Promise<{ [K in keyof T]: WrittenKey }> {
  const [{ saveKeys }, { writtenKey }] = await Promise.all([import('../wallet/store.js'), import('../wallet/describe.js')])
  const saved = await saveKeys(w, [...keys], { overwrite })
  // saveKeys answers for each key it was given, in order.
  return saved.map((s, i) =>
    writtenKey(s.role.kind, s.role.kind === 'coldkey' ? w.name : s.role.name, keys[i]!.publicKey, s.keyPath, s.encrypted),
  ) as {
    [K in keyof T]: WrittenKey
  }
}

/** The mnemonic is shown once, on stderr, and never logged anywhere else. */
export function showMnemonic(what: string, mnemonic: string): void {
  process.stderr.write(
    `\n${paint.bold(`Mnemonic for ${what}`)} — write it down and keep it offline; it is the only way to restore the key:\n\n` +
      `    ${paint.cyan(mnemonic)}\n\n` +
      `Restore with: tao wallet regen-${what.startsWith('hotkey') ? 'hotkey' : 'coldkey'} --mnemonic-file FILE\n\n`,
  )
}

export const keyLine = (k: WrittenKey): string =>
  `${k.role} ${k.name}: ${k.ss58}${k.encrypted ? '' : paint.dim(' (unencrypted)')}  ${paint.dim(k.path)}`
