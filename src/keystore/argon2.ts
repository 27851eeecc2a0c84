import { createRequire } from 'node:module'
import { badInput, failed } from '../core/errors.js'

/**
 * Argon2i v1.3 with libsodium's "sensitive" limits, the key derivation of btcli's $NACL keyfiles
 * (`crypto_pwhash_argon2i(…, OPSLIMIT_SENSITIVE, MEMLIMIT_SENSITIVE)`): t=8 passes, 512 MiB, p=1, 32 bytes.
 *
 * Three interchangeable backends, all proven byte-identical to libsodium by test/interop/nacl.test.ts:
 *  - `sodium`: native libsodium (sodium-native prebuilt), runs on the libuv thread pool; ~1x libsodium.
 *  - `wasm`:   hash-wasm's WebAssembly argon2; ~2x slower, works wherever WebAssembly does.
 *  - `js`:     @noble/hashes pure JS; ~12x slower (tens of seconds), last resort only.
 * Backends load on first use so importing this module costs nothing at CLI start-up.
 */

export const ARGON2I_SENSITIVE = {
  /** Passes (libsodium opslimit). */
  passes: 8,
  /** Bytes (libsodium memlimit); argon2 itself counts KiB: 524288. */
  memBytes: 536_870_912,
  parallelism: 1,
  outputBytes: 32,
  saltBytes: 16,
} as const

export type Argon2BackendName = 'sodium' | 'wasm' | 'js'
export const ARGON2_BACKENDS: readonly Argon2BackendName[] = ['sodium', 'wasm', 'js']

type Derive = (password: Uint8Array, salt: Uint8Array) => Promise<Uint8Array>
const P = ARGON2I_SENSITIVE

/** Minimal shape of the sodium-native functions used here (it ships no types). */
interface SodiumNative {
  crypto_pwhash_async(out: Uint8Array, pw: Uint8Array, salt: Uint8Array, ops: number, mem: number, alg: number): Promise<void>
  crypto_pwhash_ALG_ARGON2I13: number
}

function loadSodium(): Derive {
  // createRequire: sodium-native is CommonJS with a native addon; a load failure (no prebuild for this
  // platform, blocked .node files) is expected on some machines and only means "use the next backend".
  const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative
  if (typeof sodium.crypto_pwhash_async !== 'function') throw new Error('sodium-native has no crypto_pwhash_async')
  return async (password, salt) => {
    const out = new Uint8Array(P.outputBytes)
    await sodium.crypto_pwhash_async(out, password, salt, P.passes, P.memBytes, sodium.crypto_pwhash_ALG_ARGON2I13)
    return out
  }
}

async function loadWasm(): Promise<Derive> {
  if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available')
  const { argon2i } = await import('hash-wasm')
  return (password, salt) =>
    argon2i({
      password,
      salt,
      iterations: P.passes,
      memorySize: P.memBytes / 1024,
      parallelism: P.parallelism,
      hashLength: P.outputBytes,
      outputType: 'binary',
    })
}

async function loadJs(): Promise<Derive> {
  const { argon2iAsync } = await import('@noble/hashes/argon2.js')
  return (password, salt) => argon2iAsync(password, salt, { t: P.passes, m: P.memBytes / 1024, p: P.parallelism, dkLen: P.outputBytes })
}

const loaders: Record<Argon2BackendName, () => Derive | Promise<Derive>> = { sodium: loadSodium, wasm: loadWasm, js: loadJs }

interface Active {
  name: Argon2BackendName
  derive: Derive
}
let active: Promise<Active> | undefined
/** Backend name once known, for the synchronous `argon2Backend()`. */
let activeName: Argon2BackendName | undefined
/** Why earlier backends in the chain were skipped (shown with --verbose). */
const skipped: string[] = []

/** The backend forced by TAO_ARGON2_BACKEND, if any. */
export function forcedBackend(env: NodeJS.ProcessEnv = process.env): Argon2BackendName | undefined {
  const v = env.TAO_ARGON2_BACKEND?.trim()
  if (!v) return undefined
  if ((ARGON2_BACKENDS as readonly string[]).includes(v)) return v as Argon2BackendName
  throw badInput(`TAO_ARGON2_BACKEND must be one of ${ARGON2_BACKENDS.join(', ')} (got "${v}")`, 'BAD_ENV')
}

async function resolve(): Promise<Active> {
  const forced = forcedBackend()
  if (forced) {
    try {
      return { name: forced, derive: await loaders[forced]() }
    } catch (e) {
      throw failed(`argon2 backend "${forced}" (forced by TAO_ARGON2_BACKEND) cannot load`, 'ARGON2_BACKEND', errorText(e))
    }
  }
  for (const name of ARGON2_BACKENDS) {
    try {
      return { name, derive: await loaders[name]() }
    } catch (e) {
      noteSkipped(name, e)
    }
  }
  throw failed('no argon2 backend can load on this machine', 'ARGON2_BACKEND', skipped.join('; '))
}

function backend(): Promise<Active> {
  active ??= resolve().then(
    (a) => ((activeName = a.name), a),
    (e) => {
      active = undefined // let a later call (e.g. after fixing the env) try again
      throw e
    },
  )
  return active
}

/**
 * The 32-byte secretbox key of a $NACL keyfile. `salt` must be 16 bytes (libsodium's crypto_pwhash_SALTBYTES).
 * Takes seconds and 512 MiB by design; the sodium backend does not block the event loop.
 */
export async function argon2iSensitive(password: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  if (!(password instanceof Uint8Array)) throw new TypeError('password must be a Uint8Array')
  if (!(salt instanceof Uint8Array) || salt.length !== P.saltBytes) throw new TypeError(`salt must be ${P.saltBytes} bytes`)
  const { name, derive } = await backend()
  try {
    const key = await derive(password, salt)
    if (key.length !== P.outputBytes) throw new Error(`backend returned ${key.length} bytes`)
    return key
  } catch (e) {
    // Almost always memory: argon2i needs 512 MiB that the machine (or a container limit) cannot give.
    throw failed(`argon2i key derivation failed (${name} backend; needs 512 MiB of memory)`, 'ARGON2_FAILED', errorText(e))
  }
}

/**
 * Name of the backend in use (or that the next derivation will use), e.g. "sodium", or
 * "wasm (skipped sodium: …)" when the chain fell back. Synchronous: sodium loads synchronously,
 * and wasm is assumed to load wherever WebAssembly exists.
 */
export function argon2Backend(): string {
  if (activeName) return describe(activeName)
  const forced = forcedBackend()
  if (forced) return forced
  try {
    loadSodium()
    return 'sodium'
  } catch (e) {
    noteSkipped('sodium', e)
  }
  return describe(typeof WebAssembly === 'object' ? 'wasm' : 'js')
}

function noteSkipped(name: Argon2BackendName, e: unknown): void {
  if (!skipped.some((s) => s.startsWith(`${name}:`))) skipped.push(`${name}: ${errorText(e)}`)
}

const describe = (name: Argon2BackendName): string => (skipped.length ? `${name} (skipped ${skipped.join('; ')})` : name)

/** Forget the resolved backend (tests switch TAO_ARGON2_BACKEND between derivations). */
export function resetArgon2Backend(): void {
  active = undefined
  activeName = undefined
  skipped.length = 0
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
