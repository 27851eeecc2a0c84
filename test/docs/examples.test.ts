/**
 * Every example a person can copy (README.md's shell blocks and every command's `static examples`, which the
 * man pages and --help show) runs as written: against a local chain, in a fresh home with prepared wallets,
 * placeholders (`5F…`, `0x…`, `...`) filled with real values. Each is first parsed with its command's own flags
 * (no usage error), then run; one that needs a terminal is run in one (util-linux `script`), answering its
 * confirmation and password prompts. The few that cannot run here say why in NOT_RUN.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Config } from '@oclif/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hoistGlobalFlags } from '../../src/cli/argv.js'
import { keypairFromUri, sign } from '../../src/keystore/keys.js'
import { cleanEnv, repoRoot, runTao, taoBin, type TaoResult } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const PASSWORD = 'examples test password 1!'
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'
const TAO = 1_000_000_000n

/** Examples that are parsed but not run, and why. */
const NOT_RUN: Record<string, string> = {
  'tao localnet start': 'runs in the foreground on port 9944 until Ctrl-C; the chain of this test is `tao localnet start --port 0 --json`',
  'tao localnet start --port 0 --json': 'this is how the test starts its own chain (test/helpers/localnet.ts)',
  'tao localnet start --detach --fund 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV=250':
    "port 9944 may be another engineer's chain on this machine; the README's --detach example runs instead",
  'tao localnet start --fork finney': 'needs the internet (forks mainnet)',
  'tao localnet start --fork finney   # a private, lazily forked copy of mainnet to rehearse on': 'needs the internet (forks mainnet)',
  'tao localnet start                 # ws://127.0.0.1:9944, Alice…Ferdie funded, Alice sudo, rate limits relaxed':
    'runs in the foreground on port 9944 until Ctrl-C',
  'tao watch --network local': 'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
  'tao watch --netuid 1 --network local': 'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
  'tao watch --netuid 1 --best --network local':
    'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
}

/** Examples that run but end with another exit code than 0, and why that is right. */
const EXIT_CODE: Record<string, [number, string]> = {
  'tao localnet stop': [1, 'nothing runs in a fresh state directory: "no localnet is running" is the documented exit 1'],
}

/** What a command before a pipe would print (the test stands in for it). */
const PRODUCERS: Record<string, string> = { 'pass show tao/owner': DEV_PHRASE + '\n' }

interface Example {
  where: string
  text: string
}

function readmeExamples(): Example[] {
  const lines = readFileSync(join(repoRoot, 'README.md'), 'utf8').split('\n')
  const out: Example[] = []
  let inShell = false
  lines.forEach((line, i) => {
    if (/^```(sh|bash|shell)\s*$/.test(line)) inShell = true
    else if (line.startsWith('```')) inShell = false
    else if (inShell && /^(\w+=\S*\s+)*tao\s/.test(line)) out.push({ where: `README.md:${i + 1}`, text: line.trim() })
  })
  return out
}

function commandExamples(): Example[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8'))
  return Object.entries<any>(manifest.commands)
    .filter(([, c]) => !c.hidden)
    .flatMap(([id, c]) =>
      (c.examples ?? []).map((e: string | { command: string }) => ({
        where: `${id.split(':').join(' ')} (static examples)`,
        text: (typeof e === 'string' ? e : e.command).replace(/<%= config.bin %>/g, 'tao').trim(),
      })),
    )
}

/** One simple command of a shell line: env assignments, words, where stdout goes, what stdin gets. */
interface Step {
  env: Record<string, string>
  words: string[]
  stdoutTo?: string
  stdin?: string
}

/** A small shell reader for example lines: quotes, `|`, `&&`, `>`, `#` comments (`# then: CMD` runs CMD next). */
function parseShellLine(line: string): Step[] {
  const tokens: Array<{ op?: string; word?: string }> = []
  let i = 0
  let comment = ''
  while (i < line.length) {
    const c = line[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '#') {
      comment = line.slice(i + 1).trim()
      break
    } else if (line.startsWith('&&', i) || c === '|' || c === '>' || c === ';') {
      const op = line.startsWith('&&', i) ? '&&' : c
      tokens.push({ op })
      i += op.length
    } else {
      let word = ''
      while (i < line.length && !/[\s|>;]/.test(line[i]!) && !line.startsWith('&&', i)) {
        const q = line[i]!
        if (q === '"' || q === "'") {
          const end = line.indexOf(q, i + 1)
          word += line.slice(i + 1, end)
          i = end + 1
        } else word += line[i++]
      }
      tokens.push({ word })
    }
  }
  const steps: Step[] = []
  let cur: Step = { env: {}, words: [] }
  let pipedFrom: string | undefined
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!
    if (tok.op === '>') cur.stdoutTo = tokens[++t]!.word
    else if (tok.op === '|') {
      pipedFrom = cur.words.join(' ')
      cur = { env: {}, words: [] }
    } else if (tok.op) {
      steps.push(cur)
      cur = { env: {}, words: [] }
    } else if (cur.words.length === 0 && /^\w+=/.test(tok.word!)) {
      const [k, ...v] = tok.word!.split('=')
      cur.env[k!] = v.join('=')
    } else {
      if (pipedFrom !== undefined && cur.words.length === 0) {
        if (!(pipedFrom in PRODUCERS)) throw new Error(`the test does not know what "${pipedFrom}" prints: add it to PRODUCERS`)
        cur.stdin = PRODUCERS[pipedFrom]
        pipedFrom = undefined
      }
      cur.words.push(tok.word!)
    }
  }
  steps.push(cur)
  const then = /^then:\s*(tao\s.*)$/.exec(comment)
  return [...steps.filter((s) => s.words.length > 0), ...(then ? parseShellLine(then[1]!) : [])]
}

