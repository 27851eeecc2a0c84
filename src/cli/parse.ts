/**
 * Every value a person types, read one way whatever flag, argument, list entry or setting it arrives through:
 *
 * - surrounding spaces never matter (` 2` is 2, ` h1 ` is h1);
 * - numbers are plain decimals: no sign, no thousands separator, no exponent (`1e3` is refused naming its plain
 *   form, 1000, so nothing is read differently from what was meant); a negative one is refused as negative;
 * - amounts (TAO, alpha) are exact to 9 decimals; fractions are `0.25` or `25%` alike, wherever a fraction is taken;
 * - whole numbers (netuid, uid, port, blocks, nonce) are digits only;
 * - lists are comma-separated (or the flag repeated), every entry one value of the list's kind;
 * - addresses are SS58 of this network; wallet and hotkey names follow one rule (`validateName`), for flags,
 *   environment, config and `config set` alike.
 *
 * File paths and free text (a message to sign, identity fields) are used as typed.
 * Each parser names the input (`what`, e.g. `--amount`) in its refusal: exit 2, one line, before any connection.
 */
import { badInput } from '../core/errors.js'
import { RAO_PER_TAO, TAO_DECIMALS } from '../core/amount.js'
import { validateName } from '../wallet/names.js'
import { assertSettingKey, parseSwitch, type SettingKey } from '../config/settings.js'
import { resolveEndpoint } from '../node/networks.js'

export { validateName as parseName }

const PLAIN = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/
const EXPONENT = /^(\d+)?(?:\.(\d*))?[eE]([+-]?\d+)$/

/** A non-negative decimal as typed: the digits before and after the point. */
interface Decimal {
  whole: string
  fraction: string
}

/**
 * The plain form of a number written with an exponent (`1e3` → `1000`, `2.5e-2` → `0.025`), for the refusal to
 * show; '' when it would be too long to be of use, undefined when `text` is not exponent notation.
 */
export function withoutExponent(text: string): string | undefined {
  const m = EXPONENT.exec(text)
  if (!m || (m[1] === undefined && !m[2])) return undefined
  const digits = (m[1] ?? '') + (m[2] ?? '')
  const point = (m[1] ?? '').length + Number(m[3])
  if (!Number.isSafeInteger(point) || point > 30 || point < -30) return ''
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits.padEnd(point, '0') : digits
  const at = Math.max(point, 1)
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const fraction = padded.slice(at).replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : whole
}

/** Why `text` is not a plain decimal, as the tail of a refusal: an exponent names its plain form. */
const notPlain = (text: string): string => {
  const plain = withoutExponent(text)
  if (plain === undefined) return `not "${text}"`
  return plain ? `not "${text}" (write it without an exponent: ${plain})` : `not "${text}" (write it without an exponent)`
}

/** The one decimal reader behind every number kind. `expected` completes "… must be" in the refusal. */
function decimal(input: string, what: string, expected: string, code: string): Decimal {
  const text = input.trim()
  if (text === '') throw badInput(`${what} is empty`, code)
  if (text.startsWith('-') && PLAIN.test(text.slice(1))) throw badInput(`${what} cannot be negative: "${text}"`, code)
  const m = PLAIN.exec(text)
  if (!m) throw badInput(`${what} must be ${expected}, ${notPlain(text)}`, code)
  return { whole: m[1] ?? '0', fraction: m[2] ?? m[3] ?? '' }
}

/**
 * An amount of TAO or alpha (both 9 decimals) in rao, exactly: "1", "0.5", ".25", "1.000000001".
 * More than 9 decimals is refused, zero unless `allowZero`.
 */
