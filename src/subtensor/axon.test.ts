import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { decodeMetadata, type RuntimeMetadata } from '../node/metadata.js'
import type { Chain } from '../node/index.js'
import { axonText, serveAxonArgs, storedAxonLine } from './axon.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures')
const views: Record<number, RuntimeMetadata> = {}
const view = (spec: 218 | 381) =>
  (views[spec] ??= decodeMetadata(readFileSync(path.join(fixtures, spec === 218 ? 'spec218/metadata.scale' : 'metadata-spec381.scale'))))
/** The members serveAxonArgs uses, over a runtime's metadata (no node). */
const runtime = (v: RuntimeMetadata, extraArg?: string) =>
  ({
    metadata: v,
    hasCall: (p: string, c: string) => v.call(p, c) !== undefined,
    callArgs: (p: string, c: string) => [...(v.call(p, c)?.args ?? []), ...(extraArg ? [{ name: extraArg, type: 'u8' }] : [])],
    call: () => {
      throw new Error('not used')
    },
  }) as unknown as Pick<Chain, 'callArgs' | 'hasCall' | 'call' | 'metadata'>

const VALUES = { netuid: 2, version: 7, ip: 0xcb007107n, port: 8091, ip_type: 4, protocol: 4, placeholder1: 0, placeholder2: 0 }

describe('serve_axon arguments from the metadata', () => {
  it.each([218, 381] as const)('spec %s: every argument filled, in the order the runtime declares, and the call encodes', (spec) => {
    const args = serveAxonArgs(runtime(view(spec)), VALUES)
    expect(Object.keys(args)).toEqual(
      view(spec)
        .call('SubtensorModule', 'serve_axon')!
        .args.map((a) => a.name),
    )
    expect(() => view(spec).encodeCall('SubtensorModule', 'serve_axon', args)).not.toThrow()
  })

  it('an argument a newer runtime adds that taocli cannot fill is refused before signing (exit 2), naming it', () => {
    let err: unknown
    try {
      serveAxonArgs(runtime(view(381), 'tls_flags'), VALUES)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(TaoError)
    expect((err as TaoError).exitCode).toBe(2)
    expect((err as TaoError).message).toMatch(/serve_axon in this runtime \(spec 381\) also takes tls_flags/)
  })

  it('axons in words', () => {
    expect(axonText(null)).toBe('none served')
    expect(axonText({ ip: '2001:db8:0:0:0:0:0:7', port: 9000, version: 0, protocol: 4, block: 12 })).toBe(
      '[2001:db8:0:0:0:0:0:7]:9000 (version 0, protocol 4, block 12)',
    )
    expect(storedAxonLine({ netuid: 3 })).toBeUndefined()
    expect(storedAxonLine({ netuid: 3, axon: { ip: '1.2.3.4', port: 1, version: 0, protocol: 4, block: 9 } })).toBe(
      'axon on subnet 3: 1.2.3.4:1 (version 0, protocol 4, block 9)',
    )
  })
})