describe('every README and command example', () => {
  let net: Localnet
  let config: Config
  let root: string
  let template: string
  const addresses: Record<string, string> = {}
  let metadataBytes: Buffer
  let exportJson: string
  const alice = keypairFromUri('//Alice')
  const helloSignature = '0x' + Buffer.from(sign(alice, new TextEncoder().encode('hello'))).toString('hex')
  const examples = [...readmeExamples(), ...commandExamples()]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tao-examples-'))
    config = await Config.load(repoRoot)
    // Wallets the examples name, encrypted with one password; their coldkeys are funded on the chain.
    template = join(root, 'template')
    const wallets = join(template, '.bittensor', 'wallets')
    for (const [name, hotkey] of [['default', 'default'], ['miner', 'h1'], ['owner', 'default']] as const) {
      const r = await runTao(['wallet', 'create', '--wallet-path', wallets, '-w', name, '-H', hotkey, '--no-prompt', '--json'], { env: { TAO_PASSWORD: PASSWORD } })
      expect(r.code, r.stderr).toBe(0)
      addresses[name] = r.json.coldkey.ss58
    }
    net = await startLocalnet({ fund: Object.fromEntries(Object.values(addresses).map((a) => [a, 1000n * TAO])) })
    metadataBytes = Buffer.from((await net.rpc('state_getMetadata')).slice(2), 'hex')
    const { Keyring } = await import('@polkadot/keyring')
    const { cryptoWaitReady } = await import('@polkadot/util-crypto')
    await cryptoWaitReady()
    exportJson = JSON.stringify(new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie').toJson('export pw'))
  }, 240_000)
  afterAll(async () => {
    await net?.stop()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(30)
    expect(examples.map((e) => e.text)).toContain('tao --network local wallet balance # in another terminal')
  })

  it.each(examples.map((e) => [`${e.where}: ${e.text}`, e] as const))('%s', async (_, example) => {
    const home = mkdtempSync(join(root, 'home-'))
    cpSync(template, home, { recursive: true })
    const cwd = join(home, 'work')
    mkdirSync(cwd)
    for (const d of ['config', 'state']) mkdirSync(join(home, d))
    const env = {
      HOME: home,
      TAO_CONFIG_DIR: join(home, 'config'),
      TAO_STATE_DIR: join(home, 'state'),
      TAO_NETWORK: net.endpoint,
      TAO_PASSWORD: PASSWORD,
      TAO_NEW_PASSWORD: PASSWORD + ' new',
      TAO_JSON_PASSWORD: 'export pw',
    }
    // Files the examples read.
    for (const f of [join(cwd, 'words.txt'), join(home, 'backup', 'words.txt')]) {
      mkdirSync(join(f, '..'), { recursive: true })
      writeFileSync(f, DEV_PHRASE + '\n')
    }
    writeFileSync(join(home, '.pw'), PASSWORD + '\n')
    writeFileSync(join(cwd, 'export.json'), exportJson)
    writeFileSync(join(cwd, 'runtime.scale'), metadataBytes)
    // Top the wallets up: an earlier example may have sent everything (`--all`).
    for (const ss58 of Object.values(addresses)) {
      const nonce = Number(await net.rpc('system_accountNextIndex', [ss58]))
      await net.setStorage({ System: { Account: [[[ss58], { nonce, providers: 1, data: { free: (1000n * TAO).toString() } }]] } })
    }

    const steps = parseShellLine(example.text)
    expect(steps.length, 'no tao command in the example').toBeGreaterThan(0)
    for (const step of steps) {
      expect(step.words[0]).toBe('tao')
      // Run exactly as written (global flags before the command included); parse the command it names.
      const argv = await fill(step.words.slice(1), { home, cwd, env, producesTxHex: steps.some((s) => s.stdoutTo === 'tx.hex') })
      const { id, flags } = await parseWith(hoistGlobalFlags(argv))
      if (NOT_RUN[example.text]) return
      prepareFor(id, flags, home)

      const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, isPlaceholder(v) ? PASSWORD : v])) }
      let r = await runTao(argv, { env: stepEnv, cwd, input: step.stdin, timeoutMs: 180_000 })
      if (r.code === 2 && /there is no terminal to ask on/.test(r.stderr)) r = await runInTerminal(argv, stepEnv, cwd)
      const [code, why] = EXIT_CODE[example.text] ?? [0, '']
      expect(r.code, `${argv.join(' ')}\n${r.stderr}${why}`).toBe(code)
      if (step.stdoutTo) {
        writeFileSync(join(cwd, step.stdoutTo), r.stdout)
        if (step.stdoutTo === 'tx.hex') expect(r.stdout).toMatch(/^0x[0-9a-f]+\n$/) // the hex alone, ready for `tx submit --file`
      }
    }
  })

  /** Placeholders → values that work here. */
  async function fill(args: string[], ctx: { home: string; cwd: string; env: Record<string, string>; producesTxHex: boolean }): Promise<string[]> {
    const out: string[] = []
    const others = [CHARLIE, BOB]
    for (let i = 0; i < args.length; i++) {
      let a = args[i]!
      const prev = args[i - 1]
      if (a.startsWith('~/')) a = join(ctx.home, a.slice(2))
      if ((prev === '--network' || prev === '-n') && a === 'local') a = net.endpoint
      if (prev === '--port' && a !== '0') a = '0' // a free port, not one another chain may hold
      a = a.replace(/^5[A-Za-z]?(…|\.\.\.)/, () => (prev === '--address' ? alice.ss58 : others.pop() ?? BOB))
      if (prev === '--signature' && isPlaceholder(a)) a = helloSignature
      else if (/^0x(…|\.\.\.)$/.test(a)) a = await signedHex(ctx)
      out.push(a)
    }
    if (out.includes('--file') && out[out.indexOf('--file') + 1] === 'tx.hex' && !ctx.producesTxHex) writeFileSync(join(ctx.cwd, 'tx.hex'), (await signedHex(ctx)) + '\n')
    return out
  }

  /** A transfer signed by the default wallet with the account's next nonce, not submitted. */
  async function signedHex(ctx: { cwd: string; env: Record<string, string> }): Promise<string> {
    const r = await runTao(['wallet', 'transfer', '--dest', BOB, '--amount', '0.5', '--dry-run'], { env: ctx.env, cwd: ctx.cwd })
    expect(r.code, r.stderr).toBe(0)
    return r.stdout.trim()
  }

  /** The example's command, parsed with that command's own flags: no usage error. */
  async function parseWith(argv: string[]): Promise<{ id: string; flags: Record<string, unknown> }> {
    let n = argv.findIndex((a) => a.startsWith('-'))
    if (n < 0) n = argv.length
    for (; n > 0; n--) {
      const id = argv.slice(0, n).join(':')
      const found = config.findCommand(id)
      if (!found) continue
      const C = (await found.load()) as unknown as new (argv: string[], config: Config) => { parse(c: unknown): Promise<{ flags: Record<string, unknown> }> }
      const cmd = new C(argv.slice(n), config)
      const { flags } = await cmd.parse(C)
      return { id, flags }
    }
    throw new Error(`no command in "${argv.join(' ')}"`)
  }
})

