/**
 * `npm pack` and `npm install -g ./taocli-<version>.tgz`, as a user installs a Node CLI: into a
 * temporary prefix, dependencies from the npm registry, install scripts allowed. Then the installed `tao`
 * runs, its man pages are found by `man`, completion works, and `tao localnet` says in one line how to add
 * the optional Chopsticks. Uses the current build (scripts/test.sh builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHOPSTICKS } from '../../src/localnet/node.js'
import { repoRoot } from '../helpers/cli.js'

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
const work = mkdtempSync(path.join(tmpdir(), 'tao-pack-'))
const prefix = path.join(work, 'prefix')
const home = path.join(work, 'home')
afterAll(() => rmSync(work, { recursive: true, force: true }))

// The node running the tests (>= 22) comes first, as for a user whose `node` is new enough.
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`
let tarball = ''

function tao(args: string[]) {
  const r = spawnSync(path.join(prefix, 'bin', 'tao'), args, {
    cwd: work,
    env: { PATH, HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the packed tarball installs like a Node CLI', () => {
  beforeAll(() => {
    mkdirSync(home)
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: repoRoot,
      env: { ...process.env, PATH },
      encoding: 'utf8',
    })
    tarball = path.join(work, JSON.parse(out)[0].filename)
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball], {
      cwd: work,
      env: { ...process.env, PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 600_000,
    })
  }, 660_000)

  it('holds the built CLI, its man pages and the chain spec, not the sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n')
    for (const f of [
      'bin/run.js',
      'dist/cli.js',
      'dist/commands/wallet/list.js',
      'oclif.manifest.json',
      'man/tao-wallet-create.1',
      'chain-specs/raonet-spec218.json',
    ])
      expect(files).toContain(`package/${f}`)
    expect(files.filter((f) => /^package\/(src|test|scripts|bench)\//.test(f))).toEqual([])
  })

  it('runs: --version, --help and wallet list --json', () => {
    const v = tao(['--version'])
    expect(v.code, v.stderr).toBe(0)
    expect(v.stdout).toMatch(new RegExp(`^taocli/${pkg.version.replace(/\./g, '\\.')} `))
    const help = tao(['wallet', 'list', '--help'])
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/tao wallet list/)
    const list = tao(['wallet', 'list', '--json'])
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual({ path: path.join(home, '.bittensor', 'wallets'), wallets: [] })
  })

  it('installs every man page where man finds it', () => {
    const manDir = path.join(prefix, 'share', 'man')
    const pages = readdirSync(path.join(repoRoot, 'man')).filter((f) => f.endsWith('.1'))
    expect(readdirSync(path.join(manDir, 'man1')).sort()).toEqual(expect.arrayContaining(pages))
    if (spawnSync('man', ['--version']).status !== 0) return // no man(1) here: scripts/test.sh installs man-db
    const page = execFileSync('man', ['-M', manDir, 'tao-wallet-create'], {
      encoding: 'utf8',
      env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100' },
    })
    expect(page).toMatch(/tao-wallet-create/)
    expect(page).toMatch(/EXIT STATUS/)
  })

  it('generates shell completion (the set-up a user runs, its cache, and the script)', () => {
    const setup = tao(['autocomplete', 'bash'])
    expect(setup.code, setup.stderr).toBe(0)
    expect(setup.stdout).toMatch(/tao autocomplete script bash/)
    const r = tao(['autocomplete', 'script', 'bash'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/TAO_AC_BASH_SETUP_PATH/)
  })

  it('brings no Chopsticks (and no sqlite3 to compile); tao localnet says in one line how to add it', () => {
    const modules = path.join(prefix, 'lib', 'node_modules', 'taocli', 'node_modules')
    expect(existsSync(path.join(modules, '@acala-network'))).toBe(false)
    expect(existsSync(path.join(modules, 'sqlite3'))).toBe(false)
    expect(pkg.peerDependencies[CHOPSTICKS.name]).toBe(CHOPSTICKS.range)
    const r = tao(['localnet', 'start', '--port', '0', '--json'])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)
    expect(r.stderr).toContain(`npm install -g ${CHOPSTICKS.name}@'${CHOPSTICKS.range}'`)
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'CHOPSTICKS_MISSING', exitCode: 1 })
  })

  it('reports its size and dependency count (for the README)', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'taocli')
    const du = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
        const p = path.join(dir, e.name)
        return sum + (e.isDirectory() ? du(p) : e.isFile() ? statSync(p).size : 0)
      }, 0)
    // Every folder in node_modules (at any depth) with a package.json is one installed package.
    const packages = (dir: string): string[] =>
      !existsSync(dir)
        ? []
        : readdirSync(dir).flatMap((name) => {
            const p = path.join(dir, name)
            if (name.startsWith('@')) return packages(p)
            return existsSync(path.join(p, 'package.json')) ? [name, ...packages(path.join(p, 'node_modules'))] : []
          })
    const deps = packages(path.join(installed, 'node_modules'))
    console.log(
      `tarball ${(statSync(tarball).size / 1024).toFixed(0)} KiB; installed ${(du(installed) / 2 ** 20).toFixed(1)} MiB ` +
        `with ${deps.length} dependency packages (${deps.sort().join(', ')})`,
    )
    expect(deps.length).toBeLessThan(40)
  })
})
