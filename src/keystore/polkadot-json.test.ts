import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { keypairFromUri } from './keys.js'
import { keypairFromPolkadotJson } from './polkadot-json.js'

const PKCS8_HEADER = [48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32]
const PKCS8_DIVIDER = [161, 35, 3, 33, 0]

// An export built independently with libsodium (PyNaCl): scrypt(N=32768,r=8,p=1) + SecretBox, as polkadot-js v3 does.
const EXPORT = `
import sys, base64, json, os, nacl.pwhash, nacl.secret, nacl.utils
plain = bytes.fromhex(sys.stdin.read().strip())
salt = nacl.utils.random(32)
import hashlib
key = hashlib.scrypt(os.environ["PW"].encode(), salt=salt, n=32768, r=8, p=1, maxmem=64*1024*1024, dklen=32)
box = nacl.secret.SecretBox(key).encrypt(plain)
params = (32768).to_bytes(4, "little") + (1).to_bytes(4, "little") + (8).to_bytes(4, "little")
print(json.dumps({"encoded": base64.b64encode(salt + params + bytes(box)).decode(), "encoding": {"content": ["pkcs8", "sr25519"], "type": ["scrypt", "xsalsa20-poly1305"], "version": "3"}, "address": sys.argv[1], "meta": {"name": "alice"}}))
`

describe('polkadot-js JSON export', () => {
  const alice = keypairFromUri('//Alice')
  const plain = Buffer.from([
    ...PKCS8_HEADER,
    ...alice.secretKey! /* @scure keeps schnorrkel's ed25519 form, as polkadot-js stores it */,
    ...PKCS8_DIVIDER,
    ...alice.publicKey,
  ]).toString('hex')
  const json = execFileSync('/usr/bin/python3', ['-c', EXPORT, alice.ss58], { input: plain, env: { PW: 'export pw' }, encoding: 'utf8' })

  it('restores the key with its password', () => {
    const kp = keypairFromPolkadotJson(json, 'export pw')
    expect(kp.ss58).toBe(alice.ss58)
    expect(Buffer.from(kp.secretKey!).toString('hex')).toBe(Buffer.from(alice.secretKey!).toString('hex'))
  })

  it('a wrong password exits 4; a broken document exits 2', () => {
    const wrong = (() => {
      try {
        keypairFromPolkadotJson(json, 'nope')
      } catch (e) {
        return e as TaoError
      }
    })()
    expect(wrong?.exitCode).toBe(4)
    expect(() => keypairFromPolkadotJson('{"encoded": 1}', 'x')).toThrow(/not a polkadot-js account export/)
    expect(() => keypairFromPolkadotJson('{', 'x')).toThrow(/not valid JSON/)
  })
})
