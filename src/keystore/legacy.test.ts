import { readFileSync } from 'node:fs'
import { pbkdf2Sync } from 'node:crypto'
import { cbc } from '@noble/ciphers/aes.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { decryptKeyfileData } from './crypto.js'
import { FERNET_SALT, openAnsibleVault, openFernet, parseAnsibleVault, parseFernet, type OpenResult } from './legacy.js'

// Genuine legacy keyfiles, made by ansible's own VaultLib and by `cryptography`'s Fernet with bittensor's
// parameters: see test/interop/fixtures/gen-legacy-vectors.py.
interface Vector {
  password: string
  data: string
  iterations?: number
}
const vectors: { plaintext: string; ansible: Vector[]; fernet: Vector[] } = JSON.parse(
  readFileSync(new URL('../../test/interop/fixtures/legacy-vectors.json', import.meta.url), 'utf8'),
)
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const text = (r: OpenResult): string => (r.ok ? new TextDecoder().decode(r.plaintext) : `not ok: ${r.reason}`)
const quickFernet = vectors.fernet.find((v) => v.iterations !== 10_000_000)!
const realFernet = vectors.fernet.find((v) => v.iterations === 10_000_000)!

describe('ansible-vault', () => {
  it('decrypts genuine 1.1 and 1.2 (vault-id) files, ASCII and non-ASCII passwords', async () => {
    expect(vectors.ansible.map((v) => v.data.split('\n')[0])).toEqual([
      '$ANSIBLE_VAULT;1.1;AES256',
      '$ANSIBLE_VAULT;1.1;AES256',
      '$ANSIBLE_VAULT;1.2;AES256;coldkey',
    ])
    for (const v of vectors.ansible) expect(text(await openAnsibleVault(utf8(v.data), v.password))).toBe(vectors.plaintext)
  })

  it('tolerates CRLF line ends and a missing final newline', async () => {
    const v = vectors.ansible[0]!
    expect(text(await openAnsibleVault(utf8(v.data.trim().replaceAll('\n', '\r\n')), v.password))).toBe(vectors.plaintext)
  })

  it('reports a wrong password or a changed body as an HMAC failure', async () => {
    const v = vectors.ansible[0]!
    expect(await openAnsibleVault(utf8(v.data), v.password + ' ')).toEqual({ ok: false, reason: 'auth' })
    // Flip one hex digit of the ciphertext inside the outer hex layer.
    const [header = '', ...body] = v.data.trim().split('\n')
    const [salt, mac, ct = ''] = Buffer.from(body.join(''), 'hex').toString().split('\n')
    const ct2 = (ct[0] === '0' ? '1' : '0') + ct.slice(1)
    const tampered = header + '\n' + Buffer.from([salt, mac, ct2].join('\n')).toString('hex')
    expect(await openAnsibleVault(utf8(tampered), v.password)).toEqual({ ok: false, reason: 'auth' })
  })

  it('calls structural damage corrupt', async () => {
    const v = vectors.ansible[0]!
    const [header = '', ...body] = v.data.trim().split('\n')
    const cases: [string, RegExp][] = [
      ['$ANSIBLE_VAULT;1.0;AES\n' + body.join('\n'), /unsupported vault version 1.0/],
      ['$ANSIBLE_VAULT;1.1;AES128\n' + body.join('\n'), /unsupported vault cipher/],
      [header + '\n' + body.join('\n').replace(/.$/, 'z'), /not hex/],
      [header + '\n' + body.slice(0, 2).join('\n'), /salt, HMAC and ciphertext|not hex|wrong length/],
      [header + '\n' + Buffer.from('00\n11\n22').toString('hex'), /wrong length/],
      [header, /salt, HMAC and ciphertext/],
    ]
    for (const [data, why] of cases) {
      const r = await openAnsibleVault(utf8(data), v.password)
      expect(r.ok ? 'ok' : r.reason, data.slice(0, 40)).toBe('corrupt')
      if (!r.ok && r.reason === 'corrupt') expect(r.detail).toMatch(why)
    }
    expect(parseAnsibleVault(Uint8Array.from([0xff, 0x00]))).toBe('not UTF-8 text')
  })
})

describe('fernet', () => {
  it('decrypts a genuine token (test-only low iteration count), padding optional', async () => {
    const v = quickFernet
    expect(text(await openFernet(utf8(v.data), v.password, v.iterations))).toBe(vectors.plaintext)
    expect(text(await openFernet(utf8(v.data.replace(/=+$/, '') + '\n'), v.password, v.iterations))).toBe(vectors.plaintext)
    expect(parseFernet(utf8(v.data))).toMatchObject({ iv: expect.any(Uint8Array) })
  })

  it('decrypts a genuine 10 000 000-iteration keyfile through decryptKeyfileData', { timeout: 60_000 }, async () => {
    const out = await decryptKeyfileData(utf8(realFernet.data), realFernet.password)
    expect(new TextDecoder().decode(out)).toBe(vectors.plaintext)
  })

  it('reports a wrong password or a changed token as an HMAC failure', async () => {
    const v = quickFernet
    expect(await openFernet(utf8(v.data), 'wrong', v.iterations)).toEqual({ ok: false, reason: 'auth' })
    const raw = Buffer.from(v.data, 'base64url')
    raw[30]! ^= 1
    expect(await openFernet(utf8(raw.toString('base64url')), v.password, v.iterations)).toEqual({ ok: false, reason: 'auth' })
  })

  it('calls structural damage corrupt', async () => {
    const v = quickFernet
    const raw = Buffer.from(v.data, 'base64url')
    const versionless = Buffer.from(raw)
    versionless[0] = 0x81
    const cases: [string, RegExp][] = [
      [v.data.slice(0, 60), /wrong length/],
      [v.data.replace('gAAAAA', 'gAAAAA!'), /not base64url/],
      [versionless.toString('base64url'), /unknown token version 0x81/],
      [raw.subarray(0, raw.length - 5).toString('base64url'), /wrong length/],
    ]
    for (const [data, why] of cases) {
      const r = await openFernet(utf8(data), v.password, v.iterations)
      expect(r.ok ? 'ok' : r.reason).toBe('corrupt')
      if (!r.ok && r.reason === 'corrupt') expect(r.detail).toMatch(why)
    }
  })

  it('calls bad padding under a valid HMAC corrupt, not a wrong password', async () => {
    // A token a correct Fernet writer never makes: last block decrypts to padding byte 0.
    const key = pbkdf2Sync('pw', FERNET_SALT, 1000, 32, 'sha256')
    const iv = new Uint8Array(16).fill(7)
    const ct = cbc(key.subarray(16), iv, { disablePadding: true }).encrypt(new Uint8Array(16))
    const signed = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(8), iv, ct])
    const token = Buffer.concat([signed, hmac(sha256, key.subarray(0, 16), signed)]).toString('base64url')
    expect(await openFernet(utf8(token), 'pw', 1000)).toMatchObject({ ok: false, reason: 'corrupt' })
  })
})
