/**
 * The built CLI as a running process a test can watch: wait for a line on its stderr (e.g. "waiting for …")
 * before changing the chain under it, then collect the result as `runTao` does.
 *
 *     const p = startTao(['weights', 'reveal', '--wait', …])
 *     await p.stderrMatch(/waiting for the reveal window/)
 *     …build blocks…
 *     const r = await p.done
 */
import { spawn } from 'node:child_process'
import { cleanEnv, repoRoot, taoBin, type RunOptions, type TaoResult } from './cli.js'
import { assertJsonContract } from './json-contract.js'

export interface TaoProcess {
  /** Resolves when stderr matches; rejects if the process ends first or after `timeoutMs`. */
  stderrMatch(re: RegExp, timeoutMs?: number): Promise<void>
  done: Promise<TaoResult>
}

export function startTao(args: string[], opts: RunOptions = {}): TaoProcess {
  const child = spawn(process.execPath, [taoBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: cleanEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString()
    for (const w of watchers) w()
  })
  child.stdin.end(opts.input ?? '')
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000)
  const done = new Promise<TaoResult>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      for (const w of watchers) w()
      let json: any
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined
      } catch {
        json = undefined
      }
      try {
        // Every --json run is a contract test, as with runTao.
        assertJsonContract(args, { code: code ?? 1, stdout, signal })
      } catch (err) {
        reject(err)
        return
      }
      resolve({ code: code ?? 1, stdout, stderr, json })
    })
  })
  const ended = () => child.exitCode !== null || child.signalCode !== null
  return {
    done,
    stderrMatch: (re, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => finish(new Error(`no ${re} on stderr within ${timeoutMs} ms:\n${stderr}`)), timeoutMs)
        const finish = (err?: Error) => {
          clearTimeout(t)
          watchers.delete(check)
          if (err) reject(err)
          else resolve()
        }
        const check = () => {
          if (re.test(stderr)) finish()
          else if (ended()) finish(new Error(`the process ended before ${re} appeared on stderr:\n${stderr}`))
        }
        watchers.add(check)
        check()
      }),
  }
}
