/**
 * The start-up rule, checked for every command: what a command imports statically is read at every start,
 * so the heavy parts (the node client, the wallet store, the key algorithms, Ink/React, Chopsticks, the
 * argon2 backends) load only inside run(), where a command uses them (`await import(…)`, docs/HELPERS.md),
 * never while it starts. Not timed (bench/startup.mjs measures time): each run records every module file the
 * process loaded, through a module hook, and the test looks at what those files hold.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runTao } from '../helpers/cli.js'

const work = mkdtempSync(path.join(tmpdir(), 'tao-startup-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

// Loaded with --import: notes the URL of every module the process loads, and writes them out at exit.
const hook = path.join(work, 'record-loads.mjs')
writeFileSync(
  hook,
  `import { registerHooks } from 'node:module'
import { writeFileSync } from 'node:fs'
const loaded = []
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context) } })
process.on('exit', () => writeFileSync(process.env.TAO_LOADED_LOG, loaded.join('\\n')))
`,
)

/**
 * Heavy parts, by where their code comes from: a package (`node_modules/<package>/…`, a file there or bundled
 * into dist/) or one of our modules (`src/…`, bundled into dist/).
 */
const HEAVY: Record<string, string[]> = {
  'the node client': ['node_modules/polkadot-api/', 'node_modules/@polkadot-api/', 'src/node/chain.ts'],
  'the wallet store': ['src/wallet/store.ts'],
  'the key algorithms': ['src/keystore/keys.ts', 'node_modules/@scure/sr25519/', 'node_modules/@scure/bip39/'],
  'Ink/React': [
    'node_modules/ink/',
    'node_modules/react/',
    'node_modules/react-dom/',
    'node_modules/react-reconciler/',
    'node_modules/yoga-layout/',
    'src/tui/',
  ],
  Chopsticks: ['node_modules/@acala-network/'],
  'an argon2 backend': ['node_modules/sodium-native/', 'node_modules/hash-wasm/', 'node_modules/@noble/hashes/argon2'],
}

/**
 * What a loaded file holds, as paths from the project root: the file itself, and for a file of dist/ every
 * module esbuild bundled into it (it marks each with a `// <path>` comment line; a package's path is cut to
 * start at node_modules/, wherever node_modules lies).
 */
function modulesOf(file: string): string[] {
  const own = path.relative(repoRoot, file).split(path.sep).join('/')
  const fromNodeModules = (p: string) => (p.includes('node_modules/') ? p.slice(p.lastIndexOf('node_modules/')) : p)
  const marks = own.startsWith('dist/') ? (readFileSync(file, 'utf8').match(/^\/\/ \S+\.[cm]?[jt]sx?$/gm) ?? []).map((m) => m.slice(3)) : []
  return [own, ...marks].map(fromNodeModules)
}

/** Which heavy parts a list of loaded module URLs contains. */
function heavyParts(urls: string[]): string[] {
  const found = new Set<string>()
  for (const url of urls.filter((u) => u.startsWith('file:'))) {
    const modules = modulesOf(fileURLToPath(url))
    for (const [part, prefixes] of Object.entries(HEAVY)) if (modules.some((m) => prefixes.some((p) => m.startsWith(p)))) found.add(part)
  }
  return [...found].sort()
}

let runs = 0
async function loadsOf(args: string[]): Promise<{ code: number; urls: string[]; stderr: string }> {
  const log = path.join(work, `loaded-${runs++}.txt`)
  const r = await runTao(args, { env: { TAO_LOADED_LOG: log }, nodeArgs: ['--import', pathToFileURL(hook).href] })
  return { code: r.code, urls: readFileSync(log, 'utf8').split('\n'), stderr: r.stderr }
}

describe('start-up loads only what a command needs', () => {
  it('tao wallet list loads the wallet store it lists with, and nothing else heavy', async () => {
    const r = await loadsOf(['wallet', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    // The record is real: it holds the command's own bundle.
    expect(r.urls.some((u) => u.endsWith('/dist/commands/wallet/list.js'))).toBe(true)
    expect(heavyParts(r.urls)).toEqual(['the wallet store'])
  })

  it('no command loads them before it starts working (a flag error stops each right after parsing)', async () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8'))
    const ids = Object.keys(manifest.commands).filter((id) => !manifest.commands[id].hidden)
    expect(ids.length).toBeGreaterThan(10)
    const offenders: Record<string, string[]> = {}
    for (const id of ids) {
      const r = await loadsOf([...id.split(':'), '--startup-probe'])
      expect(r.code, `${id}: ${r.stderr}`).toBe(2)
      const heavy = heavyParts(r.urls)
      if (heavy.length) offenders[id] = heavy
    }
    // A command that needs one of them loads it inside run(): `await import(…)` (docs/HELPERS.md).
    expect(offenders).toEqual({})
  })

  it('tao watch --help, and a watch that refuses to start (stdout not a terminal), load no Ink/React', async () => {
    expect(heavyParts((await loadsOf(['watch', '--help'])).urls)).toEqual([])
    const refused = await loadsOf(['watch', '--network', 'local'])
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.urls.some((u) => u.endsWith('/dist/commands/watch.js'))).toBe(true)
    expect(heavyParts(refused.urls)).toEqual([])
  })

  it('the heavy parts are recognised where they do load (the check above can fail)', () => {
    const chunks = readdirSync(path.join(repoRoot, 'dist', 'chunks')).map(
      (f) => pathToFileURL(path.join(repoRoot, 'dist', 'chunks', f)).href,
    )
    expect(heavyParts(chunks)).toEqual(
      Object.keys(HEAVY)
        .filter((part) => part !== 'Chopsticks')
        .sort(),
    )
  })
})
