/**
 * Ink and React load only when `tao watch` draws: no other command (nor `tao watch --help`, nor a watch that
 * refuses to start) pays for them at start-up. A resolve hook records every module the CLI loads.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot, taoBin } from '../helpers/cli.js'

const HOOK = `
import { registerHooks } from 'node:module'
import { appendFileSync } from 'node:fs'
registerHooks({ resolve(specifier, context, next) {
  const r = next(specifier, context)
  appendFileSync(process.env.TAO_LOADED_LOG, r.url + '\\n')
  return r
} })`

/** The module URLs a `tao` run loads. */
function modulesLoaded(args: string[]): string[] {
  const log = path.join(cleanEnv().HOME, `loaded-${args.join('-').replace(/\W/g, '')}.log`)
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`, taoBin, ...args], {
    cwd: repoRoot,
    env: { ...cleanEnv(), TAO_LOADED_LOG: log },
    encoding: 'utf8',
  })
  expect(r.error).toBeUndefined()
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
}

const heavy = (urls: string[]) => urls.filter((u) => /\/node_modules\/(ink|react|react-reconciler|yoga-layout)\/|\/dist\/tui\//.test(u))

describe('Ink and React load lazily', () => {
  it('no command file imports them (or src/tui) statically', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.tsx?$/.test(e.name)) files.push(p)
      }
    }
    walk(path.join(repoRoot, 'src/commands'))
    for (const f of files) {
      const statics = [...readFileSync(f, 'utf8').matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1])
      for (const s of statics) expect(s, `${path.relative(repoRoot, f)} imports ${s}`).not.toMatch(/^(ink|react)(\/|$)|\/tui\//)
    }
  })

  it('other commands, `tao watch --help` and a watch that refuses to start never load them', () => {
    const version = modulesLoaded(['--version'])
    expect(version.some((u) => u.includes('/node_modules/@oclif/core/'))).toBe(true) // the hook sees the CLI load
    expect(heavy(version)).toEqual([])
    expect(heavy(modulesLoaded(['wallet', 'list', '--json']))).toEqual([])
    expect(heavy(modulesLoaded(['watch', '--help']))).toEqual([])
    // stdout is a pipe here: watch refuses (exit 2) before loading anything heavy.
    expect(heavy(modulesLoaded(['watch', '--network', 'local']))).toEqual([])
  })
})
