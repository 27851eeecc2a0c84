import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TaoError } from '../core/errors.js'

// libsodium (PyNaCl 1.5, nacl.pwhash.argon2i.kdf with the SENSITIVE limits) for password "hello" and
// btcli's $NACL salt. test/interop/nacl.test.ts recomputes such vectors live against every backend.
const SALT = Uint8Array.from(Buffer.from('137183dff15a09bc9c90b5518739e9b1', 'hex'))
const HELLO_KEY = 'b3839562eea43af89535a6df18ddaec9e37bd89ebc6f6d68c15cb5055204afc4'
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

async function freshModule(): Promise<typeof import('./argon2.js')> {
  vi.resetModules()
  return import('./argon2.js')
}

/** Make loading sodium-native fail as it does on a platform without its prebuilt addon. */
function sodiumCannotLoad(why: string): void {
  vi.doMock('node:module', async (orig) => ({
    ...(await orig<typeof import('node:module')>()),
    createRequire: () => () => {
      throw new Error(why)
    },
  }))
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.doUnmock('node:module')
})

describe('argon2iSensitive', () => {
  it('matches libsodium with the default backend (native sodium here)', { timeout: 120_000 }, async () => {
    vi.stubEnv('TAO_ARGON2_BACKEND', '')
    const m = await freshModule()
    expect(m.argon2Backend()).toBe('sodium')
    expect(hex(await m.argon2iSensitive(utf8('hello'), SALT))).toBe(HELLO_KEY)
    expect(m.argon2Backend()).toBe('sodium')
  })

  it('falls back to wasm when sodium-native cannot load, with the same key', { timeout: 120_000 }, async () => {
    vi.stubEnv('TAO_ARGON2_BACKEND', '')
    sodiumCannotLoad('no prebuild for this platform')
    const m = await freshModule()
    expect(m.argon2Backend()).toMatch(/^wasm \(skipped sodium: no prebuild/)
    expect(hex(await m.argon2iSensitive(utf8('hello'), SALT))).toBe(HELLO_KEY)
  })

  it('refuses a forced backend that cannot load instead of silently falling back', async () => {
    vi.stubEnv('TAO_ARGON2_BACKEND', 'sodium')
    sodiumCannotLoad('blocked')
    const m = await freshModule()
    const err = await m.argon2iSensitive(utf8('x'), SALT).catch((e: unknown) => e)
    // resetModules gives the module its own copy of errors.js, so compare by shape, not by class.
    expect(err).toMatchObject({ name: 'TaoError', exitCode: 1, code: 'ARGON2_BACKEND' })
    expect((err as TaoError).message).toMatch(/"sodium" \(forced by TAO_ARGON2_BACKEND\) cannot load/)
  })

  it('validates the salt length at the boundary', async () => {
    const m = await freshModule()
    await expect(m.argon2iSensitive(utf8('x'), new Uint8Array(8))).rejects.toThrow(/salt must be 16 bytes/)
  })
})

describe('TAO_ARGON2_BACKEND', () => {
  it('accepts the three backend names and nothing else', async () => {
    const m = await freshModule()
    expect(m.forcedBackend({})).toBeUndefined()
    expect(m.forcedBackend({ TAO_ARGON2_BACKEND: ' ' })).toBeUndefined()
    for (const name of ['sodium', 'wasm', 'js'] as const) expect(m.forcedBackend({ TAO_ARGON2_BACKEND: name })).toBe(name)
    expect(() => m.forcedBackend({ TAO_ARGON2_BACKEND: 'openssl' })).toThrow(/must be one of sodium, wasm, js/)
  })

  it('is what argon2Backend() reports before any derivation', async () => {
    vi.stubEnv('TAO_ARGON2_BACKEND', 'js')
    const m = await freshModule()
    expect(m.argon2Backend()).toBe('js')
  })

  it('has the libsodium argon2i "sensitive" limits', async () => {
    const { ARGON2I_SENSITIVE } = await freshModule()
    expect(ARGON2I_SENSITIVE).toMatchObject({ passes: 8, memBytes: 512 * 1024 * 1024, parallelism: 1, outputBytes: 32 })
  })
})
