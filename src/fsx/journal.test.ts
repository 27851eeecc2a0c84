import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { recoverJournal } from './journal.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A wallet-like folder with a planted journal naming `entries`, and a victim file outside it. */
function planted(entries: unknown[]) {
  const root = mkdtempSync(join(tmpdir(), 'tao-journal-'))
  made.push(root)
  const base = join(root, 'wallet')
  const state = join(base, '.tao')
  mkdirSync(state, { recursive: true })
  const victim = join(root, 'victim')
  writeFileSync(victim, 'precious')
  writeFileSync(join(state, 'journal'), JSON.stringify({ version: 1, entries }))
  return { root, base, state, victim }
}

const keyFiles = (p: string) => ['coldkey', 'coldkeypub.txt'].includes(p) || /^hotkeys\/[^/]+$/.test(p)
const tmp = '.tmp-0123456789ab.tmp'
const bak = '.bak-0123456789ab.tmp'

describe('recoverJournal refuses a journal it could not have written, and touches nothing', () => {
  it('a target outside the folder', async () => {
    const { base, state, victim } = planted([{ target: '../victim', tmp, ino: 1, dev: 1 }])
    await expect(recoverJournal(base, state, keyFiles)).rejects.toMatchObject({ code: 'JOURNAL_DAMAGED', exitCode: 1 })
    expect(readFileSync(victim, 'utf8')).toBe('precious')
    expect(readFileSync(join(state, 'journal'), 'utf8')).toContain('victim')
  })

  it('a backup that would be renamed over a file outside', async () => {
    const { base, state, victim } = planted([{ target: '../victim', tmp, backup: bak, ino: 1, dev: 1 }])
    writeFileSync(join(state, bak), 'attacker')
    await expect(recoverJournal(base, state, keyFiles)).rejects.toMatchObject({ code: 'JOURNAL_DAMAGED' })
    expect(readFileSync(victim, 'utf8')).toBe('precious')
  })

  it('an absolute target, a staged name not ours, a target of a kind we never write', async () => {
    for (const entry of [
      { target: '/etc/passwd', tmp, ino: 1, dev: 1 },
      { target: 'coldkey', tmp: '../../victim', ino: 1, dev: 1 },
      { target: 'coldkey', tmp, backup: '../victim', ino: 1, dev: 1 },
      { target: 'notes.txt', tmp, ino: 1, dev: 1 },
      { target: 'hotkeys/../coldkey', tmp, ino: 1, dev: 1 },
      { target: 'coldkey', tmp, ino: '1', dev: 1 },
    ]) {
      const { base, state, victim } = planted([entry])
      await expect(recoverJournal(base, state, keyFiles), JSON.stringify(entry)).rejects.toMatchObject({ code: 'JOURNAL_DAMAGED' })
      expect(readFileSync(victim, 'utf8')).toBe('precious')
    }
  })

  it('a target reached through a symbolic link', async () => {
    const { root, base, state, victim } = planted([{ target: 'hotkeys/victim', tmp, backup: bak, ino: 1, dev: 1 }])
    symlinkSync(root, join(base, 'hotkeys'))
    writeFileSync(join(state, bak), 'attacker')
    await expect(recoverJournal(base, state, keyFiles)).rejects.toMatchObject({ code: 'JOURNAL_DAMAGED' })
    expect(readFileSync(victim, 'utf8')).toBe('precious')
  })

  it('an oversized journal is refused unread', async () => {
    const { base, state } = planted([])
    writeFileSync(join(state, 'journal'), Buffer.alloc(2 * 1024 * 1024, 0x20))
    await expect(recoverJournal(base, state, keyFiles)).rejects.toMatchObject({ code: 'JOURNAL_DAMAGED' })
  })

  it('a journal of our own is still rolled back', async () => {
    const { base, state } = planted([{ target: 'coldkeypub.txt', tmp, backup: bak, ino: 1, dev: 1 }])
    writeFileSync(join(base, 'coldkeypub.txt'), 'new')
    writeFileSync(join(state, bak), 'old')
    expect(await recoverJournal(base, state, keyFiles)).toBe(true)
    expect(readFileSync(join(base, 'coldkeypub.txt'), 'utf8')).toBe('old')
  })
})
