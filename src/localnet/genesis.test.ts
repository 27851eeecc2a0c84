import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ExitCode } from '../core/errors.js'
import { bundledSpecPath, resolveGenesis } from './genesis.js'

describe('resolveGenesis', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tao-genesis-'))
  const spec = path.join(dir, 'spec.json')
  writeFileSync(spec, '{}')
  const noEnv = {}
  const bareRoot = path.join(dir, 'pkg') // a package root without its chain-specs/

  it('takes --chain-spec as an absolute path', () => {
    expect(resolveGenesis({ chainSpec: path.relative(process.cwd(), spec), env: noEnv })).toEqual({ kind: 'chain-spec', location: spec })
  })

  it('maps --fork names to endpoints, and takes ws(s) URLs', () => {
    expect(resolveGenesis({ fork: 'finney' })).toEqual({ kind: 'fork', location: 'wss://entrypoint-finney.opentensor.ai:443' })
    expect(resolveGenesis({ fork: 'test' })).toEqual({ kind: 'fork', location: 'wss://test.finney.opentensor.ai:443' })
    expect(resolveGenesis({ fork: 'ws://10.0.0.1:9944' })).toEqual({ kind: 'fork', location: 'ws://10.0.0.1:9944' })
    expect(() => resolveGenesis({ fork: 'https://x' })).toThrow(/unknown network/)
  })

  it('falls back to $TAO_LOCALNET_SPEC, then the spec shipped in the package, then says what to pass', () => {
    expect(resolveGenesis({ env: { TAO_LOCALNET_SPEC: spec }, root: bareRoot })).toEqual({ kind: 'chain-spec', location: spec })
    const root = path.join(dir, 'package')
    mkdirSync(path.join(root, 'chain-specs'), { recursive: true })
    writeFileSync(bundledSpecPath(root), '{}')
    expect(resolveGenesis({ env: noEnv, root })).toEqual({ kind: 'chain-spec', location: bundledSpecPath(root) })
    expect(() => resolveGenesis({ env: noEnv, root: bareRoot })).toThrow(/pass --chain-spec FILE .* or --fork/)
  })

  it('refuses both sources, and a missing file, as bad input', () => {
    for (const choice of [
      { chainSpec: spec, fork: 'finney' },
      { chainSpec: path.join(dir, 'nope.json') },
      { env: { TAO_LOCALNET_SPEC: dir } },
    ]) {
      try {
        resolveGenesis(choice)
        expect.unreachable()
      } catch (err) {
        expect((err as { exitCode: number }).exitCode).toBe(ExitCode.BadInput)
      }
    }
  })

  it('the shipped spec is in the package itself', () => {
    expect(resolveGenesis({ env: noEnv })).toEqual({ kind: 'chain-spec', location: bundledSpecPath() })
  })

  it('--runtime names the shipped files, whatever $TAO_LOCALNET_SPEC says', () => {
    const env = { TAO_LOCALNET_SPEC: spec }
    expect(resolveGenesis({ runtime: 218, env })).toEqual({ kind: 'chain-spec', location: bundledSpecPath() })
    expect(resolveGenesis({ runtime: 300, env })).toEqual({
      kind: 'chain-spec',
      location: bundledSpecPath(),
      code: path.join(path.dirname(bundledSpecPath()), 'runtime-spec300.wasm'),
    })
    expect(() => resolveGenesis({ runtime: 300, chainSpec: spec })).toThrow(/not --chain-spec and --runtime/)
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))
})
