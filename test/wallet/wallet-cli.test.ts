import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const DEV_ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'
const PASSWORD = 'correct horse battery staple 9!'

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const mode = (path: string) => statSync(path).mode & 0o777

// Each encrypted key costs seconds of argon2i (512 MiB): give a loaded machine room.
describe('wallet commands, run as a user would', { timeout: 240_000 }, () => {
  let dir: string
  let wallets: string
  const tao = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
    runTao([...args, '--wallet-path', wallets], { ...opts, cwd: dir })
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tao-wallet-'))
    wallets = join(dir, 'wallets')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('create writes btcli-layout files: an encrypted coldkey, a plain hotkey, 0600 files in 0700 folders', async () => {
    const r = await tao(['wallet', 'create', '-w', 'alice', '-H', 'h1', '--no-prompt', '--json'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.coldkey.ss58).toMatch(/^5/)
    expect(r.json.coldkey.encrypted).toBe(true)
    expect(r.json.hotkey.encrypted).toBe(false)
    expect(r.json.coldkey.mnemonic.split(' ')).toHaveLength(12)
    const w = join(wallets, 'alice')
    expect(readFileSync(join(w, 'coldkey')).subarray(0, 5).toString()).toBe('$NACL')
    expect(JSON.parse(readFileSync(join(w, 'coldkeypub.txt'), 'utf8')).ss58Address).toBe(r.json.coldkey.ss58)
    const hot = JSON.parse(readFileSync(join(w, 'hotkeys', 'h1'), 'utf8'))
    expect(Object.keys(hot).sort()).toEqual(['accountId', 'privateKey', 'publicKey', 'secretPhrase', 'secretSeed', 'ss58Address'])
    expect(hot.ss58Address).toBe(r.json.hotkey.ss58)
    expect(existsSync(join(w, 'hotkeys', 'h1pub.txt'))).toBe(true)
    expect(mode(join(w, 'coldkey'))).toBe(0o600)
    expect(mode(join(w, 'hotkeys', 'h1'))).toBe(0o600)
    expect(mode(w)).toBe(0o700)
    // The mnemonic is never on stderr or in a log when it was asked for as JSON.
    expect(r.stderr).not.toContain(r.json.coldkey.mnemonic)
  })

  it('without --json, shows the mnemonic once on stderr and keeps stdout to the addresses', async () => {
    const r = await tao(['wallet', 'new-hotkey', '-w', 'alice', '-H', 'h2', '--words', '24', '--no-prompt'])
    expect(r.code, r.stderr).toBe(0)
    const words = /Mnemonic[^\n]*\n\n\s+([a-z ]+)\n/.exec(r.stderr)?.[1]
    expect(words?.split(' ')).toHaveLength(24)
    expect(r.stdout).not.toContain(words!)
  })

  it('never overwrites a key without consent, and leaves it untouched', async () => {
    const cold = join(wallets, 'alice', 'coldkey')
    const before = sha(cold)
    const r = await tao(['wallet', 'new-coldkey', '-w', 'alice', '--no-prompt'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/already exists.*--overwrite/)
    expect(sha(cold)).toBe(before)
  })

  it('regen-coldkey from a mnemonic file gives the known address; from stdin too', async () => {
    const words = file('words.txt', DEV_PHRASE + '\n')
    const r = await tao(['wallet', 'regen-coldkey', '-w', 'dev', '--mnemonic-file', words, '--no-prompt', '--json'], {
      env: { TAO_PASSWORD: PASSWORD },
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.ss58).toBe(DEV_ROOT)
    const s = await tao(['wallet', 'regen-hotkey', '-w', 'dev', '-H', 'root', '--mnemonic-file', '-', '--no-prompt', '--json'], {
      input: DEV_PHRASE,
    })
    expect(s.code, s.stderr).toBe(0)
    expect(s.json.ss58).toBe(DEV_ROOT)
  })

  it('regen from a 32-byte seed file', async () => {
    const seed = file('seed.txt', '0x' + 'ab'.repeat(32))
    const r = await tao(['wallet', 'regen-hotkey', '-w', 'dev', '-H', 'seeded', '--seed-file', seed, '--no-prompt', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.ss58).toMatch(/^5/)
  })

  it.each([
    ['a bad checksum', 'bottom drive obey lake curtain smoke basket hold race lonely fit fit', /checksum/i],
    ['a wrong word count', 'bottom drive obey lake curtain smoke basket hold race lonely fit', /words?/i],
    ['an unknown word', 'bottom drive obey lake curtain smoke basket hold race lonely fit zzzz', /word/i],
  ])('refuses a mnemonic with %s (exit 2, one line, no secret echoed)', async (_, phrase, re) => {
    const r = await tao(['wallet', 'regen-coldkey', '-w', 'bad', '--mnemonic-file', '-', '--no-prompt'], {
      input: phrase,
      env: { TAO_PASSWORD: PASSWORD },
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(re)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toContain('curtain')
    expect(existsSync(join(wallets, 'bad', 'coldkey'))).toBe(false)
  })

  it('refuses a non-hex or short seed (exit 2)', async () => {
    for (const text of ['0xnothex', '0x1234']) {
      const r = await tao(['wallet', 'regen-hotkey', '-w', 'bad', '--seed-file', '-', '--no-prompt'], { input: text })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/seed/)
    }
  })

  it('lists wallets as JSON, including watch-only and broken ones', async () => {
    const watch = await tao(['wallet', 'regen-coldkeypub', '-w', 'watch', '--ss58', DEV_ROOT, '--json'])
    expect(watch.code, watch.stderr).toBe(0)
    mkdirSync(join(wallets, 'broken', 'hotkeys'), { recursive: true })
    writeFileSync(join(wallets, 'broken', 'coldkeypub.txt'), '{"ss58Address": "5Gar')
    writeFileSync(join(wallets, 'broken', 'hotkeys', 'x'), 'garbage')
    const r = await tao(['wallet', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const byName = Object.fromEntries(r.json.wallets.map((w: any) => [w.name, w]))
    expect(byName.alice.coldkey.encrypted).toBe(true)
    expect(byName.alice.hotkeys.map((h: any) => h.name)).toEqual(['h1', 'h2'])
    expect(byName.watch.coldkey).toMatchObject({ ss58: DEV_ROOT, encrypted: null, watchOnly: true, error: null })
    expect(byName.broken.coldkey.ss58).toBeNull()
    expect(byName.broken.coldkey.error).toMatch(/coldkeypub.txt is damaged/)
    expect(byName.broken.hotkeys[0]).toMatchObject({ name: 'x', ss58: null, error: expect.stringMatching(/not a keyfile/) })
    const human = await tao(['wallet', 'list'])
    expect(human.stdout).toContain('alice')
    expect(human.stdout).toContain(DEV_ROOT)
  })

  it('signs with the coldkey and verifies; a tampered message is not valid (exit 1)', async () => {
    const signed = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'hello tao', '--no-prompt', '--json'], {
      env: { TAO_PASSWORD: PASSWORD },
    })
    expect(signed.code, signed.stderr).toBe(0)
    expect(signed.json.ss58).toBe(DEV_ROOT)
    expect(signed.json.signature).toMatch(/^0x[0-9a-f]{128}$/)
    const ok = await runTao([
      'wallet',
      'verify',
      '--message',
      'hello tao',
      '--signature',
      signed.json.signature,
      '--address',
      DEV_ROOT,
      '--json',
    ])
    expect(ok.json).toEqual({ valid: true })
    const bad = await runTao([
      'wallet',
      'verify',
      '--message',
      'hello tai',
      '--signature',
      signed.json.signature,
      '--address',
      DEV_ROOT,
      '--json',
    ])
    expect(bad.code).toBe(1)
    expect(bad.json).toEqual({ valid: false })
  })

  it('signs with a hotkey without a password', async () => {
    const r = await tao(['wallet', 'sign', '-w', 'dev', '-H', 'root', '--use-hotkey', '--message', 'm', '--no-prompt', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.ss58).toBe(DEV_ROOT)
  })

  it('an address with a bad checksum is bad input (exit 2)', async () => {
    const broken = DEV_ROOT.slice(0, -1) + (DEV_ROOT.endsWith('V') ? 'W' : 'V')
    const r = await runTao(['wallet', 'verify', '--message', 'm', '--signature', '0x' + '00'.repeat(64), '--address', broken])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/checksum/i)
  })

  it('a wrong password exits 4 and leaves the file untouched', async () => {
    const cold = join(wallets, 'dev', 'coldkey')
    const before = sha(cold)
    const r = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--no-prompt', '--json'], { env: { TAO_PASSWORD: 'wrong' } })
    expect(r.code).toBe(4)
    expect(r.json.error.exitCode).toBe(4)
    expect(r.stderr).toMatch(/wrong password/i)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(sha(cold)).toBe(before)
  })

  it('a missing password with --no-prompt exits 2 and says how to give it', async () => {
    const r = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--no-prompt'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--password-file|TAO_PASSWORD/)
  })

  it('reads the password from a file or stdin', async () => {
    const pw = file('pw.txt', PASSWORD + '\n')
    const r = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--password-file', pw, '--no-prompt', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--password-file', '-', '--no-prompt', '--json'], {
      input: PASSWORD,
    })
    expect(s.code, s.stderr).toBe(0)
  })

  it('a corrupted or truncated keyfile is reported, not misread (exit 2)', async () => {
    const src = readFileSync(join(wallets, 'dev', 'coldkey'))
    mkdirSync(join(wallets, 'trunc'), { recursive: true })
    writeFileSync(join(wallets, 'trunc', 'coldkey'), src.subarray(0, 20))
    const t = await tao(['wallet', 'sign', '-w', 'trunc', '--message', 'm', '--no-prompt'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(t.code).toBe(2)
    expect(t.stderr).toMatch(/corrupt|truncated/i)
    mkdirSync(join(wallets, 'junk'), { recursive: true })
    writeFileSync(join(wallets, 'junk', 'coldkey'), Buffer.from([1, 2, 3, 4, 5, 6, 7]))
    const j = await tao(['wallet', 'sign', '-w', 'junk', '--message', 'm', '--no-prompt'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(j.code).toBe(2)
    expect(j.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('an unknown wallet exits 2', async () => {
    const r = await tao(['wallet', 'sign', '-w', 'nobody', '--message', 'm', '--no-prompt'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not found/)
    const i = await tao(['wallet', 'inspect', '-w', 'nobody', '--json'])
    expect(i.code).toBe(2)
  })

  it('inspect shows public keys, and secrets only with --show-secret and the password', async () => {
    const pub = await tao(['wallet', 'inspect', '-w', 'dev', '--json'])
    expect(pub.code, pub.stderr).toBe(0)
    expect(pub.json.secrets).toBeNull()
    expect(pub.json.wallet).toBe('dev')
    expect(pub.json.coldkey.ss58).toBe(DEV_ROOT)
    const sec = await tao(['wallet', 'inspect', '-w', 'dev', '--show-secret', '--no-prompt', '--json'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(sec.code, sec.stderr).toBe(0)
    expect(sec.json.secrets.secretPhrase).toBe(DEV_PHRASE)
  })

  it('change-password re-encrypts in place: the new password works, the old does not', async () => {
    const r = await tao(['wallet', 'change-password', '-w', 'dev', '--no-prompt', '--json'], {
      env: { TAO_PASSWORD: PASSWORD, TAO_NEW_PASSWORD: 'another Secret 42' },
    })
    expect(r.code, r.stderr).toBe(0)
    expect(mode(join(wallets, 'dev', 'coldkey'))).toBe(0o600)
    const oldPw = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--no-prompt'], { env: { TAO_PASSWORD: PASSWORD } })
    expect(oldPw.code).toBe(4)
    const newPw = await tao(['wallet', 'sign', '-w', 'dev', '--message', 'm', '--no-prompt', '--json'], {
      env: { TAO_PASSWORD: 'another Secret 42' },
    })
    expect(newPw.code, newPw.stderr).toBe(0)
    expect(newPw.json.ss58).toBe(DEV_ROOT)
  })

  it('a watch-only wallet cannot sign (exit 4) but lists its address', async () => {
    const r = await tao(['wallet', 'sign', '-w', 'watch', '--message', 'm', '--no-prompt'])
    expect(r.code).toBe(2) // no coldkey file at all
    expect(r.stderr).toMatch(/not found/)
  })

  it('bad usage exits 2 with one line', async () => {
    const r = await tao(['wallet', 'create', '--words', '13', '--no-prompt'])
    expect(r.code).toBe(2)
    const u = await tao(['wallet', 'create', '--bogus'])
    expect(u.code).toBe(2)
  })
})
