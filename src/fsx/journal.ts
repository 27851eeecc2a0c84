import { copyFile, link, lstat, readdir, rename, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path'
import { badInput, failed, TaoError } from '../core/errors.js'
import { errnoOf, fsError } from './fs-errors.js'
import { createExclusive, READ_LIMIT, readRegularFile, syncDir, tempName, unlinkIfPresent, writeNewFile } from './files.js'

/**
 * Several files replaced as one: all of them or none, even across kill -9 (a key file and its public file
 * must always belong to the same key). Every new file is first written in full beside the others (in a
 * private journal folder), then a journal naming each step is written, then the files are put in place
 * (create-exclusive with link(2), or a rename over a file kept as a backup), then the journal is removed:
 * that removal makes the change final. A journal found later (the writer died) is rolled back: backups return,
 * files the dead writer created are removed. Callers hold the folder's lock (./lock.ts).
 */
export interface PlannedFile {
  /** Absolute path, inside `base`. */
  path: string
  data: Uint8Array
  mode: number
  /** May replace an existing file; otherwise the file must not exist (decided atomically). */
  replace: boolean
}

interface JournalEntry {
  /** Relative to `base`. */
  target: string
  /** Names in the journal folder. */
  tmp: string
  backup?: string
  /** Identity of the new file, to recognise it when rolling back. */
  ino: number
  dev: number
}

interface Journal {
  version: 1
  entries: JournalEntry[]
}

const JOURNAL = 'journal'
const ours = (name: string) => /^\.(tmp|bak|journal)-[0-9a-f]+\.tmp$/.test(name)
const STAGED = /^\.tmp-[0-9a-f]{12}\.tmp$/
const BACKUP = /^\.bak-[0-9a-f]{12}\.tmp$/

/** Which files a journal in this folder may name (relative to its base): the caller's own kinds of file. */
export type JournalTargets = (relativePath: string) => boolean

export interface JournalOptions {
  /** Test hook: called after each file is in place, before the change is final. */
  afterStep?(index: number): Promise<void>
}

/** Whether a change was interrupted here (a journal is left). */
export async function hasJournal(journalDir: string): Promise<boolean> {
  return lstat(join(journalDir, JOURNAL)).then(
    () => true,
    () => false,
  )
}

export async function applyJournaled(base: string, journalDir: string, files: PlannedFile[], opts: JournalOptions = {}): Promise<void> {
  const entries: JournalEntry[] = []
  const staged: string[] = []
  try {
    for (const f of files) {
      const tmp = tempName('tmp')
      staged.push(tmp)
      await writeNewFile(join(journalDir, tmp), f.data, f.mode).catch((e) => Promise.reject(fsError(e, 'write', f.path)))
      const s = await stat(join(journalDir, tmp))
      const existed = await lstat(f.path).then(
        () => true,
        (e) => (errnoOf(e) === 'ENOENT' ? false : Promise.reject(fsError(e, 'write', f.path))),
      )
      if (existed && !f.replace) throw badInput(`${f.path} already exists; use --overwrite to replace it`, 'KEY_EXISTS')
      entries.push({ target: relative(base, f.path), tmp, backup: existed ? tempName('bak') : undefined, ino: s.ino, dev: s.dev })
    }
    const journalTmp = tempName('journal')
    staged.push(journalTmp)
    await writeNewFile(
      join(journalDir, journalTmp),
      new TextEncoder().encode(JSON.stringify({ version: 1, entries } satisfies Journal)),
      0o600,
    )
    await rename(join(journalDir, journalTmp), join(journalDir, JOURNAL))
    await syncDir(journalDir)
  } catch (e) {
    for (const tmp of staged) await unlinkIfPresent(join(journalDir, tmp)).catch(() => undefined)
    throw fsError(e, 'write', files[entries.length]?.path ?? base)
  }

  let step = 0
  try {
    for (; step < entries.length; step++) {
      const e = entries[step]!
      const target = join(base, e.target)
      const tmp = join(journalDir, e.tmp)
      if (e.backup) {
        await keepBackup(target, join(journalDir, e.backup))
        await rename(tmp, target)
      } else {
        await createExclusive(tmp, target).catch((err) =>
          Promise.reject(
            errnoOf(err) === 'EEXIST' ? badInput(`${target} already exists; use --overwrite to replace it`, 'KEY_EXISTS') : err,
          ),
        )
      }
      await opts.afterStep?.(step)
    }
    for (const dir of new Set(entries.map((e) => dirname(join(base, e.target))))) await syncDir(dir)
  } catch (e) {
    await rollBack(base, journalDir, entries).catch(() => undefined)
    throw fsError(e, 'write', join(base, entries[Math.min(step, entries.length - 1)]?.target ?? ''))
  }
  // Removing the journal makes the change final.
  await unlinkIfPresent(join(journalDir, JOURNAL))
  await syncDir(journalDir)
  await sweep(journalDir)
}

/** A hard link to the file about to be replaced (a copy where links are not supported). */
async function keepBackup(target: string, backup: string): Promise<void> {
  try {
    await link(target, backup)
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errnoOf(e) ?? '')) throw e
    await copyFile(target, backup)
  }
}

