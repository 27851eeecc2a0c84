import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { badInput } from '../errors.js'

export const toHex = (bytes: Uint8Array): string => '0x' + bytesToHex(bytes)

/** Strict hex: optional 0x, even length, hex digits only, and the expected byte length if given. */
export function fromHex(text: string, what: string, length?: number): Uint8Array {
  const s = text.trim().replace(/^0x/i, '')
  if (!/^[0-9a-fA-F]*$/.test(s) || s.length % 2 !== 0) throw badInput(`${what} is not hex`, 'BAD_HEX')
  const bytes = hexToBytes(s)
  if (length !== undefined && bytes.length !== length) throw badInput(`${what} must be ${length} bytes, not ${bytes.length}`, 'BAD_HEX')
  return bytes
}
