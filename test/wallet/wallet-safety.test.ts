/**
 * A wallet is always whole and consistent, and every wallet error is one clear line:
 * parallel runs, interrupted writes, names the file system cannot hold, broken and foreign files, full or
 * read-only disks — driven through the built CLI, the way a user or a script runs it.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot, runTao, taoBin, type TaoResult } from '../helpers/cli.js'
import { bundleForChild } from '../helpers/bundle.js'
import { assertJsonContract } from '../helpers/json-contract.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const DEV_ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'
const OTHER_PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const PASSWORD = 'correct horse battery staple 9!'
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'))
/** The address a plaintext keyfile or a pub file names. */
const addressIn = (path: string): string => json(path).ss58Address

describe('wallet safety, run as a user would', { timeout: 240_000 }, () => {
  let dir: string
  let wallets: string
  const tao = (args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}) =>
    runTao([...args, '--wallet-path', wallets], { ...opts, cwd: dir })
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const oneLine = (r: TaoResult) => expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tao-safety-'))
    wallets = join(dir, 'wallets')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  describe('one writer at a time', () => {
    it('two parallel creates of one wallet: exactly one wins, the loser exits non-zero and changes nothing (40 rounds)', async () => {
      for (let round = 0; round < 40; round++) {
        const name = `dup${round}`
        const args = ['wallet', 'create', '-w', name, '-H', 'h', '--no-password', '--no-prompt', '--json']
        const [a, b] = await Promise.all([tao(args), tao(args)])
        const winners = [a, b].filter((r) => r.code === 0)
        expect(winners, `round ${round}: ${a.stderr} | ${b.stderr}`).toHaveLength(1)
        const loser = a.code === 0 ? b : a
        expect(loser.code, loser.stderr).toBe(2)
        expect(loser.json.error.code).toBe('KEY_EXISTS')
        const won = winners[0]!.json
        const w = join(wallets, name)
        // What is on disk is the winner's wallet, whole: both keys and both pub files agree.
        expect(json(join(w, 'coldkey')).secretPhrase).toBe(won.coldkey.mnemonic)
        expect(addressIn(join(w, 'coldkey'))).toBe(won.coldkey.ss58)
        expect(addressIn(join(w, 'coldkeypub.txt'))).toBe(won.coldkey.ss58)
        expect(json(join(w, 'hotkeys', 'h')).secretPhrase).toBe(won.hotkey.mnemonic)
        expect(addressIn(join(w, 'hotkeys', 'hpub.txt'))).toBe(won.hotkey.ss58)
        // Nothing of tao's bookkeeping lands where btcli looks for hotkeys.
        expect(readdirSync(join(w, 'hotkeys')).sort()).toEqual(['h', 'hpub.txt'])
      }
    }, 600_000)

    it('parallel regen-coldkey --overwrite never leaves key and pub from different keys (40 rounds)', async () => {
      const one = file('one.txt', DEV_PHRASE)
      const two = file('two.txt', OTHER_PHRASE)
      for (let round = 0; round < 40; round++) {
        const regen = (words: string) =>
          tao(['wallet', 'regen-coldkey', '-w', 'race', '--mnemonic-file', words, '--no-password', '--overwrite', '--no-prompt', '--json'])
        const [a, b] = await Promise.all([regen(one), regen(two)])
        expect(a.code, a.stderr).toBe(0)
        expect(b.code, b.stderr).toBe(0)
        const w = join(wallets, 'race')
        expect(addressIn(join(w, 'coldkeypub.txt')), `round ${round}`).toBe(addressIn(join(w, 'coldkey')))
      }
    }, 600_000)

    it('a held lock makes a writer wait, then fail with one line (exit 1) and change nothing', async () => {
      const made = await tao(['wallet', 'create', '-w', 'held', '-H', 'h', '--no-password', '--no-prompt', '--json'])
      expect(made.code, made.stderr).toBe(0)
      // This test process is alive: its pid holds the lock.
      const lock = join(wallets, 'held', '.tao', 'lock')
      writeFileSync(lock, JSON.stringify({ pid: process.pid, token: 'test' }))
      const r = await tao(['wallet', 'new-hotkey', '-w', 'held', '-H', 'h2', '--no-prompt', '--json'], { env: { TAO_LOCK_TIMEOUT: '600' } })
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('WALLET_LOCKED')
      expect(r.stderr).toMatch(new RegExp(`pid ${process.pid}`))
      oneLine(r)
      expect(existsSync(join(wallets, 'held', 'hotkeys', 'h2'))).toBe(false)
      rmSync(lock)
    })

    it('a lock left by a dead process is recovered', async () => {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
      const lock = join(wallets, 'held', '.tao', 'lock')
      writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout), token: 'stale' }))
      const r = await tao(['wallet', 'new-hotkey', '-w', 'held', '-H', 'h3', '--no-prompt', '--json'], { env: { TAO_LOCK_TIMEOUT: '600' } })
      expect(r.code, r.stderr).toBe(0)
      expect(existsSync(lock)).toBe(false)
    })

    it('a writer killed between its key and its pub file: the next command restores a consistent wallet', async () => {
      const before = await tao([
        'wallet',
        'regen-coldkey',
        '-w',
        'killed',
        '--mnemonic-file',
        file('k1.txt', DEV_PHRASE),
        '--no-password',
        '--no-prompt',
        '--json',
      ])
      expect(before.code, before.stderr).toBe(0)
      const w = join(wallets, 'killed')
      // A writer (the store module, bundled for a plain node child) replaces the coldkey and stops for good after
      // the first file is in place.
      const bundles = mkdtempSync(join(tmpdir(), 'tao-bundle-'))
      const built = await bundleForChild(join(repoRoot, 'src', 'wallet', 'store.ts'), bundles)
      const keys = await bundleForChild(join(repoRoot, 'src', 'keystore', 'keys.ts'), bundles)
      const child = spawn(process.execPath, [
        '--input-type=module',
        '-e',
        `import { saveKeys, prepareKey } from ${JSON.stringify(built)};
         import { keypairFromMnemonic } from ${JSON.stringify(keys)};
         const w = { root: ${JSON.stringify(wallets)}, name: 'killed' };
         const key = await prepareKey({ kind: 'coldkey' }, keypairFromMnemonic(${JSON.stringify(OTHER_PHRASE)}));
         await saveKeys(w, [key], { overwrite: true, afterStep: async () => { process.stdout.write('stopped\\n'); await new Promise(() => {}) } });`,
      ])
      let out = ''
      let err = ''
      child.stderr.on('data', (b) => (err += b))
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b) => {
          out += b
          if (out.includes('stopped')) resolve()
        })
        child.once('exit', () => reject(new Error(`writer exited early: ${err}`)))
      })
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
      // Killed half-way: one file is new, the other old.
      expect(addressIn(join(w, 'coldkeypub.txt'))).not.toBe(addressIn(join(w, 'coldkey')))
      const list = await tao(['wallet', 'list', '--json'])
      expect(list.code, list.stderr).toBe(0)
      const entry = list.json.wallets.find((x: any) => x.name === 'killed')
      expect(entry.coldkey).toMatchObject({ ss58: DEV_ROOT, keyMatchesPub: true, error: null })
      expect(addressIn(join(w, 'coldkeypub.txt'))).toBe(DEV_ROOT)
      expect(addressIn(join(w, 'coldkey'))).toBe(DEV_ROOT)
    })
  })

  describe('creation is all or nothing', () => {
    it('a 245-character hotkey name works (both keys written)', async () => {
      const h = 'h'.repeat(245)
      const r = await tao(['wallet', 'create', '-w', 'long', '-H', h, '--no-prompt', '--json'], { env: { TAO_PASSWORD: PASSWORD } })
      expect(r.code, r.stderr).toBe(0)
      expect(addressIn(join(wallets, 'long', 'hotkeys', `${h}pub.txt`))).toBe(r.json.hotkey.ss58)
    })

    it('a hotkey name the file system cannot hold is refused before anything is written (exit 2)', async () => {
      const r = await tao(['wallet', 'create', '-w', 'half', '-H', 'h'.repeat(250), '--no-prompt', '--json'], {
        env: { TAO_PASSWORD: PASSWORD },
      })
      expect(r.code, r.stderr).toBe(2)
      expect(r.json.error.code).toBe('NAME_TOO_LONG')
      oneLine(r)
      expect(existsSync(join(wallets, 'half'))).toBe(false)
    })

    it('an empty wallet or hotkey name is an error (exit 2), from a flag or the environment', async () => {
      for (const [args, env] of [
        [['-w', ''], {}],
        [['-w', 'x', '-H', ''], {}],
        [[], { BT_WALLET_NAME: '' }],
        [['-w', 'x'], { BT_WALLET_HOTKEY: '' }],
      ] as [string[], Record<string, string>][]) {
        const r = await tao(['wallet', 'create', ...args, '--no-password', '--no-prompt', '--json'], { env })
        expect(r.code, `${args} ${JSON.stringify(env)}: ${r.stderr}`).toBe(2)
        expect(r.stderr).toMatch(/empty/)
        oneLine(r)
      }
      expect(existsSync(join(wallets, 'default'))).toBe(false)
      expect(existsSync(join(wallets, 'x'))).toBe(false)
    })
  })

  describe('key and pub file agree, or tao says so', () => {
    it('regen-coldkeypub --overwrite refuses a wallet that has a coldkey unless --allow-mismatch', async () => {
      const made = await tao(
        ['wallet', 'regen-coldkey', '-w', 'owned', '--mnemonic-file', file('dev.txt', DEV_PHRASE), '--no-prompt', '--json'],
        { env: { TAO_PASSWORD: PASSWORD } },
      )
      expect(made.code, made.stderr).toBe(0)
      const pub = join(wallets, 'owned', 'coldkeypub.txt')
      const before = readFileSync(pub)
      const r = await tao(['wallet', 'regen-coldkeypub', '-w', 'owned', '--ss58', ALICE, '--overwrite', '--no-prompt', '--json'])
      expect(r.code, r.stderr).toBe(2)
      expect(r.json.error.code).toBe('COLDKEY_PRESENT')
      oneLine(r)
      expect(readFileSync(pub)).toEqual(before)
      // The same address as the coldkey's is a harmless repair.
      const same = await tao(['wallet', 'regen-coldkeypub', '-w', 'owned', '--ss58', DEV_ROOT, '--overwrite', '--no-prompt', '--json'])
      expect(same.code, same.stderr).toBe(0)
      const forced = await tao([
        'wallet',
        'regen-coldkeypub',
        '-w',
        'owned',
        '--ss58',
        ALICE,
        '--overwrite',
        '--allow-mismatch',
        '--no-prompt',
        '--json',
      ])
      expect(forced.code, forced.stderr).toBe(0)
    })

    it('list, inspect and unlocking say loudly when coldkeypub.txt is not the coldkey', async () => {
      const list = await tao(['wallet', 'list', '--json'])
      const owned = list.json.wallets.find((w: any) => w.name === 'owned')
      expect(owned.coldkey).toMatchObject({ ss58: ALICE, encrypted: true, keyMatchesPub: false, watchOnly: false })
      expect(owned.coldkey.error).toMatch(/does not match/)
      const human = await tao(['wallet', 'list'])
      expect(human.stdout).toMatch(/owned.*does not match/)
      const inspect = await tao(['wallet', 'inspect', '-w', 'owned', '--json'])
      expect(inspect.json.coldkey.keyMatchesPub).toBe(false)
      expect(inspect.stderr).toMatch(/does not match/)
      const sign = await tao(['wallet', 'sign', '-w', 'owned', '--message', 'm', '--no-prompt', '--json'], {
        env: { TAO_PASSWORD: PASSWORD },
      })
      expect(sign.code, sign.stderr).toBe(4)
      expect(sign.json.error.code).toBe('KEY_MISMATCH')
      oneLine(sign)
    })
  })

  describe('broken and foreign files', () => {
    it('list checks each key file: an empty or garbage coldkey is not shown as healthy', async () => {
      for (const [name, content] of [
        ['emptykey', ''],
        ['garbagekey', 'not a key at all'],
      ] as const) {
        mkdirSync(join(wallets, name), { recursive: true })
        writeFileSync(join(wallets, name, 'coldkey'), content)
        writeFileSync(join(wallets, name, 'coldkeypub.txt'), readFileSync(join(wallets, 'owned', 'coldkeypub.txt')))
      }
      const r = await tao(['wallet', 'list', '--json'])
      expect(r.code, r.stderr).toBe(0)
      for (const name of ['emptykey', 'garbagekey']) {
        const e = r.json.wallets.find((w: any) => w.name === name)
        expect(e.coldkey.encrypted, name).toBeNull()
        expect(e.coldkey.error, name).toMatch(/empty|not a keyfile/)
      }
    })

    it('a FIFO as a key file is refused, never opened: list and sign do not hang', async () => {
      mkdirSync(join(wallets, 'fifo', 'hotkeys'), { recursive: true })
      spawnSync('mkfifo', [join(wallets, 'fifo', 'coldkey')])
      spawnSync('mkfifo', [join(wallets, 'fifo', 'hotkeys', 'h')])
      const list = await tao(['wallet', 'list', '--json'], { timeoutMs: 60_000 })
      expect(list.code, list.stderr).toBe(0)
      const e = list.json.wallets.find((w: any) => w.name === 'fifo')
      expect(e.coldkey.error).toMatch(/not a regular file/)
      expect(e.hotkeys[0].error).toMatch(/not a regular file/)
      const sign = await tao(['wallet', 'sign', '-w', 'fifo', '--message', 'm', '--no-prompt'], {
        env: { TAO_PASSWORD: PASSWORD },
        timeoutMs: 60_000,
      })
      expect(sign.code, sign.stderr).toBe(2)
      expect(sign.stderr).toMatch(/not a regular file/)
      oneLine(sign)
    })

    it('watch-only is a state, not an error; inspect lists keys as self-describing objects', async () => {
      const w = await tao(['wallet', 'regen-coldkeypub', '-w', 'watch', '--ss58', DEV_ROOT, '--json'])
      expect(w.code, w.stderr).toBe(0)
      const list = await tao(['wallet', 'list', '--json'])
      expect(list.json.wallets.find((x: any) => x.name === 'watch').coldkey).toEqual({
        ss58: DEV_ROOT,
        publicKey: expect.stringMatching(/^0x[0-9a-f]{64}$/),
        encrypted: null,
        watchOnly: true,
        keyMatchesPub: null,
        error: null,
      })
      const inspect = await tao(['wallet', 'inspect', '-w', 'long', '--json'])
      expect(inspect.code, inspect.stderr).toBe(0)
      expect(inspect.json.publicKeys).toBeUndefined()
      expect(inspect.json.coldkey.publicKey).toMatch(/^0x[0-9a-f]{64}$/)
      expect(inspect.json.hotkeys).toEqual([
        expect.objectContaining({ name: 'h'.repeat(245), publicKey: expect.stringMatching(/^0x/), keyMatchesPub: true }),
      ])
    })
  })

  describe('clear errors', () => {
    it('an empty password when unlocking says it is empty (exit 2), without trying it', async () => {
      const r = await tao(['wallet', 'sign', '-w', 'owned', '--message', 'm', '--no-prompt', '--json'], { env: { TAO_PASSWORD: '' } })
      expect(r.code, r.stderr).toBe(2)
      expect(r.json.error.code).toBe('EMPTY_PASSWORD')
      oneLine(r)
    })

    it('a truncated keyfile is reported as damaged, not as a wrong password', async () => {
      const made = await tao(
        ['wallet', 'regen-coldkey', '-w', 'trunc', '--mnemonic-file', file('t.txt', DEV_PHRASE), '--no-prompt', '--json'],
        { env: { TAO_PASSWORD: PASSWORD } },
      )
      expect(made.code, made.stderr).toBe(0)
      const cold = join(wallets, 'trunc', 'coldkey')
      // Too short to hold any keyfile btcli writes.
      truncateSync(cold, 100)
      const short = await tao(['wallet', 'sign', '-w', 'trunc', '--message', 'm', '--no-prompt', '--json'], {
        env: { TAO_PASSWORD: PASSWORD },
      })
      expect(short.code, short.stderr).toBe(2)
      expect(short.json.error.code).toBe('CORRUPT_KEYFILE')
      expect(short.stderr).toMatch(/damaged/)
      oneLine(short)
    })

    it('a keyfile tao wrote and that was cut later is named as possibly damaged', async () => {
      const made = await tao(
        ['wallet', 'regen-coldkey', '-w', 'cut', '--mnemonic-file', file('c.txt', DEV_PHRASE), '--no-prompt', '--json'],
        { env: { TAO_PASSWORD: PASSWORD } },
      )
      expect(made.code, made.stderr).toBe(0)
      const cold = join(wallets, 'cut', 'coldkey')
      truncateSync(cold, 300)
      const r = await tao(['wallet', 'sign', '-w', 'cut', '--message', 'm', '--no-prompt', '--json'], { env: { TAO_PASSWORD: PASSWORD } })
      expect(r.code, r.stderr).not.toBe(0)
      expect(r.stderr).toMatch(/damaged/)
      expect(r.stderr).toMatch(/300 bytes/)
      oneLine(r)
    })

    it('a wallet path under a regular file: one line naming the path (exit 2), no temp file', async () => {
      const plain = file('plainfile', 'x')
      const r = await runTao(
        ['wallet', 'create', '-w', 'w', '-H', 'h', '--no-password', '--no-prompt', '--json', '--wallet-path', join(plain, 'wallets')],
        { cwd: dir },
      )
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toContain(plain)
      expect(r.stderr).not.toMatch(/\.tmp|INTERNAL/)
      oneLine(r)
    })
  })
})

