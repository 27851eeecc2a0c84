/**
 * Errors a person meets without a chain: one line on stderr, the documented exit code, the same message in
 * --json, no stack trace.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot, runTao, taoBin, type TaoResult } from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tao-errors-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'

/** Exit code, exactly one line on stderr, and the same line in the --json error. */
async function oneLineError(
  args: string[],
  exitCode: number,
  opts: Parameters<typeof runTao>[1] = {},
): Promise<{ line: string; json: any }> {
  const r = await runTao([...args, '--json'], opts)
  expect(r.code, r.stderr).toBe(exitCode)
  const lines = r.stderr.trimEnd().split('\n')
  expect(lines, r.stderr).toHaveLength(1)
  expect(r.stderr).not.toMatch(/\n\s+at /)
  expect(r.json?.error, r.stdout).toMatchObject({ exitCode })
  expect(lines[0]).toBe(`Error: ${r.json.error.message}`)
  return { line: lines[0]!, json: r.json }
}

describe("oclif's parse errors keep their reason, on one line", () => {
  it.each([
    [['wallet', 'transfer'], /Exactly one of the following must be provided: --all, --amount; missing required flag --dest/],
    [['wallet', 'regen-coldkeypub', '-w', 'x'], /^Error: Exactly one of the following must be provided: --public-key, --ss58$/],
    [['wallet', 'transfer', '--dest', ALICE, '--amount', '1', '--era', 'abc'], /^Error: --era: expected a whole number, not "abc"$/],
    [['wallet', 'transfer', '--dest', ALICE, '--amount', '1', '--nonce', '-5'], /^Error: --nonce: must be at least 0, not -5$/],
    [['wallet', 'transfer', '--dest', ALICE, '--amount', '1', '--era', '100000'], /^Error: --era: must be at most 4096, not 100000$/],
    [['wallet', 'transfer', '--dest', ALICE, '--amount', '1', '--all'], /--all cannot also be provided when using --amount/],
    [
      ['wallet', 'transfer', '--dest', ALICE, '--amount', '1', '--wait-for', 'soon'],
      /Expected --wait-for=soon to be one of: inclusion, finalization, none/,
    ],
    [['config', 'get'], /^Error: missing required argument: KEY$/],
  ])('%j', async (args, line) => {
    const { line: got, json } = await oneLineError(args, 2)
    expect(got).toMatch(line)
    expect(json.error.code).toBe('USAGE')
  })
})

describe('global flags before the command', () => {
  it('are the same flags after it', async () => {
    const wallets = join(dir, 'global-flags')
    const before = await runTao(['--wallet-path', wallets, '--json', 'wallet', 'list'])
    expect(before.code, before.stderr).toBe(0)
    expect(before.json).toEqual({ path: wallets, wallets: [] })
    const after = await runTao(['wallet', 'list', '--wallet-path', wallets, '--json'])
    expect(after.json).toEqual(before.json)
  })

  it('an unknown flag before the command, or no command at all, is one line, exit 2', async () => {
    expect((await oneLineError(['--bogus', 'wallet', 'list'], 2)).line).toMatch(/"--bogus" is not a flag tao knows before a command/)
    const none = await runTao(['-y'])
    expect(none.code).toBe(2)
    expect(none.stderr.trim()).toBe('Error: no command given after -y; `tao --help` lists the commands')
  })
})

describe('mistyped commands', () => {
  it.each([
    [['wallet', 'crate'], 'unknown command "wallet crate"; did you mean "tao wallet create"?'],
    [['wallet:crate'], 'unknown command "wallet crate"; did you mean "tao wallet create"?'],
    [['walet', 'list'], 'unknown command "walet list"; did you mean "tao wallet list"?'],
    [['wallet', 'ballance', '--all'], 'unknown command "wallet ballance"; did you mean "tao wallet balance"?'],
    [['wallet', 'frobnicate'], 'unknown command "wallet frobnicate"; `tao wallet --help` lists the commands'],
    [['frobnicate'], 'unknown command "frobnicate"; `tao --help` lists the commands'],
  ])('%j', async (args, message) => {
    const { line, json } = await oneLineError(args, 2)
    expect(line).toBe(`Error: ${message}`)
    expect(json.error.code).toBe('UNKNOWN_COMMAND')
  })
})

