import type { DecodedCall } from '../node/index.js'
import { toHex } from '../core/hex.js'

/** Items of a list shown before the rest is counted; a weights vector of 256 uids stays one readable line. */
const MAX_ITEMS = 16
/** Bytes shown as hex before the rest is counted. */
const MAX_HEX_BYTES = 48

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{40,60}$/
// Text with no control characters (C0, DEL, C1): it cannot move the cursor or recolour the terminal.
const PLAIN_TEXT = /^[^\u0000-\u001f\u007f-\u009f]*$/

/**
 * A decoded call on one line for the confirmation: `Pallet.call(name: value, …)`. Values as the runtime will see
 * them (integers in base units, accounts as SS58, enums as `Variant(value)`); text in quotes with escapes, so
 * nothing in it can drive the terminal; long lists and byte strings shortened with their length.
 */
export function callText(call: DecodedCall): string {
  const args = Object.entries(call.args).map(([name, value]) => `${name}: ${valueText(value)}`)
  return `${call.pallet}.${call.name}(${args.join(', ')})`
}

export function valueText(value: unknown): string {
  if (value === undefined || value === null) return 'None'
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return BASE58.test(value) ? value : JSON.stringify(value)
  if (value instanceof Uint8Array) return bytesText(value)
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map(valueText)
    return `[${shown.join(', ')}${value.length > MAX_ITEMS ? `, … (${value.length} items)` : ''}]`
  }
  if (typeof value === 'object') {
    const e = value as Record<string, unknown>
    const keys = Object.keys(e)
    // An enum as the metadata decodes it: { type: 'Variant', value }.
    if (typeof e.type === 'string' && keys.every((k) => k === 'type' || k === 'value'))
      return e.value === undefined ? e.type : `${e.type}(${valueText(e.value)})`
    return `{ ${keys.map((k) => `${k}: ${valueText(e[k])}`).join(', ')} }`
  }
  return JSON.stringify(String(value))
}

function bytesText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  if (bytes.length > 0 && !text.includes('\ufffd') && PLAIN_TEXT.test(text)) return JSON.stringify(text)
  if (bytes.length <= MAX_HEX_BYTES) return toHex(bytes)
  return `${toHex(bytes.subarray(0, MAX_HEX_BYTES))}… (${bytes.length} bytes)`
}
