#!/usr/bin/env node
// Builds dist/ with esbuild, for a fast start (numbers in bench/RESULTS.md):
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
  'ink',
  'polkadot-api',
  'react',
]
const isBundled = (name) => BUNDLED.some((b) => (b.endsWith('/') ? name.startsWith(b) : name === b))
/**
 * Never bundled: oclif's loaders for TypeScript sources in development, and Ink's React DevTools bridge (loaded
 * only when DEV=true, for debugging Ink itself); the built CLI never uses them.
 */
const EXTERNAL = new Set(['typescript', 'ts-node', 'tsx', 'react-devtools-core'])

/**
 * oclif plugins whose commands become our own commands (`tao autocomplete`, `tao help`): bundled like ours, so
 * they start as fast, and no plugin is looked up at start. Their commands come from each plugin's manifest.
 */
const FOLDED_PLUGINS = ['@oclif/plugin-autocomplete', '@oclif/plugin-help']

/** Stand-ins for two packages on oclif's start-up path (see each file for why they are equivalent). */
const SHIM_DIR = path.join(root, 'scripts/build/shims')
const SHIMS = { debug: path.join(SHIM_DIR, 'debug.cjs'), 'wsl-utils': path.join(SHIM_DIR, 'wsl-utils.mjs') }

/**
 * Costs at every start inside bundled packages, removed without changing what they do (the build fails if a
 * package's code changes under a patch). Found with --cpu-prof; bench/RESULTS.md has the numbers.
 * Keys are paths inside node_modules.
 */
const PATCHES = {
  // Its own `engines` check (node >= 18) through semver, which then stays out of the start: bin/run.js checks
  // ours (>= 22) before anything loads.
  '@oclif/core/lib/index.js': [
    ['\ncheckNodeVersion();\n', '\n'],
    ["const semver = require('semver');", 'return;'],
  ],
  // Sorting the commands by localeCompare starts ICU's collator, the most expensive single step of a start.
  // For ids of lowercase letters, ':' and '-' plain code-unit order is the same order; others keep localeCompare.
  '@oclif/core/lib/config/plugin.js': [
    [
      '.sort((a, b) => a.id.localeCompare(b.id));',
      '.sort((a, b) => (/^[a-z:-]*$/.test(a.id) && /^[a-z:-]*$/.test(b.id) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.id.localeCompare(b.id)));',
    ],
  ],
  // "Is this WSL?" through a dynamic import (a separate module load at every start) of wsl-utils, whose shim
  // (below) is small: a plain require keeps it inside the bundle.
  '@oclif/core/lib/util/os.js': [["(await import('wsl-utils')).isWsl", "require('wsl-utils').isWsl"]],
  // The manifest, theme and user-plugin files are read at every start; read synchronously (the same result
  // and errors), so the start needs no thread-pool round trip.
  '@oclif/core/lib/util/fs.js': [
    ["const contents = await (0, promises_1.readFile)(path, 'utf8');", "const contents = (0, node_fs_1.readFileSync)(path, 'utf8');"],
  ],
  // Every exit through oclif's handler (a command's exit code, a usage error) formatted the error for the
  // screen, colour detection included, even when it then prints nothing: format only what is printed.
  '@oclif/core/lib/errors/handle.js': [
    ['const pretty = (0, pretty_print_1.default)(err);', 'const pretty = shouldPrint ? (0, pretty_print_1.default)(err) : undefined;'],
    [
      "const stack = (0, clean_stack_1.default)(err.stack || '', { pretty: true });",
      "const stack = shouldPrint || err.code !== 'EEXIT' ? (0, clean_stack_1.default)(err.stack || '', { pretty: true }) : '';",
    ],
  ],
  // chalk's colour detection imports node:tty at load even when chalk itself loads later (see
  // LAZY_NAMESPACES): the terminal module then loads only when chalk does.
  'chalk/source/vendor/supports-color/index.js': [
    ["import tty from 'node:tty';", "const tty = { isatty: (fd) => require('node:tty').isatty(fd) };"],
  ],
}

