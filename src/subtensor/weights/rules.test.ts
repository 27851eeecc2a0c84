import { describe, expect, it } from 'vitest'
import { TaoError } from '../../core/errors.js'
import { maxLimited, roundHalfEven, toEmitWeights, weightsProblem, type WeightLimits } from './rules.js'

const errorOf = (fn: () => unknown): TaoError => {
  try {
    fn()
  } catch (e) {
    return e as TaoError
  }
  throw new Error('expected an error')
}

describe("btcli's conversion", () => {
  it('max-upscales to 65535 and rounds', () => {
    expect(toEmitWeights([0, 1, 2], [0.5, 0.3, 0.2])).toEqual({ uids: [0, 1, 2], values: [65535, 39321, 26214], dropped: [] })
    expect(toEmitWeights([4, 7], [2, 2])).toEqual({ uids: [4, 7], values: [65535, 65535], dropped: [] })
  })
  it('rounds half to even like Python', () => {
    expect(roundHalfEven(32767.5)).toBe(32768)
    expect(roundHalfEven(32766.5)).toBe(32766)
    expect(roundHalfEven(0.5)).toBe(0)
    expect(roundHalfEven(1.5)).toBe(2)
    expect(roundHalfEven(2.4999)).toBe(2)
    // 1/131070 of the largest is exactly 0.5 → 0: left out, as btcli filters zeros.
    expect(toEmitWeights([0, 1, 2], [131070, 1, 3])).toEqual({ uids: [0, 2], values: [65535, 2], dropped: [1] })
  })
  it('refuses a length mismatch, duplicates and all zero (exit 2)', () => {
    expect(errorOf(() => toEmitWeights([0, 1], [1])).code).toBe('LENGTH_MISMATCH')
    expect(errorOf(() => toEmitWeights([0, 0], [1, 1])).code).toBe('DUPLICATE_UIDS')
    expect(errorOf(() => toEmitWeights([0, 1], [0, 0])).code).toBe('ALL_ZERO')
    expect(errorOf(() => toEmitWeights([0], [-1])).exitCode).toBe(2)
  })
})

describe("the runtime's rules", () => {
  const limits: WeightLimits = { netuid: 2, subnetN: 4, selfUid: 1, minAllowedWeights: 2, maxWeightsLimit: 65535, requiredVersionKey: 0n }
  const ok = { uids: [0, 1], values: [65535, 30000] }
  it('passes what the chain takes', () => {
    expect(weightsProblem(ok, limits, 0n)).toBeUndefined()
  })
  it('names uids that do not exist', () => {
    expect(weightsProblem({ uids: [0, 4, 9], values: [1, 1, 1] }, limits, 0n)).toMatch(
      /uid 4, 9 do not exist on subnet 2 \(it has UIDs 0–3\)/,
    )
    expect(weightsProblem({ uids: [0, 1, 2, 3, 4], values: [1, 1, 1, 1, 1] }, limits, 0n)).toMatch(/only 4 UIDs/)
  })
  it('needs min(MinAllowedWeights, n) weights unless a lone self-weight', () => {
    expect(weightsProblem({ uids: [0], values: [65535] }, limits, 0n)).toMatch(/at least 2 UIDs/)
    expect(weightsProblem({ uids: [1], values: [65535] }, limits, 0n)).toBeUndefined()
    expect(weightsProblem({ uids: [0], values: [65535] }, { ...limits, subnetN: 1, minAllowedWeights: 8 }, 0n)).toBeUndefined()
  })
  it('caps the largest normalised weight at MaxWeightsLimit', () => {
    const capped = { ...limits, maxWeightsLimit: 32768 } // ≈ 0.5
    expect(weightsProblem({ uids: [0, 2], values: [65535, 65535] }, capped, 0n)).toBeUndefined()
    expect(weightsProblem({ uids: [0, 2], values: [65535, 30000] }, capped, 0n)).toMatch(/caps any one weight/)
    expect(weightsProblem({ uids: [1], values: [65535] }, capped, 0n)).toBeUndefined() // self-weight
  })
  it('computes the cap in I32F32 like the runtime (equal halves pass 32768, not 32767)', () => {
    expect(maxLimited([65535, 65535], 32768)).toBe(true)
    expect(maxLimited([65535, 65535], 32767)).toBe(false)
    expect(maxLimited([65535, 65535, 65535], 21845)).toBe(true)
  })
  it('refuses a version key below the subnet’s, root, and accepts any key when the subnet asks 0', () => {
    expect(weightsProblem(ok, { ...limits, requiredVersionKey: 5n }, 4n)).toMatch(/below subnet 2's WeightsVersionKey 5/)
    expect(weightsProblem(ok, { ...limits, requiredVersionKey: 5n }, 5n)).toBeUndefined()
    expect(weightsProblem(ok, { ...limits, netuid: 0 }, 0n)).toMatch(/root/)
  })
})
