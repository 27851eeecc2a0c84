import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { chmod, link, lstat, mkdir, open, rename, rm, rmdir, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { badInput } from '../core/errors.js'
import { uninterruptible } from '../core/interrupt.js'
import { errnoOf, fsError, onFs } from './fs-errors.js'

/** A short private temp name: never longer than the target's, so a long key name cannot overflow NAME_MAX. */
// Web Crypto's random source: importing node:crypto would cost every command's start-up.
export const tempName = (prefix = 'tmp'): string =>
  `.${prefix}-${Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex')}.tmp`

/** Write a new private file (O_EXCL), fsync it; the caller places it. */
export async function writeNewFile(path: string, data: Uint8Array, mode: number): Promise<void> {
  const handle = await open(path, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.chmod(mode)
    await handle.sync()
  } catch (e) {
    await handle.close().catch(() => undefined)
    await rm(path, { force: true })
    throw e
  }
  await handle.close()
}

/**
 * Give `source`'s content the name `target` only if `target` does not exist, atomically: link(2), which fails
 * with EEXIST instead of replacing (no check-then-rename window). On a file system without hard links an
 * O_EXCL reservation of the name is renamed over (the name is still taken exclusively). `source` is gone
 * afterwards either way; the inode (and so its identity) is the same.
 */
export async function createExclusive(source: string, target: string): Promise<void> {
  try {
    await link(source, target)
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errnoOf(e) ?? '')) throw e
    await (await open(target, 'wx', 0o600)).close()
    await rename(source, target).catch(async (err) => {
      await unlink(target).catch(() => undefined)
      throw err
    })
    return
  }
  await unlink(source)
}

/**
 * Write a file so that a crash or kill at any instant leaves either the old file or the new one:
 * a private temp file beside it (O_EXCL, mode 0600), fsync, then rename over the target (overwrite) or
 * link to it (create-exclusive: exit 2 KEY_EXISTS when it exists, decided atomically), fsync the folder.
 * File-system failures are one line naming `path`.
 */
export function writeFileAtomic(path: string, data: Uint8Array, opts: { overwrite: boolean; mode?: number }): Promise<void> {
  // Ctrl-C in the middle would leave the temp file behind: finish first.
  return uninterruptible(() => writeAtomic(path, data, opts))
}

async function writeAtomic(path: string, data: Uint8Array, opts: { overwrite: boolean; mode?: number }): Promise<void> {
  const mode = opts.mode ?? 0o600
  const tmp = join(dirname(path), tempName())
  await onFs('write', path, () => writeNewFile(tmp, data, mode))
  try {
    if (opts.overwrite) await rename(tmp, path)
    else await createExclusive(tmp, path)
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') throw badInput(`${path} already exists; use --overwrite to replace it`, 'KEY_EXISTS')
    throw fsError(e, 'write', path)
  } finally {
    await rm(tmp, { force: true })
  }
  await syncDir(dirname(path))
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r')
    try {
      await h.sync()
    } finally {
      await h.close()
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  }
}

/**
 * Whether anything (of any type: a file, a folder, a link even to nothing) is at a path. Absent means the
 * system says so (ENOENT, or ENOTDIR: a file where a folder would be). Anything else that stops us looking
 * (permission denied on a folder above, a loop of links, an I/O error) counts as there: we cannot see
 * what it is, so a caller about to create or replace the path must not take it as free.
 */
export async function pathExists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (e) => errnoOf(e) !== 'ENOENT' && errnoOf(e) !== 'ENOTDIR',
  )
}

/**
 * The most tao reads from a file in its own folders (wallets, state, config, cache). No file tao writes comes
 * near these sizes; a file that does was put there by something else, and is refused before a byte is read.
 */
export const READ_LIMIT = {
  /** A key file or a public-key file (btcli's are under 1 KiB). */
  key: 64 * 1024,
  /** Secrets and small records: password and mnemonic files, lock files, the localnet record. */
  small: 64 * 1024,
  /** JSON documents tao keeps: config, key records, the journal, a polkadot-js export. */
  json: 1024 * 1024,
  /** Pending weight commits of one hotkey on one subnet. */
  commits: 16 * 1024 * 1024,
  /** Runtime metadata (a few MB today). */
  metadata: 64 * 1024 * 1024,
} as const

