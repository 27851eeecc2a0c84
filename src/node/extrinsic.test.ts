import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactLength, compactValue } from './bytes.js'
import { decodeEra, eraBirth } from './extrinsic.js'
import { eraPeriod } from './tx.js'

/** The encoding side, written independently from the spec: period as log2-1 in 4 bits, quantized phase above. */
function encodeEra(period: number, phase: number): Uint8Array {
  const quantize = Math.max(period >> 12, 1)
  const v = Math.min(Math.max(Math.log2(period) - 1, 1), 15) | (Math.floor(phase / quantize) << 4)
  return new Uint8Array([v & 0xff, v >> 8])
}

describe('mortal era', () => {
  it('decodes immortal and known mortal encodings', () => {
    expect(decodeEra(new Uint8Array([0]))).toEqual({ type: 'immortal' })
    expect(decodeEra(new Uint8Array([0x55, 0x00]))).toEqual({ type: 'mortal', period: 64, phase: 5 })
  })

  it('round-trips every period and phase', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.nat(), (log, p) => {
        const period = 2 ** log
        const quantize = Math.max(period >> 12, 1)
        const phase = Math.floor((p % period) / quantize) * quantize
        expect(decodeEra(encodeEra(period, phase))).toEqual({ type: 'mortal', period, phase })
      }),
    )
  })

  it('finds the birth block the node would use', () => {
    expect(eraBirth({ period: 64, phase: 5 }, 100)).toBe(69)
    expect(eraBirth({ period: 64, phase: 5 }, 69)).toBe(69)
    expect(eraBirth({ period: 64, phase: 40 }, 10)).toBe(40)
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.nat(1_000_000), fc.nat(), (log, current, p) => {
        const period = 2 ** log
        const phase = p % period
        const birth = eraBirth({ period, phase }, current)
        expect(birth % period).toBe(phase)
        if (current >= phase) expect(current - birth).toBeLessThan(period)
      }),
    )
  })

  it('rounds a requested era to what polkadot-api signs', () => {
    expect(eraPeriod(64)).toBe(64)
    expect(eraPeriod(1)).toBe(4)
    expect(eraPeriod(100)).toBe(128)
    expect(eraPeriod(4096)).toBe(4096)
    // Above 4096 the era's phase is quantised and polkadot-api's signature would not match the node's birth block.
    expect(() => eraPeriod(4097)).toThrow('longer than 4096 blocks')
    expect(() => eraPeriod(65536)).toThrow('longer than 4096 blocks')
    expect(() => eraPeriod(0)).toThrow('era must be a whole number')
    expect(() => eraPeriod(2.5)).toThrow('era must be a whole number')
  })
})

describe('compact lengths', () => {
  it('reads all four modes', () => {
    expect([compactLength(new Uint8Array([0x04])), compactValue(new Uint8Array([0x04]))]).toEqual([1, 1])
    expect([compactLength(new Uint8Array([0x3d, 0x02])), compactValue(new Uint8Array([0x3d, 0x02]))]).toEqual([2, 143])
    expect(compactValue(new Uint8Array([0x02, 0x00, 0x01, 0x00]))).toBe(16384)
    expect(compactLength(new Uint8Array([0x03, 0, 0, 0, 0x40]))).toBe(5)
    expect(compactValue(new Uint8Array([0x03, 0, 0, 0, 0x40]))).toBe(0x40000000)
  })
})