/**
 * `import * as name from '<package>'` in our code, for packages that do costly work when they load: the
 * namespace loads on its first use instead, still inside the bundle. @scure/sr25519 sets up its curve (only
 * commands that derive or sign need it); chalk probes the terminal through node:tty (only painting needs it).
 */
const LAZY_NAMESPACES = ['@scure/sr25519', 'chalk']

/**
 * CommonJS packages oclif requires only on some paths (help templates, the spinner, plugin discovery without
 * a manifest, $DEBUG logging): each is bundled into its own file, dist/vendor/<name>.cjs, which a require()
 * loads on first use (through package.json's "imports": #vendor/*), so a start does not load their code.
 */
const VENDORED = ['cli-spinners', 'debug', 'ejs', 'lilconfig', 'minimatch', 'tinyglobby']

const LAZY_IMPORT = /^import \* as ([A-Za-z_$][\w$]*) from '([^']+)'$/gm
const LAZY_HELPER = path.join(root, 'scripts/build/lazy-namespace.mjs')

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

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

/** Every module under src/<folder> (commands, oclif hooks), one entry each, at the same path under dist/. */
function sourceEntries(folder) {
  const dir = path.join(root, 'src', folder)
  if (!existsSync(dir)) return []
  return walk(dir)
    .filter((f) => /\.tsx?$/.test(f) && !/\.(test|spec|d)\.tsx?$/.test(f))
    .map((f) => ({ in: f, out: path.join(folder, path.relative(dir, f)).replace(/\.tsx?$/, '') }))
}
const commandEntries = () => sourceEntries('commands')

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
      // Wrapped so it errs in one line like our commands and answers --json (src/cli/folded-command.ts).
      modules[key] =
        `import Command from ${JSON.stringify(path.join(dir, file))}\n` +
        `import { foldedCommand } from ${JSON.stringify(path.join(root, 'src/cli/folded-command.ts'))}\n` +
        'export default foldedCommand(Command)'
      entries.push({ in: key, out })
    }
  }
  return { modules, entries }
}

/**
 * dist/cli.js: package.json is built in and the root given, so oclif need not find and read it at each start.
 * `tao --version` is answered here, with the line oclif prints (its Config.userAgent), without loading oclif,
 * unless package.json gives oclif hooks (which oclif would run first) or other version flags.
 */
const cliEntry = `
import { arch, platform } from 'node:os'
import { fileURLToPath } from 'node:url'
import { exitWhenFlushed, guardStdout, hoistGlobalFlags } from ${JSON.stringify(path.join(root, 'src/cli/entry.ts'))}
import { runDirect } from ${JSON.stringify(path.join(root, 'src/cli/direct-run.ts'))}
const pjson = ${JSON.stringify(pjson)}
// Hooks oclif runs before every command (command_not_found runs only for an unknown one).
const everyCommandHooks = Object.keys(pjson.oclif.hooks ?? {}).filter((h) => h !== 'command_not_found')
export async function main() {
  guardStdout()
  // Global flags given before the command (\`tao --network local wallet balance\`) move behind it.
  const args = hoistGlobalFlags(process.argv.slice(2))
  if (args.length === 1 && args[0] === '--version' && everyCommandHooks.length === 0 && !pjson.oclif.additionalVersionFlags) {
    const { default: isWsl } = await import('is-wsl')
    const os = isWsl ? 'wsl' : platform()
    process.stdout.write(\`\${pjson.name}/\${pjson.version} \${os}-\${arch() === 'ia32' ? 'x86' : arch()} node-\${process.version}\\n\`)
    return
  }
  // A known command runs straight from the command index; help, completion and unknown ids go through oclif.
  const root = fileURLToPath(new URL('..', import.meta.url))
  // A command ends with its last word: nothing it leaves open (a socket to a frozen node) keeps the process.
  if (await runDirect(args, root, pjson)) return exitWhenFlushed()
  // oclif is CommonJS: bundled, a dynamic import gives its exports as the default export.
  const oclif = await import('@oclif/core')
  const { execute } = oclif.default ?? oclif
  await execute({ args, loadOptions: { root, pjson } })
  await exitWhenFlushed()
}
`

