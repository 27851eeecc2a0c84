// $NACL keyfiles against libsodium itself, through Debian's PyNaCl (the binding btcli's Python side used;
// btcli's Rust side calls the same libsodium functions through sodiumoxide). Proves both directions and
// that every argon2 backend derives libsodium's key. Each argon2i call costs seconds and 512 MiB, so the
// number of derivations is kept small. Passwords go to python on stdin, never in argv.
import { spawnSync } from 'node:child_process'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { argon2Backend, argon2iSensitive, resetArgon2Backend, type Argon2BackendName } from '../../src/keystore/argon2.js'
import { decryptKeyfileData, encryptKeyfileData, NACL_SALT } from '../../src/keystore/crypto.js'
import { TaoError } from '../../src/core/errors.js'

const PYTHON = '/usr/bin/python3'
const PY = String.raw`
import json, sys
import nacl.pwhash, nacl.secret, nacl.utils
SALT = bytes.fromhex('137183dff15a09bc9c90b5518739e9b1')
def kdf(pw):
    a = nacl.pwhash.argon2i
    return a.kdf(nacl.secret.SecretBox.KEY_SIZE, pw.encode(), SALT, opslimit=a.OPSLIMIT_SENSITIVE, memlimit=a.MEMLIMIT_SENSITIVE)
req = json.load(sys.stdin)
op = req['op']
if op == 'kdf':
    out = [kdf(pw).hex() for pw in req['passwords']]
elif op == 'seal':
    box = nacl.secret.SecretBox(kdf(req['password']))
    out = (b'$NACL' + box.encrypt(req['plaintext'].encode(), nacl.utils.random(24))).hex()
elif op == 'open':
    data = bytes.fromhex(req['data'])
    assert data[:5] == b'$NACL'
    out = nacl.secret.SecretBox(kdf(req['password'])).decrypt(data[5:]).decode()
json.dump(out, sys.stdout)
`

function py<T>(request: object): T {
  const r = spawnSync(PYTHON, ['-c', PY], { input: JSON.stringify(request), encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const ASCII_PW = 'interop-test-pw 123'
const UNICODE_PW = 'pässwörd ⚡ 密码 🔑'
const KEYFILE = {
  accountId: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  publicKey: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  privateKey: '0x' + '5a'.repeat(64),
  secretPhrase: 'bottom drive obey lake curtain smoke basket hold race lonely fit walk',
  secretSeed: '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a',
  ss58Address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
}

/** libsodium's keys for the two passwords, derived once for the whole file. */
let libsodiumKeys: Record<string, string>

beforeAll(() => {
  const probe = spawnSync(PYTHON, ['-c', 'import nacl.pwhash, nacl.secret'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0)
    throw new Error(
      `PyNaCl is missing: this test needs ${PYTHON} with PyNaCl (run: apt-get update && apt-get install -y python3-nacl). ` +
        (probe.error?.message ?? probe.stderr),
    )
  const [a, u] = py<[string, string]>({ op: 'kdf', passwords: [ASCII_PW, UNICODE_PW] })
  libsodiumKeys = { [ASCII_PW]: a, [UNICODE_PW]: u }
}, 120_000)

afterEach(() => {
  vi.unstubAllEnvs()
  resetArgon2Backend()
})

describe('$NACL keyfiles interoperate with libsodium (PyNaCl)', () => {
  it('(a) reads a keyfile PyNaCl wrote, and rejects it under a wrong password', { timeout: 120_000 }, async () => {
    const file = Buffer.from(py<string>({ op: 'seal', password: ASCII_PW, plaintext: JSON.stringify(KEYFILE) }), 'hex')
    const plain = await decryptKeyfileData(file, ASCII_PW)
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual(KEYFILE)
    const e = await decryptKeyfileData(file, ASCII_PW + '!').catch((err: unknown) => err)
    expect(e).toBeInstanceOf(TaoError)
    expect((e as TaoError).exitCode).toBe(4)
  })

  it('(b) writes a keyfile PyNaCl reads', { timeout: 120_000 }, async () => {
    const file = await encryptKeyfileData(utf8(JSON.stringify(KEYFILE)), UNICODE_PW)
    expect(new TextDecoder().decode(file.subarray(0, 5))).toBe('$NACL')
    const plain = py<string>({ op: 'open', password: UNICODE_PW, data: hex(file) })
    expect(JSON.parse(plain)).toEqual(KEYFILE)
  })
})

describe('(c) every argon2 backend derives libsodium’s key', () => {
  const cases: [Argon2BackendName, string[]][] = [
    ['sodium', [ASCII_PW, UNICODE_PW]],
    ['wasm', [ASCII_PW, UNICODE_PW]],
    // ~45 s per derivation on 2 cores: one (non-ASCII) password is enough to pin the pure-JS fallback.
    ['js', [UNICODE_PW]],
  ]
  for (const [backend, passwords] of cases)
    it(`${backend}`, { timeout: 300_000 }, async () => {
      vi.stubEnv('TAO_ARGON2_BACKEND', backend)
      resetArgon2Backend()
      for (const pw of passwords) expect(hex(await argon2iSensitive(utf8(pw), NACL_SALT)), pw).toBe(libsodiumKeys[pw])
      expect(argon2Backend()).toBe(backend)
    })
})
