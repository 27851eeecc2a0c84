import { describe, expect, it } from 'vitest'
import { lazyRequires } from '../../scripts/build/lazy-require.mjs'

/** Run CommonJS source with a require that records what it loads. */
function run(source: string, modules: Record<string, unknown>) {
  const loaded: string[] = []
  const require = (id: string) => {
    loaded.push(id)
    return modules[id]
  }
  const module = { exports: {} as Record<string, unknown> }
  new Function('require', 'module', 'exports', source)(require, module, module.exports)
  return { exports: module.exports, loaded }
}

describe('lazyRequires (scripts/build/lazy-require.mjs)', () => {
  const modules = {
    './a': {
      value: 42,
      Thing: class {
        made = true
      },
    },
    './b': { f: () => 'b' },
  }

  it('loads a dependency on first use, not at load', () => {
    const source = `const a_1 = require("./a");\nexports.get = () => a_1.value;`
    const out = lazyRequires(source)
    const { exports, loaded } = run(out, modules)
    expect(loaded).toEqual([])
    expect((exports.get as () => number)()).toBe(42)
    expect(loaded).toEqual(['./a'])
  })

  it('keeps `new m.Cls()` constructing the class, not the loader', () => {
    const { exports } = run(lazyRequires(`const a_1 = require("./a");\nexports.make = () => new a_1.Thing();`), modules)
    expect((exports.make as () => { made: boolean })().made).toBe(true)
  })

  it('leaves a binding eager when it is used other than by property access', () => {
    const source = `const b_1 = require("./b");\nexports.all = b_1;`
    expect(lazyRequires(source)).toBe(source)
  })

  it('turns index-style namespace exports into memoised getters', () => {
    const helper = `var __importStar = (m) => m;\n`
    const { exports, loaded } = run(lazyRequires(`${helper}exports.B = __importStar(require("./b"));`), modules)
    expect(loaded).toEqual([])
    expect(exports.B).toBe(exports.B)
    expect((exports.B as { f: () => string }).f()).toBe('b')
    expect(loaded).toEqual(['./b'])
  })
})
