import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { badInput } from '../core/errors.js'
import { resolveEndpoint } from '../node/networks.js'
import { LOCAL_RUNTIMES, type LocalRuntime } from './runtimes.js'

/**
 * Where the local chain's state comes from: a raw chain spec (with `code`, a runtime wasm that replaces the
 * spec's own, migrated to by the first block), or a live network forked lazily.
 */
export type GenesisSource = { kind: 'chain-spec'; location: string; code?: string } | { kind: 'fork'; location: string }

/** Environment variable naming the default chain spec. */
export const SPEC_ENV = 'TAO_LOCALNET_SPEC'

/**
 * The installed package's root: the nearest folder above this module that holds package.json (the module is
 * src/localnet/genesis.ts in development, a bundled file somewhere under dist/ once built).
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return dir
}

/** The development spec shipped with the package (chain-specs/README.md says where it comes from). */
export const bundledSpecPath = (root = packageRoot()): string => path.resolve(root, 'chain-specs', LOCAL_RUNTIMES[218].specFile)

/** The shipped files that make up one of the local runtimes. */
export function bundledRuntime(runtime: LocalRuntime, root = packageRoot()): GenesisSource {
  const r = LOCAL_RUNTIMES[runtime]
  const location = path.resolve(root, 'chain-specs', r.specFile)
  const code = 'codeFile' in r ? path.resolve(root, 'chain-specs', r.codeFile) : undefined
  for (const file of [location, code])
    if (file !== undefined && !existsSync(file)) throw badInput(`this package lacks ${file}`, 'NO_GENESIS')
  return code === undefined ? { kind: 'chain-spec', location } : { kind: 'chain-spec', location, code }
}

export interface GenesisChoice {
  chainSpec?: string
  fork?: string
  /** --runtime: one of the runtimes this package ships. */
  runtime?: LocalRuntime
  env?: NodeJS.ProcessEnv
  root?: string
}

/**
 * --chain-spec FILE, --fork URL|finney|test or --runtime N (one at most), else $TAO_LOCALNET_SPEC, else the
 * development spec shipped with the package. Fork endpoints are only named here; Chopsticks fetches state from
 * them as blocks need it.
 */
export function resolveGenesis(choice: GenesisChoice): GenesisSource {
  const given = (['chain-spec', 'fork', 'runtime'] as const).filter((k) => choice[k === 'chain-spec' ? 'chainSpec' : k] !== undefined)
  if (given.length > 1)
    throw badInput(`give one of --chain-spec, --fork and --runtime, not ${given.map((g) => `--${g}`).join(' and ')}`, 'GENESIS_CONFLICT')
  if (choice.runtime !== undefined) return bundledRuntime(choice.runtime, choice.root)
  if (choice.chainSpec !== undefined) return { kind: 'chain-spec', location: specFile(choice.chainSpec, '--chain-spec') }
  if (choice.fork !== undefined) return { kind: 'fork', location: resolveEndpoint(choice.fork).url }
  const fromEnv = (choice.env ?? process.env)[SPEC_ENV]
  if (fromEnv) return { kind: 'chain-spec', location: specFile(fromEnv, SPEC_ENV) }
  const bundled = bundledSpecPath(choice.root)
  if (existsSync(bundled)) return { kind: 'chain-spec', location: bundled }
  throw badInput('no chain to start: pass --chain-spec FILE (a Subtensor raw chain spec) or --fork finney|test|URL', 'NO_GENESIS')
}

function specFile(file: string, where: string): string {
  const full = path.resolve(file)
  let isFile: boolean
  try {
    isFile = statSync(full).isFile()
  } catch {
    isFile = false
  }
  if (!isFile) throw badInput(`${where}: no such chain spec file: ${file}`, 'NO_CHAIN_SPEC')
  return full
}

/** For people: "chain spec /path/spec.json" or "fork of wss://…". */
export const describeGenesis = (g: GenesisSource): string =>
  g.kind === 'fork' ? `fork of ${g.location}` : `chain spec ${g.location}${g.code ? ` with the runtime ${g.code}` : ''}`
