/**
 * Amounts inside a decoded call, found from the runtime's own types: an integer field (u64 / u128, compact or
 * not) is an amount when the runtime names its type a balance or currency (`T::Balance`, `BalanceOf<T>`,
 * `TaoCurrency`, `AlphaBalance` …), or, where the type is a bare integer, when the argument's name says so
 * (`amount_staked`, `value`, `tip`, `min_burn` …). Those become `{rao, tao}`; everything else stays as decoded.
 * Nested calls (Sudo.sudo, Utility.batch) are walked the same way.
 */
import type { V14Lookup } from '@polkadot-api/substrate-bindings'
import { amountJson } from '../core/amount.js'
import type { RuntimeMetadata } from './metadata.js'

type RawType = V14Lookup[number]
interface Field {
  name?: string
  type: number
  typeName?: string
}

const BALANCE_TYPE = /Balance|Currency/
const PLAIN_INTEGER = /^(u64|u128|Compact<u64>|Compact<u128>)$/
const AMOUNT_NAME = /(^|_)(amount|value|tip|fee|balance|stake|burn|deposit|cost)(_|$)/

/** The call's arguments (JSON-safe, as decodeExtrinsic gives them) with every amount as `{rao, tao}`. */
export function markAmounts(view: RuntimeMetadata, pallet: string, call: string, args: Record<string, unknown>): Record<string, unknown> {
  const callType = view.metadata.pallets.find((p) => p.name === pallet)?.calls?.type
  if (callType === undefined) return args
  const variant = variantOf(rawType(view, callType), call)
  if (!variant) return args
  return walkFields(view, variant.fields, args, 0) as Record<string, unknown>
}

const rawType = (view: RuntimeMetadata, id: number): RawType | undefined => {
  const types = view.metadata.lookup
  return types[id]?.id === id ? types[id] : types.find((t) => t.id === id)
}

const variantOf = (t: RawType | undefined, name: string) =>
  t?.def.tag === 'variant' ? t.def.value.find((v) => v.name === name) : undefined

/** The integer kind a type comes down to (through compact and one-field wrappers), or undefined. */
function integerOf(view: RuntimeMetadata, id: number, depth = 0): string | undefined {
  const t = rawType(view, id)
  if (!t || depth > 4) return undefined
  if (t.def.tag === 'primitive') return t.def.value.tag
  if (t.def.tag === 'compact') return integerOf(view, t.def.value, depth + 1)
  if (t.def.tag === 'composite' && t.def.value.length === 1) return integerOf(view, t.def.value[0]!.type, depth + 1)
  return undefined
}

function isAmount(view: RuntimeMetadata, field: Field): boolean {
  const int = integerOf(view, field.type)
  if (int !== 'u64' && int !== 'u128') return false
  const typeName = field.typeName ?? ''
  const own = rawType(view, field.type)?.path.at(-1) ?? ''
  if (BALANCE_TYPE.test(typeName) || BALANCE_TYPE.test(own)) return true
  return (typeName === '' || PLAIN_INTEGER.test(typeName)) && AMOUNT_NAME.test(field.name ?? '')
}

const asBigInt = (v: unknown): bigint | undefined => {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v)
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v)
  return undefined
}

/** A variant's or struct's fields over their decoded value: an object for named fields, the value itself for one unnamed. */
function walkFields(view: RuntimeMetadata, fields: readonly Field[], value: unknown, depth: number): unknown {
  if (fields.length === 0) return value
  if (fields.every((f) => f.name)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const f of fields) if (f.name! in out) out[f.name!] = walkField(view, f, out[f.name!], depth)
    return out
  }
  if (fields.length === 1) return walkField(view, fields[0]!, value, depth)
  if (!Array.isArray(value)) return value
  return value.map((v, i) => (fields[i] ? walkField(view, fields[i]!, v, depth) : v))
}

function walkField(view: RuntimeMetadata, field: Field, value: unknown, depth: number): unknown {
  if (isAmount(view, field)) {
    const rao = asBigInt(value)
    return rao === undefined ? value : amountJson(rao)
  }
  return walkType(view, field.type, value, depth + 1)
}

function walkType(view: RuntimeMetadata, id: number, value: unknown, depth: number): unknown {
  const t = rawType(view, id)
  if (!t || depth > 64 || value === null || value === undefined) return value
  const def = t.def
  switch (def.tag) {
    case 'composite':
      return walkFields(view, def.value, value, depth)
    case 'variant': {
      if (t.path.at(-1) === 'Option') {
        const some = def.value.find((v) => v.name === 'Some')?.fields[0]
        return some ? walkType(view, some.type, value, depth + 1) : value
      }
      const e = value as { type?: unknown; value?: unknown }
      if (typeof e !== 'object' || typeof e.type !== 'string') return value
      const v = def.value.find((x) => x.name === e.type)
      if (!v || !('value' in e)) return value
      return { ...e, value: walkFields(view, v.fields, e.value, depth) }
    }
    case 'sequence':
    case 'array': {
      const inner = def.tag === 'sequence' ? def.value : def.value.type
      return Array.isArray(value) ? value.map((v) => walkType(view, inner, v, depth + 1)) : value
    }
    case 'tuple':
      if (def.value.length === 1) return walkType(view, def.value[0]!, value, depth + 1)
      return Array.isArray(value)
        ? value.map((v, i) => (def.value[i] === undefined ? v : walkType(view, def.value[i]!, v, depth + 1)))
        : value
    default:
      return value
  }
}
