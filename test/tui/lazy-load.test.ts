/**
 * Ink and React load only when `tao watch` draws: no command file imports them statically (what each start
 * really loads is checked in test/cli/startup.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

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

  // That no command loads them at start-up (nor `watch --help`, nor a watch that refuses to start) is checked
  // with every other heavy part in test/cli/startup.test.ts.
})
