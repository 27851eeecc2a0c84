import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeAddress, encodeAddress, parseAddress } from './ss58.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const ALICE_PK = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('ss58', () => {
  it('matches the published Alice vectors', () => {
    expect(encodeAddress(Buffer.from(ALICE_PK, 'hex'))).toBe(ALICE)
    expect(encodeAddress(Buffer.from(ALICE_PK, 'hex'), 0)).toBe('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5')
    expect(encodeAddress(Buffer.from(ALICE_PK, 'hex'), 2)).toBe('HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F')
    expect(hex(parseAddress(ALICE))).toBe(ALICE_PK)
  })

  it('refuses another network, bad checksum, bad base58, wrong length with one clear line', () => {
    expect(() => parseAddress('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5')).toThrow(/another network \(ss58 prefix 0/)
    expect(() => parseAddress(ALICE.slice(0, -1) + 'Z')).toThrow(/checksum/)
    expect(() => parseAddress('0OIl')).toThrow(/base58/)
    expect(() => parseAddress('5Grwva')).toThrow(/length/)
  })

  it('round-trips any key and prefix', () =>
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 16383 }).filter((p) => p !== 46 && p !== 47),
        (pk, prefix) => {
          const d = decodeAddress(encodeAddress(pk, prefix))
          return d.ok && d.prefix === prefix && hex(d.publicKey) === hex(pk)
        },
      ),
    ))

  it('rejects every single-character change', () =>
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(47),
        fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'),
        (pk, i, c) => {
          const address = encodeAddress(pk)
          const pos = i % address.length
          fc.pre(address[pos] !== c)
          const mutated = address.slice(0, pos) + c + address.slice(pos + 1)
          const d = decodeAddress(mutated)
          return !(d.ok && hex(d.publicKey) === hex(pk) && d.prefix === 42)
        },
      ),
    ))
})
