import { toHex } from '../hex.js'

/**
 * Plain data: bytes become 0x hex, everything else is kept (bigint stays bigint), so results can be
 * compared and rendered without knowing polkadot-api's value classes.
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value)
  if (Array.isArray(value)) return value.map(toPlain)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v)
    return out
  }
  return value
}

/** JSON-safe data: like toPlain, and bigint becomes a decimal string, undefined becomes null. */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value === undefined) return null
  if (value instanceof Uint8Array) return toHex(value)
  if (Array.isArray(value)) return value.map(toJsonSafe)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toJsonSafe(v)
    return out
  }
  return value
}
