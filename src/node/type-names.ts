import type { V14Lookup } from '@polkadot-api/substrate-bindings'

type RawType = V14Lookup[number]

/**
 * A short human name for a metadata type, built from the type registry itself:
 * `u16`, `Compact<u64>`, `Vec<u16>`, `[u8; 32]`, `Option<AccountId32>`, `(u16, u64)`, or the
 * Rust path's last segment for structs and enums (`MultiAddress`, `AccountId32`).
 */
export function describeType(types: V14Lookup, id: number, depth = 0): string {
  const t: RawType | undefined = types[id]?.id === id ? types[id] : types.find((x) => x.id === id)
  if (!t) return `type#${id}`
  if (depth > 3) return lastSegment(t) ?? '…'
  const inner = (i: number) => describeType(types, i, depth + 1)
  const def = t.def
  switch (def.tag) {
    case 'primitive':
      return def.value.tag
    case 'compact':
      return `Compact<${inner(def.value)}>`
    case 'sequence':
      return `Vec<${inner(def.value)}>`
    case 'array':
      return `[${inner(def.value.type)}; ${def.value.len}]`
    case 'tuple':
      return def.value.length === 0 ? '()' : `(${def.value.map(inner).join(', ')})`
    case 'bitSequence':
      return 'BitVec'
    case 'variant': {
      const name = lastSegment(t) ?? 'enum'
      const params = t.params.filter((p) => p.type !== undefined).map((p) => inner(p.type!))
      return params.length && (name === 'Option' || name === 'Result') ? `${name}<${params.join(', ')}>` : name
    }
    case 'composite': {
      const name = lastSegment(t)
      if (name) return name
      return def.value.length === 1 ? inner(def.value[0]!.type) : 'struct'
    }
    default:
      return lastSegment(t) ?? 'unknown'
  }
}

const lastSegment = (t: RawType): string | undefined => t.path[t.path.length - 1]
