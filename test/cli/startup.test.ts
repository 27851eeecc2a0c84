/**
 * What `tao` loads at start-up (issue 9): the node client, Ink/React, Chopsticks and the argon2 backends load
 * only where a command uses them, never while a command starts. Not timed (bench/startup.mjs measures time):
 * each run records every module file the process loaded, through a module hook, and the test looks at them.
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

/** Heavy parts, by the package they come from: as a file in node_modules, or bundled into a file of dist/. */
const HEAVY: Record<string, string[]> = {
  'the node client (polkadot-api)': ['polkadot-api/', '@polkadot-api/'],
  'Ink/React': ['ink/', 'react/', 'react-dom/', 'react-reconciler/', 'yoga-layout/'],
  Chopsticks: ['@acala-network/'],
  'an argon2 backend': ['sodium-native/', 'hash-wasm/', '@noble/hashes/argon2'],
}

/** Which heavy parts a list of loaded module URLs contains. */
function heavyParts(urls: string[]): string[] {
  const found = new Set<string>()
  for (const url of urls.filter((u) => u.startsWith('file:'))) {
    const file = fileURLToPath(url)
    const rel = path.relative(repoRoot, file)
    // esbuild marks each bundled module with a `// node_modules/<package>/…` comment line.
    const bundled = rel.startsWith(`dist${path.sep}`) ? readFileSync(file, 'utf8').match(/^\/\/ node_modules\/\S+/gm) ?? [] : []
    for (const [part, packages] of Object.entries(HEAVY)) {
      if (packages.some((p) => file.includes(`/node_modules/${p}`) || bundled.some((c) => c.startsWith(`// node_modules/${p}`))))
        found.add(part)
    }
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
  it('tao wallet list loads neither the node client, nor Ink/React, nor Chopsticks, nor an argon2 backend', async () => {
    const r = await loadsOf(['wallet', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    // The record is real: it holds the command's own bundle.
    expect(r.urls.some((u) => u.endsWith('/dist/commands/wallet/list.js'))).toBe(true)
    expect(heavyParts(r.urls)).toEqual([])
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
    const chunks = readdirSync(path.join(repoRoot, 'dist', 'chunks')).map((f) => pathToFileURL(path.join(repoRoot, 'dist', 'chunks', f)).href)
    expect(heavyParts(chunks)).toEqual(expect.arrayContaining(['Ink/React', 'an argon2 backend', 'the node client (polkadot-api)']))
  })
})
