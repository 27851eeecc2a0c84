import { readFileSync } from 'node:fs'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { TaoError } from '../core/errors.js'

// The real argon2i costs seconds and 512 MiB per call; here a fast stand-in keeps the format logic testable.
// The real KDF is proven against libsodium in argon2.test.ts and test/interop/nacl.test.ts.
const kdf = vi.hoisted(() => ({ calls: 0 }))
vi.mock('./argon2.js', () => ({
  argon2iSensitive: async (password: Uint8Array, salt: Uint8Array) => {
    kdf.calls++
    return sha256(Uint8Array.from([...password, 0, ...salt]))
  },
}))

const { decryptKeyfileData, detectEncoding, encryptKeyfileData, KEYFILE_MIN_BYTES, NACL_SALT, sealNacl, openNacl } =
  await import('./crypto.js')

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const text = (b: Uint8Array): string => new TextDecoder().decode(b)
const vectors = JSON.parse(readFileSync(new URL('../../test/interop/fixtures/legacy-vectors.json', import.meta.url), 'utf8'))

const KEYFILE = JSON.stringify({
  accountId: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  publicKey: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  privateKey: '0x' + '11'.repeat(64),
  secretPhrase: 'bottom drive obey lake curtain smoke basket hold race lonely fit walk',
  secretSeed: '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a',
  ss58Address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
})

async function rejection(p: Promise<unknown>): Promise<TaoError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(TaoError)
  return e as TaoError
}

beforeEach(() => {
  kdf.calls = 0
})

describe('detectEncoding', () => {
  it('recognises the three encrypted formats by their prefix', () => {
    expect(detectEncoding(utf8('$NACL' + 'x'.repeat(60)))).toBe('nacl')
    expect(detectEncoding(utf8(vectors.ansible[0].data))).toBe('ansible-vault')
    expect(detectEncoding(utf8(vectors.fernet[0].data))).toBe('fernet')
  })

  it('recognises btcli keyfile JSON (full, public-only, legacy shapes) as plaintext', () => {
    expect(detectEncoding(utf8(KEYFILE))).toBe('plaintext')
    expect(detectEncoding(utf8(vectors.plaintext + '\n'))).toBe('plaintext')
    const pub = { accountId: '0xd4', publicKey: '0xd4', privateKey: null, secretPhrase: null, secretSeed: null, ss58Address: '5Grw' }
    expect(detectEncoding(utf8(JSON.stringify(pub)))).toBe('plaintext')
    expect(detectEncoding(utf8('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d\n'))).toBe('plaintext')
    expect(detectEncoding(utf8('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'))).toBe('plaintext')
  })

  it('never calls unrecognised data plaintext', () => {
    for (const junk of [
      '',
      '$NAC',
      '{',
      '[]',
      '"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"',
      '{"foo": "bar"}',
      '{"publicKey": 42}',
      '{"secretPhrase": ["a"]}',
      'null',
      '0xd435', // too short for a public key
      'hello world',
      '$ANSIBLE', // truncated header
      'gAAAA',
    ])
      expect(detectEncoding(utf8(junk)), junk).toBe('unknown')
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x7b, 0x7d]))).toBe('unknown')
  })

  it('classifies random bytes as unknown or, by prefix, encrypted, never plaintext', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => detectEncoding(b) !== 'plaintext'))
  })
})

describe('$NACL layout', () => {
  it('matches libsodium secretbox byte for byte (PyNaCl SecretBox(bytes(range(32))).encrypt(msg, nonce))', async () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i)
    const nonce = Uint8Array.from({ length: 24 }, (_, i) => 100 + i)
    const msg = utf8('{"ss58Address": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"}')
    const pynacl =
      '6465666768696a6b6c6d6e6f707172737475767778797a7b6cf0336e0d70cbd434f7b5f3b05e1e72799beaba0f8e8f8dd48f46e744a699381c9f7fd593d02a5ee03938cc68b9ffced256867b1e47dfb3a623202174568f2db1decb704ac5693c4d8e1b4390c7ea351aa931'
    const sealed = await sealNacl(msg, key, nonce)
    expect(text(sealed.subarray(0, 5))).toBe('$NACL')
    expect(Buffer.from(sealed.subarray(5)).toString('hex')).toBe(pynacl)
    const opened = await openNacl(sealed, key)
    expect(opened.ok && text(opened.plaintext)).toBe(text(msg))
  })

  it('encrypts with a fresh random nonce each time and the fixed btcli salt', async () => {
    expect(Buffer.from(NACL_SALT).toString('hex')).toBe('137183dff15a09bc9c90b5518739e9b1')
    const a = await encryptKeyfileData(utf8(KEYFILE), 'pw')
    const b = await encryptKeyfileData(utf8(KEYFILE), 'pw')
    expect(a.length).toBe(5 + 24 + 16 + utf8(KEYFILE).length)
    expect(Buffer.from(a.subarray(5, 29)).equals(Buffer.from(b.subarray(5, 29)))).toBe(false)
    expect(detectEncoding(a)).toBe('nacl')
  })
})

