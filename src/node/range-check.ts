import type { LookupEntry } from '@polkadot-api/metadata-builders'
import { badInput, type TaoError } from '../core/errors.js'

/**
 * Range checks for values about to be SCALE-encoded, against the types the runtime declares.
 * polkadot-api's integer codecs wrap silently (u16 70000 → 4464, u64 2^64 → 0) and a compact grows past its
 * type's width, which the runtime then fails to decode (a wasm panic): a value that does not fit is the
 * user's input, refused here with one line before anything is signed.
 */

const BITS: Record<string, number> = {
  u8: 8,
  u16: 16,
  u32: 32,
  u64: 64,
  u128: 128,
  u256: 256,
  i8: 8,
  i16: 16,
  i32: 32,
  i64: 64,
  i128: 128,
  i256: 256,
}

export interface IntRange {
  min: bigint
  max: bigint
}

/** The range of an integer primitive (`u16`, `i64`, …), or undefined for anything else. */
export function intRange(primitive: string): IntRange | undefined {
  const bits = BITS[primitive]
  if (bits === undefined) return undefined
  const n = BigInt(bits)
  return primitive.startsWith('i') ? { min: -(1n << (n - 1n)), max: (1n << (n - 1n)) - 1n } : { min: 0n, max: (1n << n) - 1n }
}

/** Why `value` does not fit an integer of `type`, or undefined when it fits (or is not a number at all). */
export function intProblem(value: unknown, type: string, range: IntRange): string | undefined {
  let n: bigint
  if (typeof value === 'bigint') n = value
  else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `${value} is not a whole number (${type})`
    n = BigInt(value)
  } else return undefined // the codec itself reports a wrong kind of value
  if (n < range.min) return range.min === 0n ? `${n} is negative; ${type} cannot be` : `${n} is below the smallest ${type} (${range.min})`
  if (n > range.max) return `${n} is more than ${type} can hold (at most ${range.max})`
  return undefined
}

const AMOUNT_LIKE = /balance|currency|amount|stake|tao|alpha|tip|fee|value/i

export interface RangeContext {
  /** What is being built, for the message: `Balances.transfer_keep_alive`. */
  what: string
  /** The Rust type name of the top-level argument (`T::Balance`), to show amounts in TAO too. */
  typeName?: string
  /** Formats rao as TAO for amount-like arguments. */
  formatTao?: (rao: bigint) => string
}

/**
 * Walk `value` along the metadata type `entry` and throw `badInput` (exit 2) at the first integer that does
 * not fit its declared width. Only the shape the value actually has is followed, so recursive types
 * (a batch of calls) are fine.
 */
export function checkRange(entry: LookupEntry, value: unknown, path: string, ctx: RangeContext): void {
  const problem = findProblem(entry, value, path)
  if (problem) throw outOfRange(problem, ctx)
}

interface Problem {
  path: string
  type: string
  why: string
  max?: bigint
}

function outOfRange(p: Problem, ctx: RangeContext): TaoError {
  // An amount's limit in rao means little to a person: say it in TAO as well.
  const asTao = p.max !== undefined && p.max >= 2n ** 32n && ctx.formatTao && AMOUNT_LIKE.test(`${ctx.typeName ?? ''} ${p.path}`)
  const why = asTao ? p.why.replace(/\(at most (\d+)\)$/, `(at most $1 rao = ${ctx.formatTao!(p.max!)} TAO)`) : p.why
  return badInput(`${ctx.what}: ${p.path} = ${why}; nothing was signed`, 'OUT_OF_RANGE')
}

function findProblem(entry: LookupEntry, value: unknown, path: string): Problem | undefined {
  switch (entry.type) {
    case 'primitive': {
      const range = intRange(entry.value)
      if (!range) return undefined
      const why = intProblem(value, entry.value, range)
      return why ? { path, type: entry.value, why, max: range.max } : undefined
    }
    case 'compact': {
      const type = `Compact<${entry.size}>`
      const range = intRange(entry.size)!
      const why = intProblem(value, type, range)
      return why ? { path, type, why, max: range.max } : undefined
    }
    case 'option':
      return value === undefined || value === null ? undefined : findProblem(entry.value, value, path)
    case 'struct': {
      if (!isRecord(value)) return undefined
      for (const [key, inner] of Object.entries(entry.value)) {
        const p = findProblem(inner, value[key], `${path}.${key}`)
        if (p) return p
      }
      return undefined
    }
    case 'tuple': {
      if (!Array.isArray(value)) return undefined
      for (let i = 0; i < entry.value.length; i++) {
        const p = findProblem(entry.value[i]!, value[i], `${path}[${i}]`)
        if (p) return p
      }
      return undefined
    }
    case 'sequence':
    case 'array': {
      if (!Array.isArray(value)) return undefined // bytes given as Uint8Array / hex / Binary
      for (let i = 0; i < value.length; i++) {
        const p = findProblem(entry.value, value[i], `${path}[${i}]`)
        if (p) return p
      }
      return undefined
    }
    case 'enum': {
      if (!isRecord(value) || typeof value.type !== 'string') return undefined
      const variant = entry.value[value.type]
      if (!variant) return undefined
      const inner = `${path}.${value.type}`
      if (variant.type === 'lookupEntry') return findProblem(variant.value, value.value, inner)
      if (variant.type === 'void') return undefined
      return findProblem({ ...variant, id: entry.id } as LookupEntry, value.value, inner)
    }
    default:
      return undefined
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Uint8Array)
