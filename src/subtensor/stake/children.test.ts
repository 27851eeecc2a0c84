import { describe, expect, it } from 'vitest'
import { TaoError } from '../../core/errors.js'
import { U64_MAX } from '../../core/numbers.js'
import { parseChildren, proportionToU64, takeToU16 } from './children.js'

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

describe('proportions and takes, exactly', () => {
  it('⌊p × (2^64 − 1)⌋ and ⌊t × 65535⌋ from decimals', () => {
    expect(proportionToU64('1')).toBe(U64_MAX)
    expect(proportionToU64('0.5')).toBe(U64_MAX / 2n)
    expect(proportionToU64('0')).toBe(0n)
    expect(proportionToU64('.25')).toBe(U64_MAX / 4n)
    expect(takeToU16('0.1')).toBe(6553)
    expect(takeToU16('0.18')).toBe(11796)
    expect(takeToU16('1')).toBe(65535)
  })

  it.each(['1.01', '-0.1', '1e-2', 'half', ''])('refuses %j', (text) => exit2(() => proportionToU64(text), /between 0 and 1/))
})

describe('children as the runtime checks them', () => {
  it('pairs each child with its proportion', () => {
    expect(parseChildren(PARENT, [BOB, CHARLIE], ['0.5', '0.25'])).toEqual([
      [U64_MAX / 2n, BOB],
      [U64_MAX / 4n, CHARLIE],
    ])
    expect(parseChildren(PARENT, [], [])).toEqual([])
  })

  it('refuses mismatched lists, duplicates, the parent itself, a sum above 1, more than 5, a bad address', () => {
    exit2(() => parseChildren(PARENT, [BOB], []), /one --proportion per --child/)
    exit2(() => parseChildren(PARENT, [BOB, BOB], ['0.1', '0.1']), /twice/)
    exit2(() => parseChildren(PARENT, [PARENT], ['0.1']), /own child/)
    exit2(() => parseChildren(PARENT, [BOB, CHARLIE], ['0.6', '0.5']), /more than 1/)
    exit2(() => parseChildren(PARENT, Array(6).fill(BOB), Array(6).fill('0.1')), /at most 5/)
    exit2(() => parseChildren(PARENT, [BOB.slice(0, -1) + 'x'], ['0.1']), /--child/)
  })
})