describe('encrypt / decrypt', () => {
  it('round-trips any plaintext under any password', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 20 }), async (plain, pw) => {
        const box = await encryptKeyfileData(plain, pw)
        expect(Buffer.from(await decryptKeyfileData(box, pw)).equals(Buffer.from(plain))).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('rejects a wrong password with exit 4, without echoing the password', async () => {
    const box = await encryptKeyfileData(utf8(KEYFILE), 'right horse')
    const e = await rejection(decryptKeyfileData(box, 'wrong battery', 'the coldkey of wallet "w"'))
    expect(e).toMatchObject({ exitCode: 4, code: 'WRONG_PASSWORD' })
    expect(e.message).toBe('Wrong password for the coldkey of wallet "w", or the keyfile is corrupt')
    expect(`${e.message} ${e.detail ?? ''}`).not.toMatch(/horse|battery/)
  })

  it('cannot tell a damaged box from a wrong password: exit 4 with both causes named', async () => {
    const box = await encryptKeyfileData(utf8(KEYFILE), 'pw')
    for (const i of [5, 30, box.length - 1]) {
      const bad = box.slice()
      bad[i]! ^= 1
      const e = await rejection(decryptKeyfileData(bad, 'pw'))
      expect(e.exitCode).toBe(4)
      expect(e.message).toMatch(/or the keyfile is corrupt/)
    }
  })

  it('calls a file too short for nonce and tag corrupt (exit 2) without running argon2i', async () => {
    const box = await encryptKeyfileData(utf8(KEYFILE), 'pw')
    kdf.calls = 0
    for (const len of [5, 29, 44]) {
      const e = await rejection(decryptKeyfileData(box.subarray(0, len), 'pw'))
      expect(e).toMatchObject({ exitCode: 2, code: 'CORRUPT_KEYFILE' })
      expect(e.message).toMatch(/^the keyfile is damaged: \d+ bytes, too short to hold a nonce and a tag/)
    }
    expect(kdf.calls).toBe(0)
  })

  it('with a keyfile minimum, calls a box too short to hold any keyfile damaged (exit 2) without running argon2i', async () => {
    const box = await encryptKeyfileData(utf8(KEYFILE), 'pw')
    kdf.calls = 0
    const e = await rejection(decryptKeyfileData(box.subarray(0, 100), 'pw', 'the coldkey', { minPlaintext: KEYFILE_MIN_BYTES }))
    expect(e).toMatchObject({ exitCode: 2, code: 'CORRUPT_KEYFILE' })
    expect(e.message).toBe('the coldkey is damaged: 100 bytes, too short to hold any keyfile (truncated?)')
    expect(kdf.calls).toBe(0)
    // The smallest keyfile that can hold a secret still opens.
    const small = utf8('{"secretPhrase":"' + 'abc '.repeat(11) + 'abc"}')
    expect(small.length).toBeGreaterThanOrEqual(KEYFILE_MIN_BYTES)
    const sealed = await encryptKeyfileData(small, 'pw')
    expect(text(await decryptKeyfileData(sealed, 'pw', 'k', { minPlaintext: KEYFILE_MIN_BYTES }))).toBe(text(small))
  })

  it('refuses plaintext and unknown data with exit 2', async () => {
    expect(await rejection(decryptKeyfileData(utf8(KEYFILE), 'pw'))).toMatchObject({ exitCode: 2, code: 'NOT_ENCRYPTED' })
    expect(await rejection(decryptKeyfileData(utf8('???'), 'pw'))).toMatchObject({ exitCode: 2, code: 'CORRUPT_KEYFILE' })
  })

  it('reads genuine ansible-vault keyfiles and maps their failures the same way', async () => {
    const [v] = vectors.ansible
    expect(text(await decryptKeyfileData(utf8(v.data), v.password))).toBe(vectors.plaintext)
    expect(await rejection(decryptKeyfileData(utf8(v.data), 'nope'))).toMatchObject({ exitCode: 4 })
    const cut = v.data.slice(0, 40)
    expect(await rejection(decryptKeyfileData(utf8(cut), v.password))).toMatchObject({ exitCode: 2, code: 'CORRUPT_KEYFILE' })
    expect(kdf.calls).toBe(0)
  })
})
