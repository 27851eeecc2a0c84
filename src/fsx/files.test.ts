import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureDir, pathExists, readRegularFile, writeFileAtomic } from './files.js'
import { fsError } from './fs-errors.js'

const made: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tao-files-'))
  made.push(dir)
  return dir
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('atomic files', () => {
  it('writes 0600 files and refuses to overwrite without consent', async () => {
    const dir = tempDir()
    const p = join(dir, 'key')
    await writeFileAtomic(p, new TextEncoder().encode('one'), { overwrite: false })
    expect(statSync(p).mode & 0o777).toBe(0o600)
    await expect(writeFileAtomic(p, new TextEncoder().encode('two'), { overwrite: false })).rejects.toThrow(/already exists/)
    expect(readFileSync(p, 'utf8')).toBe('one')
    await writeFileAtomic(p, new TextEncoder().encode('two'), { overwrite: true })
    expect(readFileSync(p, 'utf8')).toBe('two')
    expect(readdirSync(dir)).toEqual(['key'])
  })

  it('a process killed while writing leaves the old file whole', async () => {
    const dir = tempDir()
    const p = join(dir, 'key')
    const old = 'old content '.repeat(100)
    writeFileSync(p, old)
    const big = 64 * 1024 * 1024
    // A child rewrites the file with 64 MiB through writeFileAtomic; kill it at several instants.
    // This module, bundled by esbuild into one file, runs in a plain node child.
    // This module, bundled by esbuild into one file, runs in a plain node child (dist/ is bundled per command).
    const built = pathToFileURL(join(dir, 'files.mjs')).href
    await build({
      entryPoints: [fileURLToPath(new URL('./files.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: fileURLToPath(built),
      logLevel: 'error',
    })
    const outcomes: string[] = []
    for (const delay of [60, 120, 200, 400, 5000]) {
      const child = spawn(process.execPath, [
        '--input-type=module',
        '-e',
        `import { writeFileAtomic } from ${JSON.stringify(built)};
         await writeFileAtomic(${JSON.stringify(p)}, new Uint8Array(${big}).fill(65), { overwrite: true })`,
      ])
      const exited = new Promise((r) => child.once('exit', r))
      await new Promise((r) => setTimeout(r, delay))
      child.kill('SIGKILL')
      await exited
      const now = readFileSync(p)
      // Either the old file or the complete new one, never a torn mix.
      const whole = now.length === old.length ? now.toString() === old : now.length === big && now.every((b) => b === 65)
      expect(whole).toBe(true)
      outcomes.push(now.length === big ? 'new' : 'old')
    }
    // The child really wrote: given time, the new file is complete.
    expect(outcomes.at(-1)).toBe('new')
  })

  it('makes private folders', async () => {
    const dir = join(tempDir(), 'a', 'b')
    await ensureDir(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('a key name that fills NAME_MAX still gets its temp file (temp names are short)', async () => {
    const dir = tempDir()
    const p = join(dir, 'k'.repeat(255))
    await writeFileAtomic(p, new TextEncoder().encode('x'), { overwrite: false })
    expect(readFileSync(p, 'utf8')).toBe('x')
  })

  it('of many writers creating one file at once, exactly one wins; the file is whole', async () => {
    const dir = tempDir()
    const p = join(dir, 'key')
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => writeFileAtomic(p, new TextEncoder().encode(`writer ${i}`), { overwrite: false })),
    )
    const won = results.map((r, i) => (r.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0)
    expect(won).toHaveLength(1)
    expect(readFileSync(p, 'utf8')).toBe(`writer ${won[0]}`)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'KEY_EXISTS', exitCode: 2 })
    expect(readdirSync(dir)).toEqual(['key'])
  })

  it('refuses a FIFO without opening it (no hang)', async () => {
    const dir = tempDir()
    const fifo = join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    await expect(readRegularFile(fifo, 'the coldkey')).rejects.toMatchObject({ code: 'NOT_A_FILE', exitCode: 2 })
    await expect(readRegularFile(dir, 'the coldkey')).rejects.toThrow(/not a regular file/)
  })

  it('names the user path and the cause of a file-system failure, never a temp file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'file'), 'x')
    const target = join(dir, 'file', 'key')
    const e = await writeFileAtomic(target, new Uint8Array(1), { overwrite: true }).catch((err) => err)
    expect(e).toMatchObject({ code: 'NOT_A_FOLDER', exitCode: 2, message: `cannot write ${target}: a part of the path is not a folder` })
    expect(fsError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'write', '/w/k')).toMatchObject({
      code: 'DISK_FULL',
      exitCode: 1,
      message: 'cannot write /w/k: no space left on the device',
    })
    expect(fsError(Object.assign(new Error('x'), { code: 'EROFS' }), 'write', '/w/k')).toMatchObject({ code: 'READ_ONLY', exitCode: 1 })
    expect(fsError(Object.assign(new Error('x'), { code: 'ENAMETOOLONG' }), 'write', '/w/k')).toMatchObject({
      code: 'NAME_TOO_LONG',
      exitCode: 2,
    })
  })
})

describe('reads are bounded', () => {
  it('a file larger than its kind can be is refused before it is read (sparse 2 GB file)', async () => {
    const { truncateSync } = await import('node:fs')
    const { READ_LIMIT, readRegularFileSync } = await import('./files.js')
    const p = join(tempDir(), 'big')
    writeFileSync(p, '')
    truncateSync(p, 2 * 1024 ** 3)
    await expect(readRegularFile(p, 'the key', READ_LIMIT.key)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', exitCode: 2 })
    expect(() => readRegularFileSync(p, 'the config file', READ_LIMIT.json)).toThrow(/2147483648 bytes, more than such a file can be/)
    writeFileSync(p, 'small')
    expect(Buffer.from(await readRegularFile(p, 'the key', 8)).toString()).toBe('small')
    expect(readRegularFileSync(p, 'the config file', 8)).toBe('small')
  })
})

describe('pathExists', () => {
  it('is false only where the system says nothing is there', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'file'), 'x')
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'))
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'))
    expect(await pathExists(join(dir, 'file'))).toBe(true)
    expect(await pathExists(dir)).toBe(true)
    // A link is something, even to nothing: creating the path would fail.
    expect(await pathExists(join(dir, 'dangling'))).toBe(true)
    expect(await pathExists(join(dir, 'absent'))).toBe(false)
    // ENOTDIR: a file where a folder would be.
    expect(await pathExists(join(dir, 'file', 'below'))).toBe(false)
  })

  it('counts a path it cannot look at as there (unreadable is not free)', async () => {
    const dir = tempDir()
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'))
    // ELOOP stands for every error other than ENOENT/ENOTDIR (EACCES needs a non-root user).
    expect(await pathExists(join(dir, 'loop', 'below'))).toBe(true)
  })
})
