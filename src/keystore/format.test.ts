import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { keypairFromMnemonic, keypairFromSeed, DEV_PHRASE } from './keys.js'
import { parseKeyfile, serializePublicKeyfile } from './format.js'
import { keypairFromKeyfile, serializeKeyfile } from './keyfile-keys.js'

const enc = (s: string) => new TextEncoder().encode(s)
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex')

describe('keyfile format', () => {
  it('writes btcli fields, hex with 0x', () => {
    const kp = keypairFromMnemonic(DEV_PHRASE)
    const obj = JSON.parse(new TextDecoder().decode(serializeKeyfile(kp)))
    expect(Object.keys(obj)).toEqual(['accountId', 'publicKey', 'privateKey', 'secretPhrase', 'secretSeed', 'ss58Address'])
    expect(obj.secretSeed).toBe('0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e')
    expect(obj.publicKey).toBe('0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a')
    expect(obj.privateKey).toMatch(/^0x[0-9a-f]{128}$/)
    const pub = JSON.parse(new TextDecoder().decode(serializePublicKeyfile(kp.publicKey)))
    expect(pub).toEqual({ accountId: obj.publicKey, publicKey: obj.publicKey, ss58Address: kp.ss58 })
  })

  it('reads btcli variants: missing fields, nulls, private key only, bare ss58, bare seed', async () => {
    const kp = keypairFromMnemonic(DEV_PHRASE)
    const privOnly = JSON.stringify({
      privateKey: JSON.parse(new TextDecoder().decode(serializeKeyfile(kp))).privateKey,
      ss58Address: kp.ss58,
    })
    expect(keypairFromKeyfile(await parseKeyfile(enc(privOnly))).ss58).toBe(kp.ss58)
    const nulls = JSON.stringify({
      accountId: hex(kp.publicKey),
      publicKey: hex(kp.publicKey),
      privateKey: null,
      secretPhrase: null,
      secretSeed: hex(kp.miniSecret!),
      ss58Address: kp.ss58,
    })
    expect(keypairFromKeyfile(await parseKeyfile(enc(nulls))).ss58).toBe(kp.ss58)
    expect((await parseKeyfile(enc(kp.ss58 + '\n'))).ss58).toBe(kp.ss58)
    expect((await parseKeyfile(enc(hex(kp.miniSecret!)))).ss58).toBe(kp.ss58)
  })

  it('reads a private key exactly as btcli does (bittensor-wallet test vector)', async () => {
    const data = await parseKeyfile(
      enc(
        JSON.stringify({
          privateKey:
            '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
        }),
      ),
    )
    expect(hex(data.publicKey)).toBe('0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446')
    // and writes it back in the same form
    const kp = keypairFromKeyfile(data)
    expect(JSON.parse(new TextDecoder().decode(serializeKeyfile(kp))).privateKey).toBe(
      '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
    )
  })

  it('refuses a secret that does not match its public key', async () => {
    const a = keypairFromSeed(new Uint8Array(32).fill(1))
    const b = keypairFromSeed(new Uint8Array(32).fill(2))
    const mixed = JSON.stringify({ publicKey: hex(a.publicKey), secretSeed: hex(b.miniSecret!) })
    const data = await parseKeyfile(enc(mixed))
    expect(() => keypairFromKeyfile(data)).toThrow(/does not belong/)
  })

  it('round-trips any seed', () =>
    fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        const kp = keypairFromSeed(seed)
        const back = keypairFromKeyfile(await parseKeyfile(serializeKeyfile(kp)))
        return back.ss58 === kp.ss58 && hex(back.secretKey!) === hex(kp.secretKey!)
      }),
      { numRuns: 30 },
    ))

  it('never silently accepts truncations or random bytes as a key', async () => {
    const full = serializeKeyfile(keypairFromSeed(new Uint8Array(32).fill(7)))
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (n) => {
        try {
          await parseKeyfile(full.subarray(0, n))
          return false
        } catch (e) {
          return e instanceof TaoError && e.exitCode === 2
        }
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          await parseKeyfile(bytes)
          return false // random bytes forming a valid address or seed are astronomically unlikely
        } catch (e) {
          return e instanceof TaoError
        }
      }),
    )
  })
})