/**
 * The file-system failures a user meets: a read-only folder and a full disk, each on a private tmpfs in a
 * private mount namespace (`unshare -rm`, no root needed), gone when the process ends.
 */
describe('file-system failures on a real small disk', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tao-fs-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs tao after `setup` inside the namespace; what the mount holds afterwards is listed into `after`. */
  const inNamespace = (mnt: string, setup: string, args: string[], after: string): Promise<TaoResult> =>
    new Promise((resolve, reject) => {
      const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
      const script = `${setup} || exit 99; "${process.execPath}" "${taoBin}" ${quoted}; rc=$?; find '${mnt}' -mindepth 1 > '${after}'; exit $rc`
      const child = spawn('unshare', ['-rm', 'sh', '-c', script], { env: cleanEnv(), cwd: dir })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (b) => (stdout += b))
      child.stderr.on('data', (b) => (stderr += b))
      child.once('error', reject)
      child.once('close', (code) => {
        let parsed: any
        try {
          parsed = JSON.parse(stdout)
        } catch {
          parsed = undefined
        }
        try {
          assertJsonContract(args, { code: code ?? -1, stdout })
        } catch (err) {
          reject(err)
          return
        }
        resolve({ code: code ?? -1, stdout, stderr, json: parsed })
      })
    })

  it('a read-only wallet folder: one line naming the folder and the cause (exit 1), nothing half-made', async () => {
    const mnt = join(dir, 'ro')
    mkdirSync(mnt)
    const after = join(dir, 'ro.after')
    const r = await inNamespace(
      mnt,
      `mount -t tmpfs tmpfs '${mnt}' && mount -o remount,ro '${mnt}'`,
      ['wallet', 'create', '-w', 'w', '-H', 'h', '--no-password', '--no-prompt', '--json', '--wallet-path', mnt],
      after,
    )
    expect(r.code, r.stderr).toBe(1)
    expect(r.json.error.code).toBe('READ_ONLY')
    expect(r.stderr).toContain(mnt)
    expect(r.stderr).toMatch(/read-only/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(readFileSync(after, 'utf8')).toBe('')
  })

  it('a full disk: one line naming the wallet and the cause (exit 1); no part of the wallet is left', async () => {
    const mnt = join(dir, 'full')
    mkdirSync(mnt)
    const after = join(dir, 'full.after')
    // Room for folders but not for the key files: the disk is filled up first.
    const r = await inNamespace(
      mnt,
      `mount -t tmpfs -o size=8k tmpfs '${mnt}' && (dd if=/dev/zero of='${mnt}/filler' bs=1k count=64 2>/dev/null; true)`,
      ['wallet', 'create', '-w', 'w', '-H', 'h', '--no-password', '--no-prompt', '--json', '--wallet-path', mnt],
      after,
    )
    expect(r.code, r.stderr).toBe(1)
    expect(r.json.error.code).toBe('DISK_FULL')
    expect(r.stderr).toContain(join(mnt, 'w'))
    expect(r.stderr).toMatch(/full/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(readFileSync(after, 'utf8').trim()).toBe(join(mnt, 'filler'))
  })
})

