import { link, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { failed, TaoError } from '../core/errors.js'
import { errnoOf, fsError } from './fs-errors.js'
import { READ_LIMIT, readRegularFile, tempName, unlinkIfPresent } from './files.js'

/**
 * An advisory lock file holding its holder's identity: pid, host, boot id and process start time (so a
 * reused pid or a reboot does not keep a dead holder's lock alive), and a random token (so only its holder
 * releases it, and a stale lock is removed only while it is still that stale lock).
 * Taking it is create-exclusive (link(2) of a complete file); a held lock is waited for up to a deadline.
 */
export interface LockInfo {
  pid: number
  token: string
  host?: string
  boot?: string
  start?: string
  since?: string
}

/** Milliseconds to wait for a held lock: TAO_LOCK_TIMEOUT, default 10 s. */
export function lockTimeoutMs(): number {
  const env = Number(process.env.TAO_LOCK_TIMEOUT)
  return Number.isFinite(env) && env >= 0 ? env : 10_000
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function bootId(): Promise<string | undefined> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (s) => s.trim(),
    () => undefined,
  )
}

/** A process's start time in clock ticks since boot (Linux), field 22 of /proc/<pid>/stat. */
async function startTime(pid: number): Promise<string | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

type Holder = LockInfo & { ageMs: number; unreadable?: boolean }

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const [bytes, s] = await Promise.all([readRegularFile(path, 'the lock file', READ_LIMIT.small), stat(path)])
    const text = Buffer.from(bytes).toString('utf8')
    const ageMs = Date.now() - s.mtimeMs
    try {
      const info = JSON.parse(text) as LockInfo
      if (Number.isInteger(info.pid) && typeof info.token === 'string') return { ...info, ageMs }
    } catch {
      // fall through: unreadable
    }
    return { pid: NaN, token: text, ageMs, unreadable: true }
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined
    throw e
  }
}

/** Whether the process that wrote this lock is gone. A holder on another host is never judged dead. */
async function isStale(h: Holder): Promise<boolean> {
  if (h.unreadable) return h.ageMs > 2_000
  if (h.host && h.host !== hostname()) return false
  const boot = await bootId()
  if (h.boot && boot && h.boot !== boot) return true
  try {
    process.kill(h.pid, 0)
  } catch (e) {
    if (errnoOf(e) === 'ESRCH') return true
  }
  if (h.start) {
    const now = await startTime(h.pid)
    if (now !== undefined && now !== h.start) return true
  }
  return false
}

/** Remove a stale lock, serialised by a second short-lived lock so two recoverers cannot remove a fresh one. */
async function breakStale(path: string, stale: Holder): Promise<void> {
  const breaker = `${path}.break`
  try {
    await writeFile(breaker, JSON.stringify({ pid: process.pid, token: 'breaker' }), { flag: 'wx', mode: 0o600 })
  } catch (e) {
    if (errnoOf(e) !== 'EEXIST') throw e
    const other = await readHolder(breaker)
    // A recoverer that died in the few instructions it holds the breaker.
    if (other && (await isStale(other)) && other.ageMs > 1_000) await unlinkIfPresent(breaker)
    return
  }
  try {
    const now = await readHolder(path)
    if (now && now.token === stale.token) await unlink(path)
  } finally {
    await unlinkIfPresent(breaker)
  }
}

export interface HeldLock {
  path: string
  release(): Promise<void>
}

/**
 * Take the lock at `path` for `what` (e.g. `wallet "miner"`), waiting up to `timeoutMs` while a live process
 * holds it; a lock of a dead process is recovered. Fails with one line (exit 1, WALLET_LOCKED) naming the
 * holder and the lock file.
 */
export async function acquireLock(path: string, what: string, opts: { timeoutMs?: number; errorPath?: string } = {}): Promise<HeldLock> {
  const timeoutMs = opts.timeoutMs ?? lockTimeoutMs()
  // File-system failures name the folder the user knows, not the lock file inside it.
  const errorPath = opts.errorPath ?? path
  const dir = dirname(path)
  const mine: LockInfo = {
    pid: process.pid,
    token: Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('hex'),
    host: hostname(),
    boot: await bootId(),
    start: await startTime(process.pid),
    since: new Date().toISOString(),
  }
  const deadline = Date.now() + timeoutMs
  const tmp = join(dir, tempName('lock'))
  const writeTmp = () => writeFile(tmp, JSON.stringify(mine), { flag: 'wx', mode: 0o600 })
  try {
    await writeTmp()
  } catch (e) {
    await unlinkIfPresent(tmp).catch(() => undefined)
    throw fsError(e, 'write', errorPath)
  }
  try {
    for (;;) {
      try {
        await link(tmp, path)
        break
      } catch (e) {
        const code = errnoOf(e)
        if (code === 'ENOENT') {
          // The folder was removed under us (an undone creation): make it again.
          await mkdir(dir, { recursive: true, mode: 0o700 })
          await writeTmp().catch(() => undefined)
          continue
        }
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
          // No hard links here: O_EXCL create, then the content.
          const h = await open(path, 'wx', 0o600).catch((err) => (errnoOf(err) === 'EEXIST' ? undefined : Promise.reject(err)))
          if (h) {
            await h.writeFile(JSON.stringify(mine))
            await h.close()
            break
          }
        } else if (code !== 'EEXIST') throw e
      }
      const holder = await readHolder(path)
      if (!holder) continue
      if (await isStale(holder)) {
        await breakStale(path, holder)
        continue
      }
      if (Date.now() >= deadline) throw busy(what, path, holder)
      await sleep(40 + Math.random() * 60)
    }
  } catch (e) {
    throw e instanceof TaoError ? e : fsError(e, 'write', errorPath)
  } finally {
    await unlinkIfPresent(tmp).catch(() => undefined)
  }
  return {
    path,
    release: async () => {
      const now = await readHolder(path).catch(() => undefined)
      if (now?.token === mine.token) await unlinkIfPresent(path).catch(() => undefined)
    },
  }
}

function busy(what: string, path: string, h: Holder) {
  const who = h.unreadable ? 'another process' : `another tao run (pid ${h.pid}${h.host && h.host !== hostname() ? ` on ${h.host}` : ''})`
  const since = h.since ? ` since ${h.since}` : ''
  return failed(
    `${what} is busy: ${who} is changing it${since}; try again, or remove ${path} if that process is not running`,
    'WALLET_LOCKED',
  )
}
