import { failed } from '../core/errors.js'
import { toHex } from '../core/hex.js'
import { toJsonSafe } from '../core/json.js'
import { decodeAddress } from '../core/ss58.js'
import type { DecodedCall, RuntimeMetadata } from './metadata.js'

/** A call as built: what was asked for (`args`) and the bytes that will be signed (`callData`). */
export interface BuiltCall {
  pallet: string
  name: string
  args: Record<string, unknown>
  callData: `0x${string}`
}

/**
 * The call the runtime will execute, decoded from exactly the bytes that will be signed, refused (exit 1,
 * CALL_MISMATCH) unless it is the call that was asked for: same pallet, call and arguments, and bytes that decode
 * whole and canonically. What a person confirms is this decoding, not the request it was built from.
 */
export function decodeChecked(view: RuntimeMetadata, call: BuiltCall): DecodedCall {
  const mismatch = (why: string) =>
    failed(
      `the call bytes built for ${call.pallet}.${call.name} ${why} ${view.where}; nothing was signed`,
      'CALL_MISMATCH',
      `call data ${call.callData}`,
    )
  let decoded: DecodedCall
  try {
    decoded = view.decodeCall(call.callData)
  } catch (err) {
    throw mismatch(`do not decode with the runtime's metadata (${(err as Error).message})`)
  }
  if (decoded.pallet !== call.pallet || decoded.name !== call.name) throw mismatch(`decode as ${decoded.pallet}.${decoded.name}`)
  const again = toHex(
    view.codec(view.lookup.call!).enc({ type: decoded.pallet, value: { type: decoded.name, value: argsValue(view, decoded) } }),
  )
  if (again !== call.callData) throw mismatch('hold more than the call, or not in its one encoding')
  for (const [name, wanted] of Object.entries(call.args)) {
    if (!sameValue(wanted, decoded.args[name])) {
      const shown = (v: unknown) => JSON.stringify(toJsonSafe(v))
      throw mismatch(`decode with ${name} = ${shown(decoded.args[name])}, not the ${shown(wanted)} asked for`)
    }
  }
  return decoded
}

/** A call without arguments has no value (polkadot-api encodes `undefined` there, not `{}`). */
const argsValue = (view: RuntimeMetadata, decoded: DecodedCall) =>
  view.call(decoded.pallet, decoded.name)?.args.length ? decoded.args : undefined

/**
 * Equal as the runtime sees them: integers by value whether number or bigint, bytes by content (as bytes or 0x
 * hex), accounts by public key whatever their SS58 prefix, None as undefined or null, and the rest structurally.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null)
  if (isInteger(a) && isInteger(b)) return BigInt(a) === BigInt(b)
  if (isBytes(a) || isBytes(b)) return isBytes(a) && isBytes(b) && bytesHex(a) === bytesHex(b)
  if (typeof a === 'string' && typeof b === 'string') return sameAccount(a, b)
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
  if (typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>
    const rb = b as Record<string, unknown>
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)])
    return [...keys].every((k) => sameValue(ra[k], rb[k]))
  }
  return false
}

const isInteger = (v: unknown): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
const isBytes = (v: unknown): v is Uint8Array | string =>
  v instanceof Uint8Array || (typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v))
const bytesHex = (v: Uint8Array | string): string => (typeof v === 'string' ? v.toLowerCase() : toHex(v))

function sameAccount(a: string, b: string): boolean {
  const da = decodeAddress(a)
  const db = decodeAddress(b)
  return da.ok && db.ok && toHex(da.publicKey) === toHex(db.publicKey)
}