export function parseAmount(input: string, what = 'amount', opts: { allowZero?: boolean; unit?: 'TAO' | 'alpha' } = {}): bigint {
  const unit = opts.unit ?? 'TAO'
  const { whole, fraction } = decimal(input, what, `a plain decimal number of ${unit} like 1.5`, 'BAD_AMOUNT')
  if (fraction.length > TAO_DECIMALS)
    throw badInput(
      `${what} has more than ${TAO_DECIMALS} decimals (${unit === 'TAO' ? '1 rao = 0.000000001 TAO' : `the smallest unit is 0.000000001 ${unit}`}): "${input.trim()}"`,
      'BAD_AMOUNT',
    )
  const rao = BigInt(whole) * RAO_PER_TAO + BigInt(fraction.padEnd(TAO_DECIMALS, '0') || '0')
  if (rao === 0n && !opts.allowZero) throw badInput(`${what} must be more than zero`, 'BAD_AMOUNT')
  return rao
}

/** A fraction exactly, as numerator / denominator. */
export interface Fraction {
  num: bigint
  den: bigint
}

/** A decimal or a percentage (`0.25`, `25%`) as an exact fraction; `expected` completes "… must be". */
function fractionOf(input: string, what: string, expected: string, code: string): Fraction {
  const text = input.trim()
  const percent = text.endsWith('%')
  const { whole, fraction } = decimal(percent ? text.slice(0, -1) : text, what, expected, code)
  const den = 10n ** BigInt(fraction.length) * (percent ? 100n : 1n)
  const num = BigInt(whole) * 10n ** BigInt(fraction.length) + BigInt(fraction || '0')
  return { num, den }
}

/** A share between 0 and 1 inclusive: a take, a child's proportion. `0.09` and `9%` are the same. */
export function parseFraction(input: string, what: string): Fraction {
  const f = fractionOf(input, what, 'a fraction between 0 and 1 like 0.25, or a percentage like 25%', 'BAD_FRACTION')
  if (f.num > f.den) throw badInput(`${what} must be between 0 and 1 (100%), not "${input.trim()}"`, 'BAD_FRACTION')
  return f
}

/** 1e9: tolerances are parts per billion, as prices are scaled. */
const PPB = 1_000_000_000n

/** A price tolerance in parts per 1e9, below 1: `0.005` or `0.5%`. */
export function parseTolerance(input: string, what = '--tolerance'): bigint {
  const f = fractionOf(input, what, 'a fraction like 0.005 or a percentage like 0.5%', 'BAD_TOLERANCE')
  if ((f.num * PPB) % f.den !== 0n) throw badInput(`${what} is finer than 1e-9: "${input.trim()}"`, 'BAD_TOLERANCE')
  const ppb = (f.num * PPB) / f.den
  if (ppb >= PPB) throw badInput(`${what} must be below 1 (100%): "${input.trim()}"`, 'BAD_TOLERANCE')
  return ppb
}

/** A non-negative decimal of any size as a JavaScript number (weights, which are only compared with each other). */
export function parseDecimalNumber(input: string, what: string, code = 'BAD_INPUT'): number {
  const { whole, fraction } = decimal(input, what, 'plain decimals like 0.25', code)
  const n = Number(`${whole}.${fraction || '0'}`)
  if (!Number.isFinite(n)) throw badInput(`${what}: "${input.trim()}" is too large`, code)
  return n
}

/**
 * A whole number within [min, max]: digits only (a netuid, a uid, a port, a count of blocks). `code` is the
 * --json error code (a flag oclif parses reports USAGE, as its own parsers do).
 */
export function parseWhole(input: string, what: string, range: { min?: bigint; max?: bigint } = {}, code = 'USAGE'): bigint {
  const text = input.trim()
  if (text === '') throw badInput(`${what} is empty`, code)
  if (!/^-?\d+$/.test(text)) throw badInput(`${what}: expected a whole number, ${notPlain(text)}`, code)
  const n = BigInt(text)
  if (range.min !== undefined && n < range.min) throw badInput(`${what}: must be at least ${range.min}, not ${text}`, code)
  if (range.max !== undefined && n > range.max) throw badInput(`${what}: must be at most ${range.max}, not ${text}`, code)
  return n
}

