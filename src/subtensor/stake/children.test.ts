import { describe, expect, it } from 'vitest'
import { TaoError } from '../../core/errors.js'
import { U64_MAX } from '../../core/numbers.js'
import { childrenOf, proportionToU64, takeToU16 } from './children.js'

const PARENT = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'

const exit2 = (fn: () => unknown, re: RegExp) => {
  let err: unknown
  try {
    fn()
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(TaoError)
  expect((err as TaoError).exitCode).toBe(2)
  expect((err as TaoError).message).toMatch(re)
}

const share = (num: bigint, den: bigint) => ({ num, den })

describe('proportions and takes, exactly', () => {
  it('⌊p × (2^64 − 1)⌋ and ⌊t × 65535⌋ from exact fractions', () => {
    expect(proportionToU64(share(1n, 1n))).toBe(U64_MAX)
    expect(proportionToU64(share(5n, 10n))).toBe(U64_MAX / 2n)
    expect(proportionToU64(share(0n, 1n))).toBe(0n)
    expect(proportionToU64(share(25n, 100n))).toBe(U64_MAX / 4n)
    expect(takeToU16(share(1n, 10n))).toBe(6553)
    expect(takeToU16(share(18n, 100n))).toBe(11796)
    expect(takeToU16(share(1n, 1n))).toBe(65535)
  })
})

describe('children as the runtime checks them', () => {
  const p = (x: string) => share(BigInt(x.replace('.', '')), 10n ** BigInt(x.split('.')[1]?.length ?? 0))
  it('pairs each child with its proportion', () => {
    expect(childrenOf(PARENT, [BOB, CHARLIE], [p('0.5'), p('0.25')])).toEqual([
      [U64_MAX / 2n, BOB],
      [U64_MAX / 4n, CHARLIE],
    ])
    expect(childrenOf(PARENT, [], [])).toEqual([])
  })

  it('refuses mismatched lists, duplicates, the parent itself, a sum above 1, more than 5', () => {
    exit2(() => childrenOf(PARENT, [BOB], []), /one --proportion per --child/)
    exit2(() => childrenOf(PARENT, [BOB, BOB], [p('0.1'), p('0.1')]), /twice/)
    exit2(() => childrenOf(PARENT, [PARENT], [p('0.1')]), /own child/)
    exit2(() => childrenOf(PARENT, [BOB, CHARLIE], [p('0.6'), p('0.5')]), /more than 1/)
    exit2(() => childrenOf(PARENT, Array(6).fill(BOB), Array(6).fill(p('0.1'))), /at most 5/)
  })
})
