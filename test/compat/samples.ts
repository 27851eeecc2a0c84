/**
 * Sample values for any metadata type, built from the type registry alone, in the shape polkadot-api's
 * dynamic codecs decode to. Encoding a sample and decoding it back proves a codec works for a runtime
 * without anyone writing its layout down.
 */
import type { LookupEntry } from '@polkadot-api/metadata-builders'

export const ADDRESS = '5FRo4vab84LM3aiK4DijnVawGDKagLGLzfn95j9tjDaHja8Z'

const SMALL = new Set(['u8', 'u16', 'u32', 'i8', 'i16', 'i32'])
const isU8 = (e: LookupEntry) => e.type === 'primitive' && e.value === 'u8'

type Variant = { type: string; value?: unknown; idx: number }

export function sample(entry: LookupEntry, depth = 0): unknown {
  const deep = depth > 4
  switch (entry.type) {
    case 'primitive':
      if (entry.value === 'bool') return true
      if (entry.value === 'str') return 'taocli'
      if (entry.value === 'char') return 'a'
      return SMALL.has(entry.value) ? 3 : 3n
    case 'compact':
      return entry.isBig ? 7n : 7
    case 'AccountId32':
      return ADDRESS
    case 'AccountId20':
      return '0x' + '11'.repeat(20)
    case 'bitSequence':
      return { bitsLen: 8, bytes: new Uint8Array([5]) }
    case 'void':
      return undefined
    case 'tuple':
      return entry.value.map((e) => sample(e, depth + 1))
    case 'struct':
      return Object.fromEntries(Object.entries(entry.value).map(([k, e]) => [k, sample(e, depth + 1)]))
    case 'option':
      return deep ? undefined : sample(entry.value, depth + 1)
    case 'result':
      return { success: true, value: sample(entry.value.ok, depth + 1) }
    case 'sequence':
      if (isU8(entry.value)) return new Uint8Array([1, 2, 3])
      return deep ? [] : [sample(entry.value, depth + 1)]
    case 'array':
      if (isU8(entry.value)) return '0x' + '2a'.repeat(entry.len)
      return Array.from({ length: entry.len }, () => sample(entry.value, depth + 1))
    case 'enum': {
      const variants = Object.entries(entry.value as Record<string, Variant>)
      // Deep inside recursive types, prefer a variant without data so the sample stays finite.
      const [name, v] = (deep && variants.find(([, x]) => x.type === 'void')) || variants[0]!
      return { type: name, value: sampleVariant(v, depth) }
    }
  }
}

/** The value of one enum variant (void, a single type, a tuple or a struct of fields). */
export function sampleVariant(v: Variant, depth = 0): unknown {
  switch (v.type) {
    case 'void':
      return undefined
    case 'lookupEntry':
      return sample(v.value as LookupEntry, depth + 1)
    default:
      return sample(v as unknown as LookupEntry, depth + 1)
  }
}

/** The named variant of an enum entry. */
export function variantOf(entry: LookupEntry, name: string): Variant {
  if (entry.type !== 'enum') throw new Error(`not an enum: ${entry.type}`)
  const v = (entry.value as Record<string, Variant>)[name]
  if (!v) throw new Error(`no variant ${name}`)
  return v
}
