import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import {
  DEV_PHRASE,
  generateMnemonic,
  keypairFromMnemonic,
  keypairFromSeed,
  keypairFromUri,
  miniSecretFromMnemonic,
  sign,
  validateMnemonic,
  verify,
  verifyMessage,
} from './keys.js'

const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex')

describe('keys', () => {
  it('derives the Substrate dev vectors', () => {
    expect(hex(miniSecretFromMnemonic(DEV_PHRASE))).toBe('0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e')
    expect(keypairFromMnemonic(DEV_PHRASE).ss58).toBe('5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV')
    expect(keypairFromUri('//Alice').ss58).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')
    expect(keypairFromUri('//Bob').ss58).toBe('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty')
    expect(keypairFromUri(DEV_PHRASE + '//Alice').ss58).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')
    expect(keypairFromUri('//Alice//stash').ss58).toBe('5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY')
  })

  it("derives bittensor-wallet's own HDKD vectors (hard and soft)", () => {
    const m = 'old leopard transfer rib spatial phone calm indicate online fire caution review'
    expect(keypairFromUri(m + '//Alice').ss58).toBe('5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN')
    expect(keypairFromUri(m + '/Alice').ss58).toBe('5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i')
  })

  it('the seed route equals the mnemonic route', () => {
    const a = keypairFromMnemonic(DEV_PHRASE)
    const b = keypairFromSeed(miniSecretFromMnemonic(DEV_PHRASE))
    expect(hex(b.secretKey!)).toBe(hex(a.secretKey!))
  })

  it('generates valid mnemonics of every length', () => {
    for (const n of [12, 15, 18, 21, 24] as const) {
      const m = generateMnemonic(n)
      expect(m.split(' ')).toHaveLength(n)
      expect(() => validateMnemonic(m)).not.toThrow()
    }
  })

  it.each([
    ['bottom drive obey lake curtain smoke basket hold race lonely fit', /11 words/],
    ['bottom drive obey lake curtain smoke basket hold race lonely fit fit', /checksum/],
    ['bottom drive obey lake curtain smoke basket hold race lonely fit qqqq', /word 12/],
  ])('refuses %j', (phrase, re) => {
    expect(() => validateMnemonic(phrase)).toThrow(TaoError)
    expect(() => validateMnemonic(phrase)).toThrow(re)
  })

  it('signs and verifies, raw and <Bytes>-wrapped', () => {
    const k = keypairFromUri('//Alice')
    const msg = new TextEncoder().encode('hello')
    const sig = sign(k, msg)
    expect(verify(msg, sig, k.publicKey)).toBe(true)
    expect(verifyMessage('hello', sig, k.publicKey)).toBe(true)
    expect(verifyMessage('hellO', sig, k.publicKey)).toBe(false)
    const wrapped = sign(k, new TextEncoder().encode('<Bytes>hello</Bytes>'))
    expect(verifyMessage('hello', wrapped, k.publicKey)).toBe(true)
  })
})