/** A whole number that fits a JavaScript number (the range must). */
export function parseInteger(input: string, what: string, range: { min?: number; max?: number } = {}, code = 'USAGE'): number {
  const big = (n: number | undefined) => (n === undefined ? undefined : BigInt(n))
  return Number(parseWhole(input, what, { min: big(range.min), max: big(range.max ?? Number.MAX_SAFE_INTEGER) }, code))
}

/** A comma-separated list: each entry trimmed; an empty entry ("1,,2", a trailing comma) is refused. */
export function parseList(input: string, what: string): string[] {
  const parts = input.split(',').map((p) => p.trim())
  if (parts.length === 1 && parts[0] === '') throw badInput(`${what} is empty`, 'BAD_INPUT')
  const blank = parts.findIndex((p) => p === '')
  if (blank >= 0) throw badInput(`${what}: entry ${blank + 1} is empty ("${input}")`, 'BAD_INPUT')
  return parts
}

/** A list flag given comma-separated, repeated, or both, as one list. */
export const listOf = (values: readonly string[] | undefined, what: string): string[] => (values ?? []).flatMap((v) => parseList(v, what))

/** UIDs of a subnet: "0,1, 2", each 0…65535, none twice. */
export function parseUids(input: string, what = '--uids'): number[] {
  const uids = parseList(input, what).map((p) => parseInteger(p, `${what} (uid "${p}")`, { min: 0, max: 65535 }, 'BAD_UIDS'))
  const twice = uids.find((uid, i) => uids.indexOf(uid) !== i)
  if (twice !== undefined) throw badInput(`${what}: uid ${twice} is given twice`, 'DUPLICATE_UIDS')
  return uids
}

/** Weights: "0.5,0.3,0.2", plain non-negative decimals of any scale. */
export const parseWeights = (input: string, what = '--weights'): number[] =>
  parseList(input, what).map((p) => parseDecimalNumber(p, what, 'BAD_WEIGHTS'))

/** An SS58 address of this network (prefix 42), trimmed. (Async: the address code loads when an address is read.) */
export async function parseSs58(input: string, what = 'address'): Promise<string> {
  const { parseAddress } = await import('../core/ss58.js')
  parseAddress(input, undefined, what)
  return input.trim()
}

/** A 32-byte hash as 0x lower-case hex (a proposal). */
export function parseHash(input: string, what = '--proposal'): string {
  const text = input.trim()
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw badInput(`${what} must be a proposal hash: 0x and 64 hex digits, not "${text}"`, 'BAD_HASH')
  return text.toLowerCase()
}

/** `ADDRESS=TAO` (`localnet start --fund`): an address of any SS58 prefix (reported with Bittensor's 42) and an amount. */
export async function parseFundEntry(input: string): Promise<{ ss58: string; rao: bigint }> {
  const at = input.lastIndexOf('=')
  if (at <= 0) throw badInput(`--fund takes ADDRESS=TAO, e.g. 5F…=100; got "${input.trim()}"`, 'BAD_FUND')
  const ss58 = input.slice(0, at).trim()
  const { decodeAddress, encodeAddress } = await import('../core/ss58.js')
  const decoded = decodeAddress(ss58)
  if (!decoded.ok) throw badInput(`--fund: not an SS58 address: "${ss58}"`, 'BAD_ADDRESS')
  return { ss58: encodeAddress(decoded.publicKey), rao: parseAmount(input.slice(at + 1), `--fund amount for ${ss58}`) }
}

/** A setting's value for `config set`, by the same rules as the flag that sets it. */
export function parseSetting(key: string, value: string): { key: SettingKey; value: string } {
  const k = assertSettingKey(key)
  const v = value.trim()
  if (v === '') throw badInput(`${k} cannot be empty`)
  switch (k) {
    case 'network':
      resolveEndpoint(v)
      return { key: k, value: v }
    case 'wallet-name':
      return { key: k, value: validateName(v, 'wallet name') }
    case 'hotkey':
      return { key: k, value: validateName(v, 'hotkey name') }
    case 'wallet-path':
      return { key: k, value: v }
    case 'insecure':
      return { key: k, value: String(parseSwitch(k, v)) }
  }
}
