import { blake2b } from '@noble/hashes/blake2.js'
import { base58 } from '@scure/base'
import { badInput } from './errors.js'

/** Bittensor (and generic Substrate) addresses use prefix 42. */
export const BITTENSOR_PREFIX = 42

const CONTEXT = new TextEncoder().encode('SS58PRE')

export type Ss58Decoded =
  { ok: true; publicKey: Uint8Array; prefix: number } | { ok: false; reason: 'base58' | 'length' | 'checksum' | 'prefix' }

const checksum = (payload: Uint8Array): Uint8Array => {
  const input = new Uint8Array(CONTEXT.length + payload.length)
  input.set(CONTEXT)
  input.set(payload, CONTEXT.length)
  return blake2b(input, { dkLen: 64 }).subarray(0, 2)
}

function prefixBytes(prefix: number): Uint8Array {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383 || prefix === 46 || prefix === 47)
    throw new RangeError(`invalid ss58 prefix ${prefix}`)
  if (prefix < 64) return Uint8Array.of(prefix)
  // Two-byte form, as Substrate encodes prefixes 64..16383.
  return Uint8Array.of(((prefix & 0b11111100) >> 2) | 0b01000000, (prefix >> 8) | ((prefix & 0b11) << 6))
}

/** The SS58 address of a 32-byte public key. */
export function encodeAddress(publicKey: Uint8Array, prefix = BITTENSOR_PREFIX): string {
  if (publicKey.length !== 32) throw new RangeError(`a public key is 32 bytes, not ${publicKey.length}`)
  const head = prefixBytes(prefix)
  const payload = new Uint8Array(head.length + 32)
  payload.set(head)
  payload.set(publicKey, head.length)
  const out = new Uint8Array(payload.length + 2)
  out.set(payload)
  out.set(checksum(payload), payload.length)
  return base58.encode(out)
}

/** Decode an SS58 address of a 32-byte account; never throws. */
export function decodeAddress(address: string): Ss58Decoded {
  let bytes: Uint8Array
  try {
    bytes = base58.decode(address)
  } catch {
    return { ok: false, reason: 'base58' }
  }
  if (bytes.length < 3) return { ok: false, reason: 'length' }
  const [b0 = 0, b1 = 0] = bytes
  const twoBytePrefix = (b0 & 0b01000000) !== 0
  const headLength = twoBytePrefix ? 2 : 1
  if (bytes.length !== headLength + 32 + 2) return { ok: false, reason: 'length' }
  const payload = bytes.subarray(0, headLength + 32)
  const sum = checksum(payload)
  if (sum[0] !== bytes[headLength + 32] || sum[1] !== bytes[headLength + 33]) return { ok: false, reason: 'checksum' }
  const prefix = twoBytePrefix ? ((b0 & 0b00111111) << 2) | (b1 >> 6) | ((b1 & 0b00111111) << 8) : b0
  return { ok: true, publicKey: payload.slice(headLength), prefix }
}

const REASONS = {
  base58: 'is not base58',
  length: 'has the wrong length for an account address',
  checksum: 'has a bad checksum (a mistyped character?)',
  prefix: 'belongs to another network',
} as const

/** The public key of an address of this network, or bad input (exit 2) saying what is wrong. */
export function parseAddress(address: string, expectedPrefix = BITTENSOR_PREFIX, what = 'address'): Uint8Array {
  const text = address.trim()
  const decoded = decodeAddress(text)
  if (!decoded.ok) throw badInput(`${what} "${text}" ${REASONS[decoded.reason]}`, 'BAD_ADDRESS')
  if (decoded.prefix !== expectedPrefix)
    throw badInput(
      `${what} "${text}" belongs to another network (ss58 prefix ${decoded.prefix}; Bittensor uses ${expectedPrefix})`,
      'BAD_ADDRESS',
    )
  return decoded.publicKey
}
