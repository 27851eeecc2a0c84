import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { applyJournaled, hasJournal, recoverJournal } from './journal.js'
import { acquireLock } from './lock.js'

const made: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tao-lock-'))
  made.push(dir)
  return dir
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** The pid of a process that has exited. */
const deadPid = (): number =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout)
const utf8 = (s: string) => new TextEncoder().encode(s)

describe('wallet lock', () => {
  it('one holder at a time: the second waits for the first to release', async () => {
    const path = join(tempDir(), 'lock')
    const first = await acquireLock(path, 'wallet "w"')
    const order: string[] = []
    const second = acquireLock(path, 'wallet "w"', { timeoutMs: 5_000 }).then((l) => (order.push('second'), l))
    await new Promise((r) => setTimeout(r, 200))
    order.push('first releases')
    await first.release()
    await (await second).release()
    expect(order).toEqual(['first releases', 'second'])
    expect(existsSync(path)).toBe(false)
  })

  it('a held lock fails after the deadline with one line naming the holder and the lock file', async () => {
    const path = join(tempDir(), 'lock')
    const held = await acquireLock(path, 'wallet "w"')
    const started = Date.now()
    const e = await acquireLock(path, 'wallet "w"', { timeoutMs: 300 }).catch((err) => err)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(e).toMatchObject({ code: 'WALLET_LOCKED', exitCode: 1 })
    expect(e.message).toContain(`pid ${process.pid}`)
    expect(e.message).toContain(path)
    expect(e.message).not.toContain('\n')
    await held.release()
  })

  it("recovers a dead process's lock, and one whose pid was reused by another process", async () => {
    const dir = tempDir()
    const path = join(dir, 'lock')
    writeFileSync(path, JSON.stringify({ pid: deadPid(), token: 'dead' }))
    await (await acquireLock(path, 'wallet "w"', { timeoutMs: 0 })).release()
    // This process's pid, but another start time: the holder is gone, the pid reused.
    writeFileSync(path, JSON.stringify({ pid: process.pid, token: 'reused', start: '1' }))
    await (await acquireLock(path, 'wallet "w"', { timeoutMs: 0 })).release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('many contenders for a stale lock: still one holder at a time', async () => {
    const path = join(tempDir(), 'lock')
    writeFileSync(path, JSON.stringify({ pid: deadPid(), token: 'dead' }))
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const l = await acquireLock(path, 'wallet "w"', { timeoutMs: 10_000 })
        most = Math.max(most, ++inside)
        await new Promise((r) => setTimeout(r, 5))
        inside--
        await l.release()
      }),
    )
    expect(most).toBe(1)
  })

  it('release leaves a lock that is not its own', async () => {
    const path = join(tempDir(), 'lock')
    const l = await acquireLock(path, 'wallet "w"')
    writeFileSync(path, JSON.stringify({ pid: process.pid, token: 'someone else' }))
    await l.release()
    expect(existsSync(path)).toBe(true)
  })
})

describe('all-or-nothing change of several files', () => {
  it('puts every file in place and leaves no journal or temp file', async () => {
    const base = tempDir()
    const state = join(base, '.tao')
    mkdirSync(state)
    writeFileSync(join(base, 'a'), 'old a')
    await applyJournaled(base, state, [
      { path: join(base, 'a'), data: utf8('new a'), mode: 0o600, replace: true },
      { path: join(base, 'b'), data: utf8('new b'), mode: 0o644, replace: false },
    ])
    expect(readFileSync(join(base, 'a'), 'utf8')).toBe('new a')
    expect(readFileSync(join(base, 'b'), 'utf8')).toBe('new b')
    expect(readdirSync(state)).toEqual([])
  })

  it('a file that must be new and exists: nothing changes (KEY_EXISTS)', async () => {
    const base = tempDir()
    const state = join(base, '.tao')
    mkdirSync(state)
    writeFileSync(join(base, 'b'), 'theirs')
    const e = await applyJournaled(base, state, [
      { path: join(base, 'a'), data: utf8('mine'), mode: 0o600, replace: false },
      { path: join(base, 'b'), data: utf8('mine'), mode: 0o600, replace: false },
    ]).catch((err) => err)
    expect(e).toMatchObject({ code: 'KEY_EXISTS', exitCode: 2 })
    expect(existsSync(join(base, 'a'))).toBe(false)
    expect(readFileSync(join(base, 'b'), 'utf8')).toBe('theirs')
    expect(readdirSync(state)).toEqual([])
  })

  it('a failure half-way is undone at once: old files back, new ones gone, nothing left pending', async () => {
    const base = tempDir()
    const state = join(base, '.tao')
    mkdirSync(state)
    writeFileSync(join(base, 'pub'), 'old pub')
    writeFileSync(join(base, 'key'), 'old key')
    const stop = new Error('killed')
    for (const at of [0, 1, 2]) {
      const e = await applyJournaled(
        base,
        state,
        [
          { path: join(base, 'pub'), data: utf8('new pub'), mode: 0o644, replace: true },
          { path: join(base, 'key'), data: utf8('new key'), mode: 0o600, replace: true },
          { path: join(base, 'extra'), data: utf8('new extra'), mode: 0o600, replace: false },
        ],
        // (A writer killed half-way leaves its journal instead: test/wallet/wallet-safety.test.ts.)
        { afterStep: async (i) => (i === at ? Promise.reject(stop) : undefined) },
      ).catch((err) => err)
      expect(e).toBeInstanceOf(Error)
      expect(readFileSync(join(base, 'pub'), 'utf8')).toBe('old pub')
      expect(readFileSync(join(base, 'key'), 'utf8')).toBe('old key')
      expect(existsSync(join(base, 'extra'))).toBe(false)
      expect(await hasJournal(state)).toBe(false)
      expect(await recoverJournal(base, state, () => true)).toBe(false)
    }
  })
})
