import type Conf from 'conf'
import envPaths from 'env-paths'
import { homedir } from 'node:os'
import path from 'node:path'
import { badInput } from '../core/errors.js'
import { READ_LIMIT, readRegularFileSync } from '../fsx/files.js'

/** Settings a user can store with `tao config set`. */
export const SETTING_KEYS = ['network', 'wallet-path', 'wallet-name', 'hotkey', 'insecure'] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

export const DEFAULTS: Record<SettingKey, string> = {
  network: 'finney',
  'wallet-path': '~/.bittensor/wallets',
  'wallet-name': 'default',
  hotkey: 'default',
  insecure: 'false',
}

/** Environment variables that override the stored config (btcli's names where btcli has them). */
export const ENV_VARS: Record<SettingKey, string> = {
  network: 'TAO_NETWORK',
  'wallet-path': 'BT_WALLET_PATH',
  'wallet-name': 'BT_WALLET_NAME',
  hotkey: 'BT_WALLET_HOTKEY',
  insecure: 'TAO_INSECURE',
}

export type SettingSource = 'flag' | 'env' | 'config' | 'default'

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key)
}

export function assertSettingKey(key: string): SettingKey {
  if (!isSettingKey(key)) throw badInput(`unknown setting "${key}"; known: ${SETTING_KEYS.join(', ')}`, 'UNKNOWN_SETTING')
  return key
}

/** The config folder: TAO_CONFIG_DIR (used by tests), else the XDG config location (where conf puts it). */
const configDir = (): string => process.env.TAO_CONFIG_DIR || envPaths('taocli', { suffix: '' }).config

/** The settings file `tao config` writes. */
export const configPath = (): string => path.resolve(configDir(), 'config.json')

let store: Conf<Record<string, string>> | undefined

/** The conf store that writes the settings file. conf (with its schema validator) loads only here, to write. */
export async function configStore(): Promise<Conf<Record<string, string>>> {
  const { default: Conf } = await import('conf')
  store ??= new Conf<Record<string, string>>({ projectName: 'taocli', projectSuffix: '', cwd: configDir() })
  return store
}

/**
 * The stored settings, read straight from the file conf writes (plain JSON), so reading a setting costs no
 * conf at start-up. Errors as conf gives them: no file is no settings; a file that is not JSON is an error.
 */
function storedSettings(): Record<string, unknown> {
  const file = configPath()
  let text: string
  try {
    text = readRegularFileSync(file, 'the config file', READ_LIMIT.json)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw e
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error(`The config file \`${file}\` is not valid JSON.`)
  }
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
}

/**
 * Resolve one setting: flag > environment > config > default, without surrounding spaces (as every value tao
 * reads). A flag or environment variable that is given but empty is an error (exit 2), never "use the default":
 * `-w "$UNSET"` must not act on the default wallet.
 */
export function resolveSetting(key: SettingKey, flagValue?: string): { value: string; source: SettingSource } {
  if (flagValue !== undefined) {
    if (flagValue.trim() === '') throw badInput(`--${key} is empty; give a value or leave the flag out`, 'EMPTY_SETTING')
    return { value: flagValue.trim(), source: 'flag' }
  }
  const env = process.env[ENV_VARS[key]]
  if (env !== undefined) {
    if (env.trim() === '') throw badInput(`${ENV_VARS[key]} is set but empty; give it a value or unset it`, 'EMPTY_SETTING')
    return { value: env.trim(), source: 'env' }
  }
  const stored = storedSettings()[key]
  if (typeof stored === 'string' && stored.trim() !== '') return { value: stored.trim(), source: 'config' }
  return { value: DEFAULTS[key], source: 'default' }
}

/** A yes/no setting's value: true/false, yes/no, 1/0 (any case); anything else is bad input (exit 2). */
export function parseSwitch(key: SettingKey, value: string): boolean {
  const v = value.trim().toLowerCase()
  if (v === 'true' || v === 'yes' || v === '1') return true
  if (v === 'false' || v === 'no' || v === '0') return false
  throw badInput(`${key} is true or false, not "${value.trim()}"`, 'BAD_SETTING')
}

/** Whether plain ws:// to another machine is allowed: --insecure > TAO_INSECURE > config > no. */
export const allowInsecure = (flag: boolean | undefined): boolean =>
  parseSwitch('insecure', resolveSetting('insecure', flag ? 'true' : undefined).value)

/** A named proxy in the address book (`tao config proxy add`): the real account and the proxy type it gave. */
export interface ProxyBookEntry {
  ss58: string
  type: string
}

/** The proxy address book stored in the config file under `proxies` (name → entry). */
export function proxyBook(): Record<string, ProxyBookEntry> {
  const raw = storedSettings().proxies
  if (typeof raw !== 'object' || raw === null) return {}
  const book: Record<string, ProxyBookEntry> = {}
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const e = v as Partial<ProxyBookEntry> | null
    if (e && typeof e.ss58 === 'string') book[name] = { ss58: e.ss58, type: typeof e.type === 'string' ? e.type : 'Any' }
  }
  return book
}

/** Store the whole address book (conf writes the file atomically). */
export async function saveProxyBook(book: Record<string, ProxyBookEntry>): Promise<void> {
  const store = (await configStore()) as unknown as { set(key: string, value: unknown): void; delete(key: string): void }
  if (Object.keys(book).length === 0) store.delete('proxies')
  else store.set('proxies', book)
}

export function expandHome(path: string): string {
  if (path === '~') return homedir()
  if (path.startsWith('~/')) return homedir() + path.slice(1)
  return path
}
