import { toHex } from './hex.js'

/** Copy nested data with bytes as 0x hex and every other leaf passed through `leaf`. */
function mapData(value: unknown, leaf: (v: unknown) => unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value)
  if (Array.isArray(value)) return value.map((v) => mapData(v, leaf))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapData(v, leaf)]))
  return leaf(value)
}

/**
 * Plain data: bytes become 0x hex, everything else is kept (bigint stays bigint), so results can be
 * compared and rendered without knowing polkadot-api's value classes.
 */
export const toPlain = (value: unknown): unknown => mapData(value, (v) => v)

/** JSON-safe data: like toPlain, and bigint becomes a decimal string, undefined becomes null. */
export const toJsonSafe = (value: unknown): unknown =>
  mapData(value, (v) => (typeof v === 'bigint' ? v.toString() : v === undefined ? null : v))
