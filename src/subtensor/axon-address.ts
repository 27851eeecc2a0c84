/**
 * An axon's address as `serve_axon` takes it: the IP as a u128 with its type (4 or 6), and the runtime's own
 * rules for what it accepts (Subtensor's `is_valid_ip_address` / `validate_axon_data`), so a bad address is
 * refused before anything is signed. Pure.
 */
import { badInput } from '../core/errors.js'

export interface AxonAddress {
  ip: bigint
  ipType: 4 | 6
}

const U32_MAX = 0xffff_ffffn
const U128_MAX = (1n << 128n) - 1n
const LOCALHOST_V4 = 0x7f00_0001n

/**
 * The runtime refuses a zero IP before spec 273 (its `is_valid_ip_address` gained `allow_zero` for serve_axon
 * then): on older runtimes an axon cannot be reset to 0.0.0.0.
 */
export const ZERO_IP_FROM_SPEC = 273

const octets = (text: string): bigint | undefined => {
  const parts = text.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n)
}

function ipv6(text: string): bigint | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (part: string): bigint[] | undefined => {
    if (part === '') return []
    const out: bigint[] = []
    const pieces = part.split(':')
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!
      // An IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = octets(p)
        if (v4 === undefined) return undefined
        out.push(v4 >> 16n, v4 & 0xffffn)
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(BigInt(`0x${p}`))
      else return undefined
    }
    return out
  }
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  return [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n)
}

/** An IPv4 (dotted) or IPv6 (RFC 4291 text, `[…]` allowed) address; anything else is bad input (exit 2). */
export function parseIp(text: string): AxonAddress {
  const t = text.trim().replace(/^\[(.*)\]$/, '$1')
  const v4 = t.includes(':') ? undefined : octets(t)
  if (v4 !== undefined) return { ip: v4, ipType: 4 }
  const v6 = t.includes(':') ? ipv6(t) : undefined
  if (v6 !== undefined) return { ip: v6, ipType: 6 }
  throw badInput(`--ip must be an IPv4 (1.2.3.4) or IPv6 (2001:db8::1) address, not "${text}"`, 'BAD_IP')
}

/**
 * Why the runtime would refuse this address (InvalidIpAddress), or undefined when it accepts it. `zeroAllowed`:
 * the runtime accepts 0.0.0.0 / :: (spec ≥ ZERO_IP_FROM_SPEC).
 */
export function addressRefusal(a: AxonAddress, zeroAllowed: boolean): string | undefined {
  if (a.ip === 0n && !zeroAllowed) return 'the zero address'
  if (a.ipType === 4) {
    if (a.ip >= U32_MAX) return '255.255.255.255'
    if (a.ip === LOCALHOST_V4) return 'localhost (127.0.0.1)'
  } else {
    if (a.ip === U128_MAX) return 'the all-ones IPv6 address'
    if (a.ip === 1n) return 'localhost (::1)'
  }
  return undefined
}

/** Refuse (exit 2) an address the runtime refuses, naming why. */
export function requireServable(a: AxonAddress, text: string, zeroAllowed: boolean): void {
  const why = addressRefusal(a, zeroAllowed)
  if (why) throw badInput(`the runtime refuses ${why} as an axon address (InvalidIpAddress): --ip ${text}`, 'BAD_IP')
}
