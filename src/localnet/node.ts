import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { badInput, failed } from '../core/errors.js'
import type { GenesisSource } from './genesis.js'
import type { StateReader } from './initial-state.js'
import type { RawChainSpec } from './upgrade-genesis.js'

/**
 * A Subtensor node run by Chopsticks inside this process: the real runtime (WASM) over standard JSON-RPC,
 * one block per submitted extrinsic. Chopsticks is imported only here and only when a node starts: it
 * takes seconds to load and must never slow other commands down.
 */
export interface NodeOptions {
  genesis: GenesisSource
  host: string
  /** 0: any free port. */
  port: number
  /** Chopsticks' own log (pino, printed on stdout): "fatal" keeps stdout for our data. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug'
}

export interface RunningNode {
  /** ws://host:port, with a wildcard host replaced by loopback so it can be dialled. */
  endpoint: string
  port: number
  state: StateReader
  /** The spec version of the runtime at the head (after the first block's migrations). */
  specVersion: number
  /** SCALE runtime metadata of the head block. */
  metadata(): Promise<string>
  /** Raw storage writes on the head, as dev_setStorage does. */
  setStorage(pairs: Array<[string, string]>): Promise<void>
  close(): Promise<void>
}

/** Fail fast, before Chopsticks loads, when the port is taken (Chopsticks itself would move to the next one). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return
  await new Promise<void>((resolve, reject) => {
    const server = createServer()
    server.once('error', (err: NodeJS.ErrnoException) => reject(portError(host, port, err)))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()))
  })
}

function portError(host: string, port: number, err: NodeJS.ErrnoException) {
  if (err.code === 'EADDRINUSE')
    return badInput(`port ${port} on ${host} is already in use: pick another with --port, or --port 0 for any free one`, 'PORT_IN_USE')
  if (err.code === 'EACCES') return badInput(`not allowed to listen on port ${port} on ${host}`, 'PORT_DENIED')
  if (err.code === 'EADDRNOTAVAIL') return badInput(`--host ${host} is not an address of this machine`, 'BAD_HOST')
  return badInput(`cannot listen on ${host}:${port}: ${err.message}`, 'CANNOT_LISTEN')
}

/**
 * Now and then, starting from a bare genesis, a runtime call Chopsticks makes fails the Aura slot check (its
 * clock crossed a slot boundary) and the WASM executor prints the panic; the node still comes up and builds
 * blocks (seen). Not news for a user; --verbose shows it.
 */
const FIRST_BLOCK_NOISE = /Timestamp slot must match `CurrentSlot`/

/** Drop stderr writes that match (the executor's worker thread writes through this process's stderr). */
function dropFromStderr(pattern: RegExp): void {
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!pattern.test(String(chunk))) return write(chunk, ...rest)
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  }) as typeof process.stderr.write
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  await assertPortFree(opts.host, opts.port)
  if (opts.logLevel !== 'info' && opts.logLevel !== 'debug') dropFromStderr(FIRST_BLOCK_NOISE)
  // Chopsticks reads its log level from the environment once, when it is first imported.
  process.env.LOG_LEVEL = opts.logLevel ?? 'fatal'
  const chopsticks = await loadChopsticks()
  type Config = Parameters<typeof chopsticks.setupWithServer>[0]
  const config = {
    port: opts.port,
    host: opts.host,
    'build-block-mode': chopsticks.BuildBlockMode.Instant,
    ...(opts.genesis.kind === 'fork' ? { endpoint: opts.genesis.location } : { genesis: await genesisOf(opts.genesis) }),
    // Newer runtimes import host functions Chopsticks lacks (bls12_381, for drand pulses): stubbed, they trap
    // only if called, and no local block calls them.
    ...(opts.genesis.kind === 'chain-spec' && opts.genesis.code ? { 'allow-unresolved-imports': true } : {}),
  } as Config
  const ctx = await chopsticks.setupWithServer(config)
  const port = Number(ctx.addr.slice(ctx.addr.lastIndexOf(':') + 1))
  if (opts.port !== 0 && port !== opts.port) {
    // Someone took the port between our check and Chopsticks' listen; Chopsticks then tries the next ones.
    await ctx.close()
    throw portError(opts.host, opts.port, Object.assign(new Error('in use'), { code: 'EADDRINUSE' }))
  }
  const chain = ctx.chain
  if (opts.genesis.kind !== 'fork') await ensurePastGenesis(chain)
  return {
    endpoint: `ws://${dialHost(opts.host)}:${port}`,
    port,
    state: {
      get: async (key) => (await chain.head.get(key)) ?? undefined,
      keys: async (prefix) => {
        const all: string[] = []
        for (;;) {
          const page = await chain.head.getKeysPaged({ prefix, startKey: all.at(-1) ?? prefix, pageSize: 1000 })
          all.push(...page)
          if (page.length < 1000) return all
        }
      },
    },
    specVersion: (await chain.head.runtimeVersion).specVersion,
    metadata: () => chain.head.metadata,
    setStorage: async (pairs) => {
      await chopsticks.setStorage(chain, pairs)
    },
    close: () => ctx.close(),
  }
}

/** A chain spec's path, or (with a runtime to upgrade to) the spec built in memory: nothing is written. */
async function genesisOf(g: Extract<GenesisSource, { kind: 'chain-spec' }>): Promise<string | RawChainSpec> {
  if (!g.code) return g.location
  const base = JSON.parse(await readFile(g.location, 'utf8')) as RawChainSpec
  // The SCALE codecs load only here: a command that merely parses its flags stays light.
  const { withRuntimeCode } = await import('./upgrade-genesis.js')
  return withRuntimeCode(base, new Uint8Array(await readFile(g.code)))
}

/**
 * Chopsticks builds block 1 at start but only logs a failure (the slot check above, now and then). Left on
 * its stand-in genesis hash, the chain confuses clients that check block hashes against headers, so try again.
 */
async function ensurePastGenesis(chain: { head: { number: number }; newBlock(): Promise<unknown> }): Promise<void> {
  for (let attempt = 0; attempt < 3 && chain.head.number === 0; attempt++) await chain.newBlock()
  if (chain.head.number === 0) throw failed('the local node could not build its first block (run with --verbose to see why)', 'FIRST_BLOCK')
}

/** The Chopsticks package and the version range taocli is tested with (package.json's optional peer). */
export const CHOPSTICKS = { name: '@acala-network/chopsticks', range: '^1.5.1' }

const chopsticksMissing = () =>
  failed(
    `tao localnet needs Chopsticks, which is not installed: npm install -g ${CHOPSTICKS.name}@'${CHOPSTICKS.range}' --ignore-scripts`,
    'CHOPSTICKS_MISSING',
  )

/**
 * Chopsticks is an optional dependency: a development checkout has it, an installed `tao` only if the user
 * added it (its tree is large and its sqlite3 compiles at install). Checked before anything starts: missing,
 * it is one clear line and exit 1.
 */
export function assertChopsticksInstalled(): void {
  try {
    import.meta.resolve(CHOPSTICKS.name)
  } catch {
    throw chopsticksMissing()
  }
}

async function loadChopsticks(): Promise<typeof import('@acala-network/chopsticks')> {
  try {
    return await import('@acala-network/chopsticks')
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(`'${CHOPSTICKS.name}'`)) throw chopsticksMissing()
    throw e
  }
}

/** Where a client should connect for a listen address. */
export function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
