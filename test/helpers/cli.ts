/**
 * Run the built CLI (`node bin/run.js …`, after `npm run build`) as its own process, the way a user does.
 *
 *     const r = await runTao(['wallet', 'list', '--json'])
 *     expect(r.code, r.stderr).toBe(0)
 *     expect(r.json.wallets).toEqual([])
 *
 * Every run with `--json` is also a contract test: stdout is validated against the command's schema in
 * docs/schemas/ (test/helpers/json-contract.ts), and a document that breaks docs/json.md fails the test,
 * naming the command, the path in the document and the rule broken.
 *
 * The environment is clean: HOME, TAO_CONFIG_DIR, TAO_STATE_DIR and TAO_CACHE_DIR point into one temp
 * directory per test process (so a user's config, wallets or localnet never leak in), NO_COLOR=1, and only
 * PATH, TMPDIR and TAO_LOCALNET_SPEC pass through. `opts.env` adds or overrides variables.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { assertJsonContract } from './json-contract.js'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const taoBin = path.join(repoRoot, 'bin', 'run.js')

export interface TaoResult {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as JSON, when it is JSON (e.g. with --json). */
  json?: any
}

export interface RunOptions {
  env?: Record<string, string>
  /** Written to stdin, then closed; without it stdin is closed at once, so a prompt fails instead of hanging. */
  input?: string
  cwd?: string
  /** Kill the process after this long (default 120 s). */
  timeoutMs?: number
  /** Options for node itself, before bin/run.js (e.g. `--import` a module hook). */
  nodeArgs?: string[]
}

let home: string | undefined

/** This test process's private home directory (created on first use). */
export function testHome(): string {
  if (!home) {
    home = mkdtempSync(path.join(tmpdir(), 'tao-test-home-'))
    for (const dir of ['config', 'state', 'cache']) mkdirSync(path.join(home, dir))
  }
  return home
}

/** The environment every CLI process in a test gets. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const h = testHome()
  const env: Record<string, string> = {
    HOME: h,
    TAO_CONFIG_DIR: path.join(h, 'config'),
    TAO_STATE_DIR: path.join(h, 'state'),
    TAO_CACHE_DIR: path.join(h, 'cache'),
    NO_COLOR: '1',
  }
  for (const name of ['PATH', 'TMPDIR', 'TAO_LOCALNET_SPEC']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return { ...env, ...extra }
}

export function runTao(args: string[], opts: RunOptions = {}): Promise<TaoResult> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), taoBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: cleanEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  child.stdin.on('error', () => undefined) // the command may exit before reading its input
  child.stdin.end(opts.input ?? '')
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      const result = { code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr, json: parseJson(stdout) }
      try {
        assertJsonContract(args, { code: result.code, stdout, signal })
      } catch (err) {
        ;(err as Error).message += `\n  stderr: ${stderr.slice(-1500)}`
        reject(err)
        return
      }
      resolve(result)
    })
  })
}

function parseJson(text: string): any {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
