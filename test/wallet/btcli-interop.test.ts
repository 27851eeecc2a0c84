/**
 * Wallet files written by the libsodium code btcli uses (PyNaCl: argon2i + SecretBox) are read and used by
 * `tao`, and the coldkeys `tao` writes are opened by it — the CLI end to end, with real wallet folders.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'

const PY = '/usr/bin/python3'
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const DEV_ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'
const PASSWORD = 'pässwörd from btcli 7'

// Mirrors btcli's keyfile encryption: "$NACL" + SecretBox(argon2i.kdf(32, pw, salt, SENSITIVE)).encrypt(data).
const NACL = `
import sys, os, nacl.pwhash, nacl.secret
SALT = bytes.fromhex("137183dff15a09bc9c90b5518739e9b1")
def key(pw): return nacl.pwhash.argon2i.kdf(nacl.secret.SecretBox.KEY_SIZE, pw, salt=SALT,
    opslimit=nacl.pwhash.argon2i.OPSLIMIT_SENSITIVE, memlimit=nacl.pwhash.argon2i.MEMLIMIT_SENSITIVE)
pw = os.environ["PW"].encode()
mode, src, dst = sys.argv[1:4]
data = open(src, "rb").read()
if mode == "encrypt":
    open(dst, "wb").write(b"$NACL" + nacl.secret.SecretBox(key(pw)).encrypt(data))
else:
    assert data[:5] == b"$NACL", data[:5]
    open(dst, "wb").write(nacl.secret.SecretBox(key(pw)).decrypt(data[5:]))
`

const python = (mode: 'encrypt' | 'decrypt', src: string, dst: string) =>
  execFileSync(PY, ['-c', NACL, mode, src, dst], { env: { PW: PASSWORD }, stdio: ['ignore', 'ignore', 'pipe'] })

// argon2i (512 MiB) in tao and in python: give a loaded machine room.
describe('btcli wallet files, both ways (PyNaCl)', { timeout: 240_000 }, () => {
  let dir: string
  let wallets: string
  const tao = (args: string[], env: Record<string, string> = {}) =>
    runTao([...args, '--wallet-path', wallets, '--no-prompt'], { env, cwd: dir })

  beforeAll(() => {
    try {
      execFileSync(PY, ['-c', 'import nacl.pwhash, nacl.secret'])
    } catch {
      throw new Error('Debian python3-nacl is missing: apt-get install -y python3-nacl (scripts/test.sh installs it)')
    }
    dir = mkdtempSync(join(tmpdir(), 'tao-btcli-'))
    wallets = join(dir, 'wallets')
    writeFileSync(join(dir, 'words'), DEV_PHRASE)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('uses a coldkey that PyNaCl encrypted', async () => {
    // The plaintext keyfile JSON of the dev phrase, as an unencrypted hotkey.
    const hot = await tao(['wallet', 'regen-hotkey', '-w', 'plain', '-H', 'k', '--mnemonic-file', join(dir, 'words'), '--json'])
    expect(hot.code, hot.stderr).toBe(0)
    const walletDir = join(wallets, 'frombtcli')
    mkdirSync(walletDir, { recursive: true })
    python('encrypt', join(wallets, 'plain', 'hotkeys', 'k'), join(walletDir, 'coldkey'))
    writeFileSync(join(walletDir, 'coldkeypub.txt'), readFileSync(join(wallets, 'plain', 'hotkeys', 'kpub.txt')))
    const signed = await tao(['wallet', 'sign', '-w', 'frombtcli', '--message', 'from btcli', '--json'], { TAO_PASSWORD: PASSWORD })
    expect(signed.code, signed.stderr).toBe(0)
    expect(signed.json.ss58).toBe(DEV_ROOT)
    const list = await tao(['wallet', 'list', '--json'])
    expect(list.json.wallets.find((w: any) => w.name === 'frombtcli').coldkey).toMatchObject({ ss58: DEV_ROOT, encrypted: true })
  })

  it('writes a coldkey PyNaCl decrypts to the same keyfile JSON', async () => {
    const r = await tao(['wallet', 'regen-coldkey', '-w', 'fromtao', '--mnemonic-file', join(dir, 'words'), '--json'], {
      TAO_PASSWORD: PASSWORD,
    })
    expect(r.code, r.stderr).toBe(0)
    const out = join(dir, 'decrypted.json')
    python('decrypt', join(wallets, 'fromtao', 'coldkey'), out)
    const decrypted = JSON.parse(readFileSync(out, 'utf8'))
    const plain = JSON.parse(readFileSync(join(wallets, 'plain', 'hotkeys', 'k'), 'utf8'))
    expect(decrypted).toEqual(plain)
    expect(decrypted.ss58Address).toBe(DEV_ROOT)
    expect(decrypted.secretPhrase).toBe(DEV_PHRASE)
  })

  it("leaves nothing where btcli looks: wallets are the root's folders, hotkeys every file in hotkeys/", () => {
    // btcli lists each sub-folder of the wallets root as a wallet, and each file in <wallet>/hotkeys/ as a hotkey.
    expect(
      readdirSync(wallets, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort(),
    ).toEqual(['frombtcli', 'fromtao', 'plain'])
    expect(readdirSync(join(wallets, 'plain', 'hotkeys')).sort()).toEqual(['k', 'kpub.txt'])
    // tao's own bookkeeping is one hidden folder inside the wallet folder, which btcli never reads.
    expect(readdirSync(join(wallets, 'fromtao')).sort()).toEqual(['.tao', 'coldkey', 'coldkeypub.txt'])
  })
})
