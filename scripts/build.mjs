#!/usr/bin/env node
// Builds dist/ with esbuild, for a fast start (issue 9; numbers in bench/RESULTS.md):
//  - dist/cli.js          the entry bin/run.js loads: oclif's runner, with package.json built in;
//  - dist/commands/**.js  one bundled module per command, found under src/commands/ (nobody registers a command)
//                         plus the commands of the oclif plugins folded in below;
//  - dist/chunks/*.js     code shared between them, loaded only by the entries that import it.
// oclif finds the commands through oclif.manifest.json (written next, by `oclif manifest`) and loads only the
// one it runs. A dynamic `import()` in the source stays a separate chunk, loaded when that line runs.
// Type checking is `tsc --noEmit` in `npm run build`; esbuild only strips types.
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lazyRequires } from './build/lazy-require.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = process.argv[2] ?? path.join(root, 'dist')
// What oclif reads of package.json; `man` is left out: gen-man.js rewrites it after this build.
const { man: _man, ...pjson } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

/**
 * Packages bundled into dist/ when our code imports them (a name ending in / stands for a whole scope): pure
 * JavaScript we use, so an installed `tao` carries only what it runs, in few files. What a bundled package
 * imports is bundled with it. Every other package stays an ordinary import from node_modules and must be in
 * package.json's dependencies (or be the optional peer Chopsticks): native addons (sodium-native), the wasm
 * argon2 backend (hash-wasm), and any package added later until someone lists it here.
 * A dynamic `import()` of a bundled package is still a separate chunk, loaded only when that line runs.
 */
const BUNDLED = [
  '@oclif/core',
  '@oclif/plugin-autocomplete',
  '@oclif/plugin-help',
  '@inquirer/prompts',
  '@noble/ciphers',
  '@noble/curves',
  '@noble/hashes',
  '@polkadot-api/',
  '@scure/base',
  '@scure/bip39',
  '@scure/sr25519',
  'chalk',
  'conf',
  'env-paths',
  'polkadot-api',
]
const isBundled = (name) => BUNDLED.some((b) => (b.endsWith('/') ? name.startsWith(b) : name === b))
/** Never bundled: oclif's loaders for TypeScript sources in development (never used by the built CLI). */
const EXTERNAL = new Set(['typescript', 'ts-node', 'tsx'])

/**
 * oclif plugins whose commands become our own commands (`tao autocomplete`, `tao help`): bundled like ours, so
 * they start as fast, and no plugin is looked up at start. Their commands come from each plugin's manifest.
 */
const FOLDED_PLUGINS = ['@oclif/plugin-autocomplete', '@oclif/plugin-help']

/** Stand-ins for two packages on oclif's start-up path (see each file for why they are equivalent). */
const SHIM_DIR = path.join(root, 'scripts/build/shims')
const SHIMS = { debug: path.join(SHIM_DIR, 'debug.cjs'), 'wsl-utils': path.join(SHIM_DIR, 'wsl-utils.mjs') }

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/** The folder of an installed package (its package.json need not be exported). */
function packageDir(name) {
  let dir = path.dirname(fileURLToPath(import.meta.resolve(name)))
  while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    if (dir === path.dirname(dir)) throw new Error(`cannot find the folder of ${name}`)
    dir = path.dirname(dir)
  }
  return dir
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? walk(file) : [file]
  })
}

function commandEntries() {
  const dir = path.join(root, 'src/commands')
  return walk(dir)
    .filter((f) => /\.tsx?$/.test(f) && !/\.(test|spec|d)\.tsx?$/.test(f))
    .map((f) => ({ in: f, out: path.join('commands', path.relative(dir, f)).replace(/\.tsx?$/, '') }))
}

/** One virtual module per plugin command, at the path oclif would give it in our commands folder. */
function pluginEntries() {
  const modules = {}
  const entries = []
  for (const plugin of FOLDED_PLUGINS) {
    const dir = packageDir(plugin)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'oclif.manifest.json'), 'utf8'))
    for (const [id, command] of Object.entries(manifest.commands)) {
      const file = command.relativePath.join('/')
      const out = path.join('commands', ...id.split(':'), ...(file.endsWith('/index.js') ? ['index'] : []))
      const key = `taocli-virtual:${out}`
      modules[key] = `export { default } from ${JSON.stringify(path.join(dir, file))}`
      entries.push({ in: key, out })
    }
  }
  return { modules, entries }
}

/** dist/cli.js: package.json is built in and the root given, so oclif need not find and read it at each start. */
const cliEntry = `
import { execute } from '@oclif/core'
import { fileURLToPath } from 'node:url'
const pjson = ${JSON.stringify(pjson)}
export async function main() {
  await execute({ loadOptions: { root: fileURLToPath(new URL('..', import.meta.url)), pjson } })
}
`

const plugins = pluginEntries()
const virtualModules = { 'taocli-virtual:cli': cliEntry, ...plugins.modules }

rmSync(outdir, { recursive: true, force: true })
const result = await build({
  entryPoints: [{ in: 'taocli-virtual:cli', out: 'cli' }, ...commandEntries(), ...plugins.entries],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  chunkNames: 'chunks/[name]-[hash]',
  // Class and function names stay as written: oclif and our error handling read some of them.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: Boolean(process.env.TAO_BUILD_METAFILE),
  // CommonJS code inside the bundle (oclif) calls require() for Node's built-in modules.
  banner: { js: "import { createRequire as __taoCreateRequire } from 'node:module'; const require = __taoCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: 'taocli',
      setup(b) {
        b.onResolve({ filter: /^taocli-virtual:/ }, (a) => ({ path: a.path, namespace: 'taocli-virtual' }))
        b.onLoad({ filter: /.*/, namespace: 'taocli-virtual' }, (a) => ({ contents: virtualModules[a.path], resolveDir: root, loader: 'js' }))
        b.onResolve({ filter: /^[^./]/ }, (a) => {
          if (a.path.startsWith('node:') || a.kind === 'entry-point') return undefined
          const fromShim = a.importer.startsWith(SHIM_DIR)
          if (SHIMS[a.path] && !fromShim) return { path: SHIMS[a.path] }
          if (EXTERNAL.has(packageName(a.path))) return { path: a.path, external: true }
          const fromOurCode = a.namespace !== 'taocli-virtual' && !fromShim && !a.importer.includes(`${path.sep}node_modules${path.sep}`)
          if (fromOurCode && !isBundled(packageName(a.path))) return { path: a.path, external: true }
          return undefined
        })
        // oclif's index checks its own `engines` (node >= 18) at load, through semver and a read of its
        // package.json: bin/run.js already checks ours (>= 22) before anything loads.
        b.onLoad({ filter: /[\\/]node_modules[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/ }, (a) => {
          let source = readFileSync(a.path, 'utf8')
          if (a.path.endsWith(`${path.sep}lib${path.sep}index.js`)) source = source.replace(/^checkNodeVersion\(\);$/m, '')
          return { contents: lazyRequires(source), loader: 'js' }
        })
      },
    },
  ],
})
// TAO_BUILD_METAFILE=FILE keeps esbuild's account of what went where (e.g. for https://esbuild.github.io/analyze/).
if (process.env.TAO_BUILD_METAFILE) writeFileSync(process.env.TAO_BUILD_METAFILE, JSON.stringify(result.metafile))
