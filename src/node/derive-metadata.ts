import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Blake2256 } from '@polkadot-api/substrate-bindings'
import { fromHex, toHex } from '../core/hex.js'

/**
 * A runtime's metadata computed here, from its own code: the wasm in `:code` run by Chopsticks' executor
 * (`Metadata_metadata_at_version`), as a node would. What a node serves can then be compared with what the
 * runtime itself produces. The executor belongs to Chopsticks, tao's optional peer (`tao localnet`): where it
 * is not installed, nothing can be derived and the caller says so.
 */

/** One runtime call in a runtime's code, nothing else: no storage, no host beyond the executor's own. */
export type RunRuntime = (code: `0x${string}`, method: string, args: `0x${string}`) => Promise<Uint8Array>

const EXECUTOR = '@acala-network/chopsticks-executor'
const CHOPSTICKS = '@acala-network/chopsticks'
const CORE = '@acala-network/chopsticks-core'

interface ExecutorModule {
  run_task(
    task: Record<string, unknown>,
    callbacks: Record<string, (...args: unknown[]) => Promise<unknown>>,
  ): Promise<{ Call?: { result: string }; Error?: unknown }>
}

/** The executor where it can be found: beside tao (a clone, a hoisted install), else inside Chopsticks' own tree. */
async function importExecutor(): Promise<ExecutorModule | undefined> {
  try {
    return (await import(EXECUTOR)) as ExecutorModule
  } catch {
    /* not beside tao */
  }
  try {
    const fromChopsticks = createRequire(import.meta.resolve(CHOPSTICKS))
    const fromCore = createRequire(fromChopsticks.resolve(CORE))
    return (await import(pathToFileURL(fromCore.resolve(EXECUTOR)).href)) as ExecutorModule
  } catch {
    return undefined
  }
}

const none = async () => undefined
/** The runtime's metadata calls read no storage and submit nothing: every host callback answers "nothing". */
const CALLBACKS = {
  getStorage: none,
  getNextKey: none,
  offchainGetStorage: none,
  offchainTimestamp: async () => 0,
  offchainRandomSeed: async () => `0x${'00'.repeat(32)}`,
  offchainSubmitTransaction: async () => false,
}

/** A runner over the installed executor, or undefined when Chopsticks is not installed. */
export async function loadRuntimeRunner(): Promise<RunRuntime | undefined> {
  const executor = await importExecutor()
  if (!executor) return undefined
  let id = 0
  return async (code, method, args) => {
    const out = await executor.run_task(
      // Unresolved host functions are stubs that trap if called (newer runtimes import some Chopsticks lacks);
      // the metadata calls never reach them.
      {
        wasm: code,
        calls: [[method, [args]]],
        mockSignatureHost: 0,
        allowUnresolvedImports: true,
        runtimeLogLevel: 0,
        id: id++,
        storageProofSize: 0,
      },
      CALLBACKS,
    )
    if (!out.Call) throw new Error(`${method} failed in the runtime: ${JSON.stringify(out.Error)}`)
    return fromHex(out.Call.result, method)
  }
}

/** SCALE compact length prefix: [value, bytes used]. */
function compactLength(bytes: Uint8Array, at: number): [number, number] {
  const b = bytes[at]!
  switch (b & 3) {
    case 0:
      return [b >> 2, 1]
    case 1:
      return [(b | (bytes[at + 1]! << 8)) >> 2, 2]
    case 2:
      return [(b | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 2, 4]
    default:
      throw new Error('metadata longer than 2^30 bytes')
  }
}

/** The metadata bytes inside `Option<OpaqueMetadata>` (what `Metadata_metadata_at_version` returns), or undefined for None. */
export function optionalOpaque(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] === 0) return undefined
  if (bytes[0] !== 1) throw new Error('not an Option')
  const [len, used] = compactLength(bytes, 1)
  return bytes.subarray(1 + used, 1 + used + len)
}

/** The version a metadata blob declares (after its "meta" magic): 14, 15, 16 … */
export const metadataVersion = (metadata: Uint8Array): number => metadata[4] ?? -1

const u32le = (n: number): `0x${string}` => toHex(new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]))

/** The metadata of this version as the runtime code produces it, or undefined when the runtime does not offer it. */
export async function metadataFromCode(run: RunRuntime, code: Uint8Array, version: number): Promise<Uint8Array | undefined> {
  return optionalOpaque(await run(toHex(code), 'Metadata_metadata_at_version', u32le(version)))
}

/** blake2-256 of the runtime code: the code hash nodes report for a runtime. */
export const codeHashOf = (code: Uint8Array): `0x${string}` => toHex(Blake2256(code))

/** Byte-for-byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