describe('files a wallet folder can hold', { timeout: 120_000 }, () => {
  let dir: string
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tao-planted-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('a watch-only wallet from elsewhere with a planted journal: `wallet list` changes nothing outside it', async () => {
    const wallets = join(dir, 'wallets')
    const w = join(wallets, 'gift')
    mkdirSync(join(w, '.tao'), { recursive: true })
    writeFileSync(join(w, 'coldkeypub.txt'), JSON.stringify({ ss58Address: ALICE }))
    const victim = join(dir, 'victim')
    writeFileSync(victim, 'precious')
    const bak = '.bak-0123456789ab.tmp'
    writeFileSync(join(w, '.tao', bak), 'attacker')
    writeFileSync(
      join(w, '.tao', 'journal'),
      JSON.stringify({ version: 1, entries: [{ target: '../../victim', tmp: '.tmp-0123456789ab.tmp', backup: bak, ino: 1, dev: 1 }] }),
    )
    const r = await runTao(['wallet', 'list', '--json', '--wallet-path', wallets], { cwd: dir })
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.stringify(r.json)).toContain('its journal')
    expect(JSON.stringify(r.json)).toContain('is damaged')
  })

  it('a 2 GB key file is refused at once, not read', async () => {
    const wallets = join(dir, 'big')
    mkdirSync(join(wallets, 'w'), { recursive: true })
    const key = join(wallets, 'w', 'coldkeypub.txt')
    writeFileSync(key, '')
    truncateSync(key, 2 * 1024 ** 3)
    const t0 = Date.now()
    const r = await runTao(['wallet', 'inspect', '-w', 'w', '--json', '--wallet-path', wallets], { cwd: dir })
    expect(Date.now() - t0).toBeLessThan(20_000)
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.coldkey.error).toMatch(/2147483648 bytes, more than such a file can be/)
  })
})