describe('file-system errors name the path and the cause', () => {
  it('a wallet path under a file: exit 2, no INTERNAL, no temp path', async () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    const { line, json } = await oneLineError(['wallet', 'create', '--wallet-path', join(file, 'w'), '--no-password', '-y'], 2)
    expect(line).toBe(`Error: cannot create the folder ${join(file, 'w')}: a part of the path is not a folder`)
    expect(json.error.code).toBe('NOT_A_FOLDER')
  })

  it('a name too long for the file system: exit 2, no INTERNAL, no temp path', async () => {
    const wallets = join(dir, 'long-names')
    const { line, json } = await oneLineError(
      ['wallet', 'create', '--wallet-path', wallets, '-w', 'half', '-H', 'h'.repeat(300), '--no-password', '-y'],
      2,
    )
    expect(json.error.code).not.toBe('INTERNAL')
    expect(line).toMatch(/too long/)
    expect(line).not.toMatch(/\.tmp\b/)
  })

  it('a file the user names that cannot be read says why in words', async () => {
    const missing = join(dir, 'no-such-password-file')
    const { line } = await oneLineError(['wallet', 'create', '--wallet-path', join(dir, 'unread'), '--password-file', missing, '-y'], 2)
    expect(line).toBe(`Error: cannot read the password file ${missing}: no such file or folder`)
  })

  it('stdout on a full device: one line, exit 1, no stack trace (text and --json)', () => {
    if (!existsSync('/dev/full')) return
    for (const json of [[], ['--json']]) {
      const full = openSync('/dev/full', 'w')
      const r = spawnSync(process.execPath, [taoBin, 'wallet', 'list', '--wallet-path', dir, ...json], {
        cwd: repoRoot,
        env: cleanEnv(),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      })
      closeSync(full)
      expect(r.status, r.stderr).toBe(1)
      expect(r.stderr).toBe('Error: cannot write the output: no space left on the device\n')
    }
  })
})

describe('stdout closed (`>&-`)', () => {
  const onLinux = existsSync('/proc/self/fdinfo/1') && spawnSync('bash', ['-c', 'true']).status === 0
  const list = `'${process.execPath}' '${taoBin}' wallet list --wallet-path '${dir}'`

  it.runIf(onLinux)('from a shell: one line, exit 1, instead of a success whose output went nowhere', () => {
    for (const json of ['', ' --json']) {
      // The shell forks (a command follows), so tao's parent is the shell, as at a prompt or in a script.
      const r = spawnSync('bash', ['-c', `${list}${json} >&-; echo "exit $?" >&2`], { cwd: repoRoot, env: cleanEnv(), encoding: 'utf8' })
      expect(r.stderr).toBe('Error: cannot write the output: it is closed\nexit 1\n')
    }
  })

  it.runIf(onLinux)('but a /dev/null handed over on purpose (stdio ignored, > /dev/null) discards the output and succeeds', () => {
    const ignored = spawnSync(process.execPath, [taoBin, 'wallet', 'list', '--wallet-path', dir], {
      cwd: repoRoot,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    })
    expect(ignored.status, ignored.stderr).toBe(0)
    const devnull = spawnSync('bash', ['-c', `${list} > /dev/null; echo "exit $?" >&2`], {
      cwd: repoRoot,
      env: cleanEnv(),
      encoding: 'utf8',
    })
    expect(devnull.stderr).toBe('exit 0\n')
  })
})

