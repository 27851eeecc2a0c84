import { Flags } from '@oclif/core'
import { badInput } from '../core/errors.js'
import type { KeyRole, WalletLocation } from '../wallet/store.js'
import { classifySecret, readJsonExport, type RestoreSource } from '../wallet/restore.js'
import { askConfirm, askSecret, canPrompt, type PromptPolicy } from './prompt.js'
import { readSecretFile } from './password.js'

export const overwriteFlag = {
  overwrite: Flags.boolean({ description: 'Replace an existing key file without asking.', helpGroup: 'KEY' }),
}

/**
 * Refuse to replace an existing key unless --overwrite or a confirmed prompt says so.
 * Checked for every key a command will write before anything is written (asked here, before the wallet is
 * locked); the write itself decides again under the lock. --overwrite consents to replacing whatever is
 * there by then, so of two runs with --overwrite the second replaces the first instead of failing.
 */
export async function confirmOverwrite(w: WalletLocation, roles: KeyRole[], overwrite: boolean, policy: PromptPolicy): Promise<boolean> {
  if (overwrite) return true
  const { keyPaths, roleLabel } = await import('../wallet/store.js')
  const { pathExists } = await import('../fsx/files.js')
  const taken: KeyRole[] = []
  for (const role of roles) if (await pathExists(keyPaths(w, role).key)) taken.push(role)
  if (taken.length === 0) return false
  const names = taken.map((r) => roleLabel(w, r)).join(' and ')
  if (!canPrompt(policy)) throw badInput(`the ${names} already exists; pass --overwrite to replace it`, 'KEY_EXISTS')
  if (
    !(await askConfirm(policy, `The ${names} already exists. Replace it? The old key is lost unless you have its mnemonic.`, '--overwrite'))
  ) {
    throw badInput(`kept the existing ${names}`, 'KEY_EXISTS')
  }
  return true
}

/** The same consent rule for a single named file. */
export async function confirmOverwriteFile(path: string, what: string, overwrite: boolean, policy: PromptPolicy): Promise<void> {
  if (overwrite) return
  if (!canPrompt(policy)) throw badInput(`${what} already exists at ${path}; pass --overwrite to replace it`, 'KEY_EXISTS')
  if (!(await askConfirm(policy, `${what} already exists at ${path}. Replace it?`, '--overwrite')))
    throw badInput(`kept the existing ${what}`, 'KEY_EXISTS')
}

export const restoreFlags = {
  'mnemonic-file': Flags.string({
    description: 'Read the mnemonic from this file ("-" for stdin).',
    helpGroup: 'SECRET',
    exclusive: ['seed-file', 'json-file'],
  }),
  'seed-file': Flags.string({
    description: 'Read a 32-byte hex seed from this file ("-" for stdin).',
    helpGroup: 'SECRET',
    exclusive: ['mnemonic-file', 'json-file'],
  }),
  'json-file': Flags.string({
    description: 'Restore from a polkadot-js JSON export; its password comes from --json-password-file, TAO_JSON_PASSWORD or a prompt.',
    helpGroup: 'SECRET',
    exclusive: ['mnemonic-file', 'seed-file'],
  }),
  'json-password-file': Flags.string({
    description: 'Password of the polkadot-js JSON export, from this file ("-" for stdin).',
    helpGroup: 'SECRET',
    dependsOn: ['json-file'],
  }),
}

export interface RestoreFlagValues {
  'mnemonic-file'?: string
  'seed-file'?: string
  'json-file'?: string
  'json-password-file'?: string
  'password-file'?: string
}

/** Gather the secret to restore from: a file, stdin, or a hidden prompt. */
export async function readRestoreSource(flags: RestoreFlagValues, policy: PromptPolicy): Promise<RestoreSource> {
  const stdinUsers = (['mnemonic-file', 'seed-file', 'json-password-file', 'password-file'] as const).filter((f) => flags[f] === '-')
  if (stdinUsers.length > 1) throw badInput(`only one of --${stdinUsers.join(', --')} can read stdin`, 'STDIN_CONFLICT')
  if (flags['mnemonic-file'] !== undefined) return { kind: 'mnemonic', text: await readSecretFile(flags['mnemonic-file'], 'mnemonic') }
  if (flags['seed-file'] !== undefined) return { kind: 'seed', text: await readSecretFile(flags['seed-file'], 'seed') }
  if (flags['json-file'] !== undefined) {
    const json = await readJsonExport(flags['json-file'])
    const password =
      flags['json-password-file'] !== undefined
        ? await readSecretFile(flags['json-password-file'], 'JSON export password')
        : (process.env.TAO_JSON_PASSWORD ??
          (await askSecret(policy, 'Password of the JSON export:', 'give it with --json-password-file FILE or TAO_JSON_PASSWORD')))
    return { kind: 'polkadot-json', json, password }
  }
  const typed = await askSecret(
    policy,
    'Mnemonic or 0x seed:',
    'give it with --mnemonic-file, --seed-file or --json-file (FILE or - for stdin)',
  )
  return classifySecret(typed)
}