const tooLarge = (path: string, what: string, size: number, max: number) =>
  badInput(`${what} at ${path} is ${size} bytes, more than such a file can be (${max} bytes); it was not read`, 'FILE_TOO_LARGE')

/**
 * Read a file tao keeps, refusing anything that is not a regular file (a FIFO would block for ever, a device
 * could do worse) or is larger than `maxBytes`: checked before opening, and again on the opened file
 * (O_NONBLOCK, so even a FIFO swapped in between cannot block). Missing files reject with ENOENT for the
 * caller to word.
 */
export async function readRegularFile(path: string, what: string, maxBytes: number = READ_LIMIT.key): Promise<Uint8Array> {
  const notRegular = () => badInput(`${what} at ${path} is not a regular file`, 'NOT_A_FILE')
  const before = await stat(path)
  if (!before.isFile()) throw notRegular()
  if (before.size > maxBytes) throw tooLarge(path, what, before.size, maxBytes)
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  try {
    const s = await handle.stat()
    if (!s.isFile()) throw notRegular()
    if (s.size > maxBytes) throw tooLarge(path, what, s.size, maxBytes)
    // Read at most one byte past the limit: a file that grows after the check is still refused, never read whole.
    const buf = Buffer.alloc(Math.min(s.size, maxBytes) + 1)
    let got = 0
    for (;;) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, got)
      if (bytesRead === 0) break
      got += bytesRead
      if (got === buf.length) break
    }
    if (got > maxBytes) throw tooLarge(path, what, got, maxBytes)
    return new Uint8Array(buf.buffer, buf.byteOffset, got)
  } finally {
    await handle.close()
  }
}

/** The same checks for the few readers that must stay synchronous (config at start-up, the localnet record). */
export function readRegularFileSync(path: string, what: string, maxBytes: number): string {
  const notRegular = () => badInput(`${what} at ${path} is not a regular file`, 'NOT_A_FILE')
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  try {
    const s = fstatSync(fd)
    if (!s.isFile()) throw notRegular()
    if (s.size > maxBytes) throw tooLarge(path, what, s.size, maxBytes)
    const buf = Buffer.alloc(s.size + 1)
    let got = 0
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, got)
      if (n === 0) break
      got += n
      if (got === buf.length) break
    }
    if (got > maxBytes) throw tooLarge(path, what, got, maxBytes)
    return buf.subarray(0, got).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * Create a folder (and parents) private to the user; tighten an existing one we created loosely.
 * Returns the folders this call created (for undoing), none when all existed.
 */
export async function ensureDir(path: string): Promise<string[]> {
  const first = await onFs('create the folder', path, () => mkdirs(path))
  const s = await onFs('create the folder', path, () => stat(path))
  if (!s.isDirectory()) throw badInput(`${path} is not a folder`, 'NOT_A_FOLDER')
  if ((s.mode & 0o077) !== 0 && process.getuid && s.uid === process.getuid()) await chmod(path, 0o700).catch(() => undefined)
  const created: string[] = []
  if (first !== undefined) for (let d = path; d.length >= first.length && d !== dirname(d); d = dirname(d)) created.push(d)
  return created
}

/**
 * mkdir -p. Node's recursive mkdir reports some failures (EROFS, ENOSPC) as ENOENT of the folder it could
 * not make: then the first missing folder is made alone, which fails with the real cause.
 */
async function mkdirs(path: string): Promise<string | undefined> {
  try {
    return await mkdir(path, { recursive: true, mode: 0o700 })
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw e
    let missing = path
    while (dirname(missing) !== missing && !(await pathExists(dirname(missing)))) missing = dirname(missing)
    await mkdir(missing, { mode: 0o700 })
    await mkdir(path, { recursive: true, mode: 0o700 })
    return missing
  }
}

/** Remove folders this run created, innermost first, only while they are empty (others may be using them). */
export async function removeCreatedDirs(dirs: string[]): Promise<void> {
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined)
}

/** Remove a file if it is there. */
export const unlinkIfPresent = (path: string): Promise<void> =>
  unlink(path).catch((e) => (errnoOf(e) === 'ENOENT' ? undefined : Promise.reject(e)))

/** The longest file name most file systems hold (bytes). */
