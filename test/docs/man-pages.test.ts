import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))

describe('man pages', () => {
  it('man/ holds exactly what the generator makes from the current commands', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tao-man-'))
    execFileSync(process.execPath, [join(root, 'scripts/gen-man.js'), fresh])
    const expected = readdirSync(fresh).sort()
    expect(readdirSync(join(root, 'man')).filter((f) => f.endsWith('.1')).sort()).toEqual(expected)
    for (const f of expected) expect(readFileSync(join(root, 'man', f), 'utf8'), f).toBe(readFileSync(join(fresh, f), 'utf8'))
  })

  it('every command has a page, and the committed pages match the build', () => {
    const ids = Object.keys(manifest.commands).filter((id) => !manifest.commands[id].hidden)
    for (const id of ids) expect(readdirSync(join(root, 'man'))).toContain(`tao-${id.split(':').join('-')}.1`)
    // The build regenerates man/: a difference from git means someone forgot to commit the pages.
    const status = execFileSync('git', ['status', '--porcelain', '--', 'man'], { cwd: root, encoding: 'utf8' })
    expect(status, 'man/ differs from the committed pages: run npm run build and commit man/').toBe('')
  })

  it("package.json's man field lists every page (npm installs only those)", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const pages = readdirSync(join(root, 'man')).filter((f) => f.endsWith('.1'))
    expect([...pkg.man].sort()).toEqual(pages.map((f) => `./man/${f}`).sort())
  })

  it('renders with man(1) where it is installed', () => {
    try {
      execFileSync('man', ['--version'], { stdio: 'ignore' })
    } catch {
      return // man is not on every machine; the text checks above still hold
    }
    const out = execFileSync('man', ['-l', join(root, 'man/tao-config-set.1')], { encoding: 'utf8', env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat' } })
    expect(out).toMatch(/config set/)
  })
})