const isPlaceholder = (v: string) => /^(…|\.\.\.|0x…|0x\.\.\.)$/.test(v)

/** Commands that create the key an example names start without it (the template has every wallet). */
function prepareFor(id: string, flags: Record<string, unknown>, home: string): void {
  const wallet = join(home, '.bittensor', 'wallets', String(flags['wallet-name'] ?? 'default'))
  const hotkey = String(flags.hotkey ?? 'default')
  if (['wallet:create', 'wallet:new-coldkey', 'wallet:regen-coldkey', 'wallet:regen-coldkeypub'].includes(id)) rmSync(wallet, { recursive: true, force: true })
  if (['wallet:new-hotkey', 'wallet:regen-hotkey'].includes(id))
    for (const f of [hotkey, `${hotkey}pub.txt`]) rmSync(join(wallet, 'hotkeys', f), { force: true })
}

/** Run in a terminal (util-linux `script`), answering confirmations with y and password prompts with the password. */
function runInTerminal(argv: string[], env: Record<string, string>, cwd: string): Promise<TaoResult> {
  expect(spawnSync('script', ['--version']).status, 'util-linux script is needed to run an interactive example').toBe(0)
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const child = spawn('script', ['-qfec', [process.execPath, taoBin, ...argv].map(quote).join(' '), '/dev/null'], { cwd, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] })
  let screen = ''
  // A prompt is answered once; the next answer waits until that prompt is done (its line ends).
  let answeredAt = -1
  let quiet: NodeJS.Timeout | undefined
  const answer = () => {
    if (screen.lastIndexOf('\n') <= answeredAt) return
    const tail = screen.slice(screen.lastIndexOf('\n') + 1).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    if (/\((y\/N|Y\/n)\)\s*$/.test(tail)) child.stdin.write('y\r')
    else if (/password[^\n]*\[input is masked\]\s*$/i.test(tail)) child.stdin.write(`${env.TAO_PASSWORD}\r`)
    else return
    answeredAt = screen.lastIndexOf('\n')
  }
  child.stdout.on('data', (b: Buffer) => {
    screen += b.toString()
    clearTimeout(quiet)
    quiet = setTimeout(answer, 300)
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), 180_000)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer)
      resolve({ code: code ?? -1, stdout: screen, stderr: screen })
    }),
  )
}
