import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMetadata } from '../../node/metadata.js'
import type { Chain } from '../../node/index.js'
import { requireSwap } from './pool.js'

const chainWith = (file: string) => ({ metadata: decodeMetadata(new Uint8Array(readFileSync(file))) }) as unknown as Chain

describe('requireSwap', () => {
  it('refuses a runtime without pallet Swap (spec 218), naming its spec, exit 2', () => {
    const spec218 = chainWith('test/fixtures/spec218/metadata.scale')
    expect(() => requireSwap(spec218, 'add_liquidity')).toThrow(/this runtime \(spec 218\) has no Swap pallet/)
    try {
      requireSwap(spec218)
    } catch (err) {
      expect((err as { exitCode?: number }).exitCode).toBe(2)
    }
  })

  it('accepts a runtime that has the calls (spec 381)', () => {
    const spec381 = chainWith('test/fixtures/metadata-spec381.scale')
    for (const call of ['add_liquidity', 'modify_position', 'remove_liquidity', 'toggle_user_liquidity'])
      expect(() => requireSwap(spec381, call)).not.toThrow()
  })
})
