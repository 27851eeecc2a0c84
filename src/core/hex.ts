import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { badInput } from './errors.js'

/** `0x`-prefixed lower-case hex of some bytes. */
export const toHex = (bytes: Uint8Array): `0x${string}` => `0x${bytesToHex(bytes)}`

/** Strict hex (optional 0x, even length, hex digits only), and the expected byte length if given; `what` names the input in errors. */
export function fromHex(text: string, what = 'hex input', length?: number): Uint8Array {
  const s = text.trim().replace(/^0x/i, '')
  if (!/^[0-9a-fA-F]*$/.test(s) || s.length % 2 !== 0) throw badInput(`${what} is not hex`, 'BAD_HEX')
  const bytes = hexToBytes(s)
  if (length !== undefined && bytes.length !== length) throw badInput(`${what} must be ${length} bytes, not ${bytes.length}`, 'BAD_HEX')
  return bytes
}