/** A TCP server on a free port; `onSocket` decides what it answers. */
async function tcpServer(onSocket: (s: Socket) => void): Promise<{ url: string; server: Server; connected: Promise<void> }> {
  let connected!: () => void
  const seen = new Promise<void>((resolve) => (connected = resolve))
  const server = createServer((s) => {
    connected()
    s.on('error', () => undefined)
    onSocket(s)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `ws://127.0.0.1:${port}`, server, connected: seen }
}

describe('endpoints that are not a node', () => {
  // A long connect deadline: exiting 3 before runTao's own 60 s kill proves the answer was not a timeout.
  const env = { TAO_CONNECT_TIMEOUT: '120000' }

  it('a port that answers plain HTTP: exit 3 at once, saying so', async () => {
    const http = createHttpServer((_, res) => res.end('hello'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    try {
      const url = `ws://127.0.0.1:${(http.address() as { port: number }).port}`
      const { line } = await oneLineError(['wallet', 'balance', '--ss58', ALICE, '--network', url], 3, { env, timeoutMs: 60_000 })
      expect(line).toMatch(/it answers HTTP 200, not WebSocket/)
    } finally {
      http.closeAllConnections()
      http.close()
    }
  })

  it('a port that answers something other than HTTP: exit 3 at once', async () => {
    const { url, server } = await tcpServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'))
    try {
      const { line } = await oneLineError(['wallet', 'balance', '--ss58', ALICE, '--network', url], 3, { env, timeoutMs: 60_000 })
      expect(line).toMatch(/not with HTTP or WebSocket/)
    } finally {
      server.close()
    }
  })

  it('wss:// to an IP address that does not speak TLS: exit 3, one line and nothing else (no warning about SNI)', async () => {
    const { url, server } = await tcpServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'))
    try {
      const { line } = await oneLineError(['wallet', 'balance', '--ss58', ALICE, '--network', url.replace('ws://', 'wss://')], 3, {
        env,
        timeoutMs: 60_000,
      })
      expect(line).toMatch(/^Error: cannot reach wss:\/\/127\.0\.0\.1:\d+/)
    } finally {
      server.close()
    }
  })
})

describe("the command's deadline", () => {
  // A node that accepts the connection and never answers (a frozen one): only the deadline can end the wait.
  const env = { TAO_CONNECT_TIMEOUT: '120000' }

  it.each([
    ['TAO_DEADLINE', [], { TAO_DEADLINE: '3' }],
    ['--deadline, over TAO_DEADLINE', ['--deadline', '3'], { TAO_DEADLINE: '500' }],
  ])('%s: exit 3 (DEADLINE) with one line, in time', async (_, extra, deadlineEnv) => {
    const sockets: Socket[] = []
    const { url, server } = await tcpServer((s) => sockets.push(s))
    try {
      const t0 = Date.now()
      const { json, line } = await oneLineError(['wallet', 'balance', '--ss58', ALICE, '--network', url, ...extra], 3, {
        env: { ...env, ...deadlineEnv },
        timeoutMs: 60_000,
      })
      expect(json.error.code).toBe('DEADLINE')
      expect(line).toBe("Error: gave up after 3 s (the command's deadline: --deadline or TAO_DEADLINE)")
      expect(Date.now() - t0).toBeLessThan(20_000)
    } finally {
      for (const s of sockets) s.destroy()
      server.close()
    }
  })

  it('a deadline that is not a whole number of seconds is exit 2 before anything', async () => {
    const { line } = await oneLineError(['wallet', 'balance', '--ss58', ALICE, '--network', 'ws://127.0.0.1:1'], 2, {
      env: { TAO_DEADLINE: '1.5' },
    })
    expect(line).toBe('Error: TAO_DEADLINE must be a whole number of seconds (0 for none), not "1.5"')
  })
})

/** Run tao, send SIGINT once `ready` resolves, and collect the result. */
function interruptWhen(
  args: string[],
  ready: (out: { stderr: string }) => Promise<void>,
  env: Record<string, string> = {},
): Promise<TaoResult> {
  const child = spawn(process.execPath, [taoBin, ...args], { cwd: repoRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  const out = { stdout: '', stderr: '' }
  child.stdout.on('data', (b: Buffer) => (out.stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => (out.stderr += b.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  void ready(out).then(() => child.kill('SIGINT'))
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(killer)
      resolve({ code: code ?? (signal === 'SIGINT' ? -2 : -9), ...out })
    }),
  )
}

describe('Ctrl-C', () => {
  it('while connecting: exit 130 with one line', async () => {
    const { url, server, connected } = await tcpServer(() => undefined) // accepts, never answers
    try {
      const r = await interruptWhen(['wallet', 'balance', '--ss58', ALICE, '--network', url], () => connected, {
        TAO_CONNECT_TIMEOUT: '120000',
      })
      expect(r.code, r.stderr).toBe(130)
      expect(r.stderr).toBe('interrupted\n')
    } finally {
      server.close()
    }
  })

  // A terminal is needed for a prompt: util-linux `script` gives the command one.
  const hasScript = spawnSync('script', ['--version']).status === 0

  it.runIf(hasScript)(
    'at a password prompt: nothing echoed while typing, then Ctrl-C exits 130 with one short line and writes nothing',
    async () => {
      const wallets = join(dir, 'prompt')
      const child = spawn(
        'script',
        ['-qfec', `'${process.execPath}' '${taoBin}' wallet create -w typed --wallet-path '${wallets}'`, '/dev/null'],
        {
          cwd: repoRoot,
          env: cleanEnv(),
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      )
      let screen = ''
      child.stdout.on('data', (b: Buffer) => (screen += b.toString()))
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve))
      const shown = (re: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => (re.test(screen) ? resolve() : setTimeout(check, 50))
          check()
        })
      await shown(/New password for the coldkey/)
      child.stdin.write('s3cret-Pass')
      // The prompt redraws after every key; wait until it has seen all eleven.
      await shown(/(New password for the coldkey[^\n]*){12}/)
      const typed = screen
      child.stdin.write('\x03')
      expect(await closed).toBe(130)
      expect(typed).not.toMatch(/\*/)
      expect(typed).not.toMatch(/s3cret/)
      expect(
        screen
          .split('\n')
          .at(-2)
          ?.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
          .trim(),
      ).toBe('cancelled')
      expect(existsSync(wallets) ? readdirSync(wallets) : []).toEqual([])
    },
  )
})
