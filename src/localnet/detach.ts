import { spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ExitCode, failed, TaoError } from '../core/errors.js'
import { READ_LIMIT, readRegularFileSync } from '../fsx/files.js'
import { sleep } from '../node/deadline.js'
import type { LocalnetInfo } from './localnet.js'
import { isLocalnetProcess, logFile, readRecord, readyFile, removeFile, stateFile, writeJsonAtomic, type LocalnetRecord } from './state.js'

/** The detached child writes its LocalnetInfo here once the node is ready (and only then). */
export const READY_FILE_ENV = 'TAO_LOCALNET_READY_FILE'

/** Refuse to start a second detached localnet over a live one; forget a dead one. */
export function assertNoneRunning(dir: string): void {
  const record = readRecord(stateFile(dir))
  if (!record) return
  if (isLocalnetProcess(record.pid))
    throw failed(
      `a localnet is already running at ${record.endpoint} (pid ${record.pid}); stop it with \`tao localnet stop\``,
      'LOCALNET_RUNNING',
    )
  removeFile(stateFile(dir))
}

/**
 * What the long-lived background node may see of this process's environment: where things are (paths, tao's
 * folders, the spec to run), the locale, proxies and certificates a fork needs. Nothing else: a password given
 * to this command (TAO_PASSWORD, BT_PW_…) or any other secret must not outlive it in a process that runs for days.
 */
const BACKGROUND_ENV =
  /^(PATH|HOME|USER|LOGNAME|SHELL|LANG|LANGUAGE|TZ|TMPDIR|TEMP|TMP|TERM|NO_COLOR|FORCE_COLOR|LOG_LEVEL|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|LC_\w+|XDG_\w+|TAO_STATE_DIR|TAO_CACHE_DIR|TAO_CONFIG_DIR|TAO_CONNECT_TIMEOUT|TAO_LOCALNET_\w+|(?:http|https|no|all)_proxy|(?:HTTP|HTTPS|NO|ALL)_PROXY)$/

export function backgroundEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => BACKGROUND_ENV.test(name)))
}

export interface DetachOptions {
  /** Package root: the child is `node <root>/bin/run.js localnet start …`. */
  root: string
  /** Arguments after `localnet start` (without --detach). */
  args: string[]
  dir: string
  /** Default 180 s: a fork fetches its first state over the network. */
  timeoutMs?: number
}

/** Start `tao localnet start` in the background, wait until its node serves RPC, and record it. */
export async function startDetached(opts: DetachOptions): Promise<LocalnetInfo> {
  const log = logFile(opts.dir)
  const ready = readyFile(opts.dir)
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 })
  removeFile(ready)
  const fd = openSync(log, 'w', 0o600)
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  const child = spawn(process.execPath, [path.join(opts.root, 'bin', 'run.js'), 'localnet', 'start', ...opts.args], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...backgroundEnv(process.env), [READY_FILE_ENV]: ready },
  })
  closeSync(fd)
  child.once('exit', (code, signal) => (exit = { code, signal }))
  child.unref()
  const pid = child.pid
  if (pid === undefined) throw failed(`could not start a background process (see ${log})`, 'DETACH_FAILED')

  // Ctrl-C while waiting must not leave an unrecorded node behind: it runs in its own process group.
  let cancelled = false
  const cancel = () => {
    cancelled = true
    if (!exit) process.kill(pid, 'SIGTERM')
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    const deadline = Date.now() + (opts.timeoutMs ?? 180_000)
    for (;;) {
      if (cancelled) throw failed('cancelled; the background localnet was stopped', 'CANCELLED')
      const info = readReady(ready)
      if (info) {
        removeFile(ready)
        const record: LocalnetRecord = { pid, endpoint: info.endpoint, port: info.port, log, startedAt: new Date().toISOString() }
        await writeJsonAtomic(stateFile(opts.dir), record)
        return { ...info, pid, log }
      }
      if (exit) throw childFailure(exit.code, log)
      if (Date.now() > deadline) {
        process.kill(pid, 'SIGKILL')
        throw failed(
          `the localnet did not become ready in ${Math.round((opts.timeoutMs ?? 180_000) / 1000)} s (log: ${log})`,
          'LOCALNET_TIMEOUT',
        )
      }
      await sleep(150)
    }
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}

function readReady(file: string): LocalnetInfo | undefined {
  try {
    const info = JSON.parse(readRegularFileSync(file, 'the localnet ready file', READ_LIMIT.small)) as LocalnetInfo | null
    return info && typeof info.endpoint === 'string' ? info : undefined
  } catch {
    return undefined
  }
}

/** The child's own one-line error (from its log), with its exit code. */
function childFailure(code: number | null, log: string): TaoError {
  let text: string
  try {
    text = readFileSync(log, 'utf8')
  } catch {
    text = ''
  }
  const line = text
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('Error: '))
  const message = line ? line.slice('Error: '.length) : `the localnet exited before it was ready (log: ${log})`
  const exitCode = code === ExitCode.BadInput || code === ExitCode.Unreachable ? code : ExitCode.Failed
  return new TaoError(exitCode, 'LOCALNET_FAILED', message)
}

export interface StopResult {
  pid: number
  endpoint: string
  /** SIGKILL was needed after the grace period. */
  forced: boolean
}

/** Stop the detached localnet of this state directory: SIGTERM, wait, SIGKILL after the grace period. */
export async function stopDetached(dir: string, graceMs = 15_000): Promise<StopResult> {
  const file = stateFile(dir)
  const record = readRecord(file)
  if (!record) {
    removeFile(file)
    throw failed('no detached localnet is running (start one with `tao localnet start --detach`)', 'NOT_RUNNING')
  }
  if (!isLocalnetProcess(record.pid)) {
    removeFile(file)
    throw failed(
      `no localnet is running: the recorded one (pid ${record.pid}, ${record.endpoint}) is gone; removed its stale record`,
      'NOT_RUNNING',
    )
  }
  process.kill(record.pid, 'SIGTERM')
  let forced = false
  const deadline = Date.now() + graceMs
  while (isLocalnetProcess(record.pid)) {
    if (Date.now() > deadline + 5_000) throw failed(`pid ${record.pid} did not stop, even after SIGKILL`, 'STOP_FAILED')
    if (Date.now() > deadline && !forced) {
      forced = true
      process.kill(record.pid, 'SIGKILL')
    }
    await sleep(100)
  }
  removeFile(file)
  return { pid: record.pid, endpoint: record.endpoint, forced }
}