async function rollBack(base: string, journalDir: string, entries: JournalEntry[]): Promise<void> {
  for (const e of [...entries].reverse()) {
    const target = join(base, e.target)
    if (e.backup) {
      // Still there only if the old file was set aside: put it back (a no-op when it never moved).
      await rename(join(journalDir, e.backup), target).catch((err) => (errnoOf(err) === 'ENOENT' ? undefined : Promise.reject(err)))
    } else {
      const s = await lstat(target).catch(() => undefined)
      if (s && s.ino === e.ino && s.dev === e.dev) await unlinkIfPresent(target)
    }
  }
  for (const dir of new Set(entries.map((e) => dirname(join(base, e.target))))) await syncDir(dir)
  await unlinkIfPresent(join(journalDir, JOURNAL))
  await syncDir(journalDir)
  await sweep(journalDir)
}

/** Remove what an interrupted change left in the journal folder (under the lock, nothing else is in flight). */
async function sweep(journalDir: string): Promise<void> {
  const names = await readdir(journalDir).catch(() => [] as string[])
  for (const name of names) if (ours(name)) await unlinkIfPresent(join(journalDir, name)).catch(() => undefined)
}

/**
 * Undo a change its writer did not finish (it was killed): returns whether there was one. A journal is data
 * found on disk, so before anything is touched every entry must be one this code could have written: a target
 * inside `base` that `targets` accepts, reached without a symbolic link, and staged files with our own names.
 * Anything else (a journal planted in a folder from elsewhere) is refused as damaged and nothing is changed.
 */
export async function recoverJournal(base: string, journalDir: string, targets: JournalTargets): Promise<boolean> {
  let text: string
  try {
    text = Buffer.from(await readRegularFile(join(journalDir, JOURNAL), 'the journal', READ_LIMIT.json)).toString('utf8')
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') {
      await sweep(journalDir)
      return false
    }
    if (e instanceof TaoError) throw damaged(base, journalDir)
    throw fsError(e, 'read', join(journalDir, JOURNAL))
  }
  let journal: Journal
  try {
    journal = JSON.parse(text) as Journal
    if (journal.version !== 1 || !Array.isArray(journal.entries)) throw new Error('unknown journal')
  } catch {
    throw damaged(base, journalDir)
  }
  for (const e of journal.entries) if (!(await entryIsOurs(base, journalDir, e, targets))) throw damaged(base, journalDir)
  try {
    await rollBack(base, journalDir, journal.entries)
  } catch (e) {
    throw e instanceof TaoError ? e : fsError(e, 'write', base)
  }
  return true
}

const damaged = (base: string, journalDir: string) =>
  failed(`an interrupted change in ${base} cannot be undone: its journal ${join(journalDir, JOURNAL)} is damaged`, 'JOURNAL_DAMAGED')

async function entryIsOurs(base: string, journalDir: string, e: unknown, targets: JournalTargets): Promise<boolean> {
  if (typeof e !== 'object' || e === null) return false
  const { target, tmp, backup, ino, dev } = e as Record<string, unknown>
  if (typeof target !== 'string' || typeof tmp !== 'string' || typeof ino !== 'number' || typeof dev !== 'number') return false
  if (!STAGED.test(tmp) || (backup !== undefined && (typeof backup !== 'string' || !BACKUP.test(backup)))) return false
  if (target === '' || isAbsolute(target) || normalize(target) !== target || target.split(sep).includes('..')) return false
  if (!targets(target)) return false
  // No step of the way may be a symbolic link: not the journal's folder, not a folder on the way to the target,
  // not the target, not a staged file.
  const steps = [journalDir, join(journalDir, tmp), ...(typeof backup === 'string' ? [join(journalDir, backup)] : [])]
  const parts = target.split(sep)
  for (let i = 1; i <= parts.length; i++) steps.push(join(base, ...parts.slice(0, i)))
  for (const p of steps) {
    const s = await lstat(p).catch((err) => (errnoOf(err) === 'ENOENT' ? undefined : Promise.reject(err)))
    if (s?.isSymbolicLink()) return false
  }
  return true
}
