import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { ensureDir, walletPaths, writeFileAtomic } from './files.js'

describe('atomic files', () => {
  it('writes 0600 files and refuses to overwrite without consent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tao-files-'))
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
    const dir = mkdtempSync(join(tmpdir(), 'tao-files-'))
    const p = join(dir, 'key')
    const old = 'old content '.repeat(100)
    writeFileSync(p, old)
    const big = 64 * 1024 * 1024
    // A child rewrites the file with 64 MiB through writeFileAtomic; kill it at several instants.
    // This module, bundled by esbuild into one file, runs in a plain node child.
    const built = pathToFileURL(join(dir, 'files.mjs')).href
    await build({ entryPoints: [new URL('./files.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile: new URL(built).pathname, logLevel: 'error' })
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

  it('makes private folders and validates names', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tao-files-')), 'a', 'b')
    await ensureDir(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(walletPaths('/w', 'x', 'h').hotkeypub).toBe('/w/x/hotkeys/hpub.txt')
    expect(() => walletPaths('/w', '../x', 'h')).toThrow(/not a valid name/)
    expect(() => walletPaths('/w', 'x', '')).toThrow(/not a valid name/)
  })
})
