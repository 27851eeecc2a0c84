import { readFile } from 'node:fs/promises'
import { sep } from 'node:path'
import { badInput } from '../core/errors.js'
import { causeWords } from './system-error.js'
import { askSecret, canPrompt, type PromptPolicy } from './prompt.js'
import { warn } from '../core/output.js'

/**
 * Where a password comes from, in order: --password-file (or "-" for stdin), btwallet's variable for this key
 * file (BT_PW_…, see btwalletVariable), TAO_PASSWORD, a prompt. Never argv. The file's trailing newline is
 * dropped (as `echo pw > file` leaves one).
 */
export interface PasswordSource {
  passwordFile?: string
  policy: PromptPolicy
  /** The absolute path of the key file being unlocked, to find its BT_PW_ variable. */
  keyFile?: string
}

/**
 * btwallet's per-key password variable: `BT_PW_` and the key file's absolute path upper-cased, with every path
 * separator and dot turned into `_` (/home/u/.bittensor/wallets/w/coldkey → BT_PW__HOME_U__BITTENSOR_WALLETS_W_COLDKEY).
 */
export const btwalletVariable = (keyFile: string): string => `BT_PW_${keyFile.replaceAll(sep, '_').replaceAll('.', '_').toUpperCase()}`

/**
 * The password in a BT_PW_ variable: btwallet stores it base64-encoded, each byte XORed with the bytes of the
 * variable's name in turn (an obfuscation, not encryption: such a variable is as secret as the password).
 */
export function decodeBtwalletPassword(name: string, value: string): string {
  const data = Buffer.from(value.trim(), 'base64')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.trim()) || (data.length === 0 && value.trim() !== ''))
    throw badInput(`${name} is not a btwallet password variable (base64 expected)`, 'BAD_PASSWORD_VARIABLE')
  const key = Buffer.from(name, 'utf8')
  return Buffer.from(data.map((b, i) => b ^ key[i % key.length]!)).toString('utf8')
}

function fromBtwallet(keyFile: string | undefined): string | undefined {
  if (keyFile === undefined) return undefined
  const name = btwalletVariable(keyFile)
  const value = process.env[name]
  return value === undefined ? undefined : decodeBtwalletPassword(name, value)
}

let stdinCache: Promise<string> | undefined

async function readStdinOnce(): Promise<string> {
  stdinCache ??= (async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  })()
  return stdinCache
}

/** Secret text from a file path, or stdin for "-": trailing line breaks dropped. */
export async function readSecretFile(path: string, what: string): Promise<string> {
  let text: string
  try {
    text = path === '-' ? await readStdinOnce() : await readFile(path, 'utf8')
  } catch (e) {
    throw badInput(`cannot read the ${what} file ${path}: ${causeWords(e)}`, 'UNREADABLE_FILE')
  }
  return text.replace(/\r?\n$/, '')
}

function fromEnvOrFile(source: PasswordSource): Promise<string> | string | undefined {
  if (source.passwordFile !== undefined) return readSecretFile(source.passwordFile, 'password')
  const own = fromBtwallet(source.keyFile)
  if (own !== undefined) return own
  const env = process.env.TAO_PASSWORD
  if (env !== undefined) return env
  return undefined
}

const HINT = 'give it with --password-file FILE (or - for stdin) or the TAO_PASSWORD environment variable'

/**
 * The password to unlock an existing key. An empty one is refused at once (exit 2): btcli never encrypts
 * with an empty password, so trying it would only cost seconds of argon2i and end in "wrong password".
 */
export async function unlockPassword(source: PasswordSource, what: string): Promise<string> {
  const given = (await fromEnvOrFile(source)) ?? (await askSecret(source.policy, `Password for ${what}:`, HINT))
  if (given === '') {
    const file = source.passwordFile === '-' ? 'stdin' : source.passwordFile
    const own = source.keyFile === undefined ? undefined : btwalletVariable(source.keyFile)
    const from =
      file !== undefined
        ? `the password file ${file}`
        : own !== undefined && process.env[own] !== undefined
          ? own
          : process.env.TAO_PASSWORD !== undefined
            ? 'TAO_PASSWORD'
            : 'the prompt'
    throw badInput(`the password for ${what} is empty (from ${from})`, 'EMPTY_PASSWORD')
  }
  return given
}

/** Reasons a new password is weak; empty when it is acceptable. */
export function passwordWeaknesses(password: string): string[] {
  const reasons: string[] = []
  if (password.length < 8) reasons.push('shorter than 8 characters')
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (password.length < 14 && classes < 2) reasons.push('uses a single kind of character')
  if (/^(.)\1+$/.test(password)) reasons.push('repeats one character')
  return reasons
}

/**
 * A new password: from file/env as given (a weak one is warned about, not refused, since scripts chose it),
 * or prompted twice, refusing weak ones and mismatches.
 */
export async function newPassword(source: PasswordSource, what: string): Promise<string> {
  const given = await fromEnvOrFile(source)
  if (given !== undefined) {
    if (given === '') throw badInput(`the password for ${what} is empty`, 'EMPTY_PASSWORD')
    const weak = passwordWeaknesses(given)
    if (weak.length) warn(`the password for ${what} is weak (${weak.join(', ')})`)
    return given
  }
  if (!canPrompt(source.policy)) return askSecret(source.policy, `New password for ${what}:`, HINT)
  for (;;) {
    const first = await askSecret(source.policy, `New password for ${what}:`, HINT)
    const weak = passwordWeaknesses(first)
    if (weak.length) {
      process.stderr.write(`That password is weak (${weak.join(', ')}); choose another.\n`)
      continue
    }
    const second = await askSecret(source.policy, 'Repeat the password:', HINT)
    if (first === second) return first
    process.stderr.write('The passwords do not match; try again.\n')
  }
}
