import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Linter } from 'eslint'
import tseslint from 'typescript-eslint'
import { afterAll, describe, expect, it } from 'vitest'
import tao from '../../scripts/lint/plugin.mjs'

const LAYERS = [['commands'], ['cli'], ['tui', 'localnet'], ['core']]
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A tree of files on disk (the cycle rule reads the others from there); lints `file` (as `text`, if given). */
function lint(files: Record<string, string>, file: string, text = files[file] ?? '', more: Linter.RulesRecord = {}): string[] {
  const root = mkdtempSync(path.join(tmpdir(), 'taocli-lint-'))
  dirs.push(root)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { tao },
      rules: {
        'tao/no-cycle': ['error', { roots: ['src', 'test'] }],
        'tao/layers': ['error', { root: 'src', layers: LAYERS }],
        'tao/disable-reason': 'error',
        ...more,
      },
    },
  ]
  const messages = new Linter({ cwd: root }).verify(text, config, { filename: path.join(root, file) })
  return messages.map((m) => `${m.line}: ${m.message}`)
}

describe('tao/layers', () => {
  it('lets a folder import its own files and every lower layer', () => {
    const files = { 'src/cli/a.ts': "import './b.js'\nimport '../core/c.js'\nimport 'node:fs'\n", 'src/cli/b.ts': '', 'src/core/c.ts': '' }
    expect(lint(files, 'src/cli/a.ts')).toEqual([])
  })

  it('refuses an import up the layers, type-only and dynamic ones too, naming both folders and the order', () => {
    const files = {
      'src/core/a.ts':
        "import type { B } from '../cli/b.js'\nconst c = () => import('../commands/c.js')\ntype D = typeof import('../cli/b.js')\n",
      'src/cli/b.ts': 'export type B = 1\n',
      'src/commands/c.ts': '',
    }
    expect(lint(files, 'src/core/a.ts')).toEqual([
      '1: src/core may not import src/cli: layers point down: commands > cli > tui,localnet > core',
      '2: src/core may not import src/commands: layers point down: commands > cli > tui,localnet > core',
      '3: src/core may not import src/cli: layers point down: commands > cli > tui,localnet > core',
    ])
  })

  it('refuses an import between peers, from outside src/, and a folder missing from the order', () => {
    const files = {
      'src/tui/a.ts': "export { n } from '../localnet/n.js'\nimport '../../test/h.js'\n",
      'src/localnet/n.ts': '',
      'test/h.ts': '',
      'src/misc/m.ts': '',
    }
    expect(lint(files, 'src/tui/a.ts')).toEqual([
      '1: src/tui may not import src/localnet: peers on one layer do not import each other: commands > cli > tui,localnet > core',
      '2: src/tui may not import test/h.ts: code under src/ imports only from src/ and packages',
    ])
    expect(lint(files, 'src/misc/m.ts')).toEqual([
      '1: src/misc is in no layer: add it to the layer order in eslint.config.js (commands > cli > tui,localnet > core)',
    ])
  })

  it('counts a file directly under src/ in the bottom layer', () => {
    const files = { 'src/index.ts': "import './cli/b.js'\n", 'src/cli/b.ts': '' }
    expect(lint(files, 'src/index.ts')).toEqual([
      '1: src/index.ts (core) may not import src/cli: layers point down: commands > cli > tui,localnet > core',
    ])
  })
})

describe('tao/no-cycle', () => {
  it('finds a cycle through a type-only import, on each side, with the route', () => {
    const files = {
      'src/cli/a.ts': "import type { B } from './b.js'\nexport type A = B\n",
      'src/cli/b.ts': "import { c } from './c.js'\nexport type B = typeof c\n",
      'src/cli/c.ts': "export const c = () => import('./a.js')\n",
    }
    expect(lint(files, 'src/cli/a.ts')).toEqual([
      '1: import cycle: src/cli/a.ts -> src/cli/b.ts -> src/cli/c.ts -> src/cli/a.ts: move what these files share to a file they both import',
    ])
    expect(lint(files, 'src/cli/c.ts')).toEqual([
      '1: import cycle: src/cli/c.ts -> src/cli/a.ts -> src/cli/b.ts -> src/cli/c.ts: move what these files share to a file they both import',
    ])
  })

  it('passes a graph without cycles, and sees a cycle that unsaved text (an editor) closes', () => {
    const files = { 'src/cli/a.ts': "import './b.js'\n", 'src/cli/b.ts': "import './c.js'\n", 'src/cli/c.ts': '' }
    expect(lint(files, 'src/cli/a.ts')).toEqual([])
    expect(lint(files, 'src/cli/c.ts', "import './a.js'\n")).toEqual([
      '1: import cycle: src/cli/c.ts -> src/cli/a.ts -> src/cli/b.ts -> src/cli/c.ts: move what these files share to a file they both import',
    ])
  })
})

describe('tao/disable-reason', () => {
  it('wants the rule named and a reason after --', () => {
    const text = [
      '// eslint-disable-next-line',
      'let a = 1',
      '// eslint-disable-next-line prefer-const',
      'let b = 1',
      '// eslint-disable-next-line prefer-const --  ',
      'let c = 1',
      '// eslint-disable-next-line prefer-const -- the reason',
      'let d = 1',
      '// eslint-disabled is not a directive',
      'export { a, b, c, d }',
      '',
    ].join('\n')
    expect(lint({ 'src/core/a.ts': text }, 'src/core/a.ts', text, { 'prefer-const': 'error' })).toEqual([
      '1: name the rule this comment turns off (eslint-disable-next-line RULE -- reason)',
      '3: say why the rule does not apply here, after " -- "',
      '5: say why the rule does not apply here, after " -- "',
    ])
  })
})