const plugins = pluginEntries()
const virtualModules = { 'taocli-virtual:cli': cliEntry, ...plugins.modules }

rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: VENDORED.map((name) => ({ in: name, out: name })),
  outdir: path.join(outdir, 'vendor'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  legalComments: 'none',
  logLevel: 'warning',
})
const result = await build({
  entryPoints: [{ in: 'taocli-virtual:cli', out: 'cli' }, ...commandEntries(), ...sourceEntries('hooks'), ...plugins.entries],
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
        b.onLoad({ filter: /.*/, namespace: 'taocli-virtual' }, (a) => ({
          contents: virtualModules[a.path],
          resolveDir: root,
          loader: 'js',
        }))
        // `import process from 'node:process'` (in chalk, is-wsl, env-paths…): Node's ES-module view of the
        // process module reads every property once, which opens stdin, stdout and stderr at every start.
        // The default export is the process object itself, plus the few named exports bundled code uses that do
        // not touch the standard streams (Ink: cwd, is-in-ci: env); any other import from it fails this build.
        b.onResolve({ filter: /^(node:)?process$/ }, () => ({ path: 'process', namespace: 'taocli-process' }))
        b.onLoad({ filter: /.*/, namespace: 'taocli-process' }, () => ({
          contents:
            'export default globalThis.process\nexport const env = globalThis.process.env\nexport const cwd = () => globalThis.process.cwd()',
          loader: 'js',
        }))
        b.onResolve({ filter: /^[^./]/ }, (a) => {
          if (a.path.startsWith('node:') || a.kind === 'entry-point') return undefined
          const fromShim = a.importer.startsWith(SHIM_DIR)
          if (SHIMS[a.path] && !fromShim) return { path: SHIMS[a.path] }
          // Only CommonJS require() calls (oclif's) go to the vendored file: an ES-module import of it (the autocomplete
          // plugin's `import * as ejs`) would see no named exports in an esbuild CommonJS bundle, so it is bundled.
          if (VENDORED.includes(a.path) && a.kind === 'require-call') return { path: `#vendor/${a.path}.cjs`, external: true }
          if (EXTERNAL.has(packageName(a.path))) return { path: a.path, external: true }
          const fromOurCode = a.namespace !== 'taocli-virtual' && !fromShim && !a.importer.includes(`${path.sep}node_modules${path.sep}`)
          if (fromOurCode && !isBundled(packageName(a.path))) return { path: a.path, external: true }
          return undefined
        })
        b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (a) => {
          const source = readFileSync(a.path, 'utf8')
          const lazy = source.replace(LAZY_IMPORT, (line, name, specifier) =>
            LAZY_NAMESPACES.includes(specifier)
              ? `const ${name}: typeof import('${specifier}') = __taoLazyNamespace(() => require('${specifier}'))`
              : line,
          )
          if (lazy === source) return undefined
          return {
            contents: `import { lazyNamespace as __taoLazyNamespace } from ${JSON.stringify(LAZY_HELPER)}\n${lazy}`,
            loader: a.path.endsWith('x') ? 'tsx' : 'ts',
          }
        })
        b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (a) => {
          const inPackage = a.path
            .slice(a.path.lastIndexOf(`${path.sep}node_modules${path.sep}`) + 14)
            .split(path.sep)
            .join('/')
          const oclif = inPackage.startsWith('@oclif/core/lib/')
          if (!PATCHES[inPackage] && !oclif) return undefined
          let source = readFileSync(a.path, 'utf8')
          for (const [from, to] of PATCHES[inPackage] ?? []) {
            if (!source.includes(from)) throw new Error(`${inPackage} changed: it no longer has ${JSON.stringify(from)}`)
            source = source.replace(from, to)
          }
          return { contents: oclif ? lazyRequires(source) : source, loader: 'js' }
        })
      },
    },
  ],
})
// TAO_BUILD_METAFILE=FILE keeps esbuild's account of what went where (e.g. for https://esbuild.github.io/analyze/).
if (process.env.TAO_BUILD_METAFILE) writeFileSync(process.env.TAO_BUILD_METAFILE, JSON.stringify(result.metafile))
