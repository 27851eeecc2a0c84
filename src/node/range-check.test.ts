import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { decodeMetadata } from './metadata.js'
import { intProblem, intRange } from './range-check.js'

const meta = decodeMetadata(new Uint8Array(readFileSync(new URL('../../test/fixtures/metadata-spec381.scale', import.meta.url))))
const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const U64_MAX = 2n ** 64n - 1n

function thrown(fn: () => unknown): TaoError {
  try {
    fn()
  } catch (e) {
    return e as TaoError
  }
  throw new Error('did not throw')
}

describe('integer ranges from the type name', () => {
  it('knows unsigned and signed widths', () => {
    expect(intRange('u16')).toEqual({ min: 0n, max: 65535n })
    expect(intRange('u64')).toEqual({ min: 0n, max: U64_MAX })
    expect(intRange('i8')).toEqual({ min: -128n, max: 127n })
    expect(intRange('bool')).toBeUndefined()
  })
  it('says why a value does not fit', () => {
    const u16 = intRange('u16')!
    expect(intProblem(65535, 'u16', u16)).toBeUndefined()
    expect(intProblem(65536, 'u16', u16)).toMatch(/more than u16 can hold \(at most 65535\)/)
    expect(intProblem(-1n, 'u16', u16)).toMatch(/negative/)
    expect(intProblem(1.5, 'u16', u16)).toMatch(/not a whole number/)
    expect(intProblem('x', 'u16', u16)).toBeUndefined()
  })
})

describe('calls are range-checked against the runtime (spec 381) before encoding', () => {
  const dest = { type: 'Id', value: alice }

  it('an amount over u64 (Compact<u64> in rao) is bad input, named with its TAO limit', () => {
    const err = thrown(() => meta.encodeCall('Balances', 'transfer_keep_alive', { dest, value: U64_MAX + 1n }))
    expect(err).toBeInstanceOf(TaoError)
    expect(err.exitCode).toBe(2)
    expect(err.code).toBe('OUT_OF_RANGE')
    expect(err.message).toBe(
      'Balances.transfer_keep_alive: value = 18446744073709551616 is more than Compact<u64> can hold (at most 18446744073709551615 rao = 18446744073.709551615 TAO); nothing was signed',
    )
    expect(() => meta.encodeCall('Balances', 'transfer_keep_alive', { dest, value: U64_MAX })).not.toThrow()
  })

  it('a u16 netuid, a u64 amount, and every element of a Vec<u16>', () => {
    expect(
      thrown(() => meta.encodeCall('SubtensorModule', 'add_stake', { hotkey: alice, netuid: 70000, amount_staked: 1n })).message,
    ).toMatch(/SubtensorModule\.add_stake: netuid = 70000 is more than u16 can hold/)
    expect(thrown(() => meta.encodeCall('SubtensorModule', 'add_stake', { hotkey: alice, netuid: 1, amount_staked: -5n })).message).toMatch(
      /amount_staked = -5 is negative/,
    )
    const weights = { netuid: 1, dests: [0, 1], weights: [65535, 65536], version_key: 0n }
    expect(thrown(() => meta.encodeCall('SubtensorModule', 'set_weights', weights)).message).toMatch(
      /weights\[1\] = 65536 is more than u16/,
    )
  })

  it('storage keys, runtime API arguments and transaction extensions too', () => {
    expect(thrown(() => meta.checkStorageKeys('SubtensorModule', 'Tempo', [65536])).message).toMatch(
      /SubtensorModule\.Tempo: key 1 = 65536/,
    )
    expect(() => meta.checkStorageKeys('SubtensorModule', 'Tempo', [65535])).not.toThrow()
    expect(thrown(() => meta.checkStorageKeys('SubtensorModule', 'Alpha', [alice, alice, 70000])).message).toMatch(/key 3 = 70000/)
    expect(thrown(() => meta.checkApiArgs('SubnetInfoRuntimeApi', 'get_subnet_info', [70000])).message).toMatch(/netuid = 70000/)
    const tip = thrown(() => meta.checkExtension('ChargeTransactionPayment', U64_MAX + 1n, 'tip'))
    expect(tip.message).toMatch(
      /tip = 18446744073709551616 is more than Compact<u64> can hold \(at most 18446744073709551615 rao = 18446744073\.709551615 TAO\)/,
    )
    expect(thrown(() => meta.checkExtension('CheckNonce', 2 ** 32, 'nonce')).message).toMatch(
      /nonce = 4294967296 is more than Compact<u32>/,
    )
  })

  it('a batch of calls is followed into each inner call', () => {
    const inner = { type: 'SubtensorModule', value: { type: 'add_stake', value: { hotkey: alice, netuid: 99999, amount_staked: 1n } } }
    expect(thrown(() => meta.encodeCall('Utility', 'batch', { calls: [inner] })).message).toMatch(
      /calls\[0\]\.SubtensorModule\.add_stake\.netuid = 99999/,
    )
  })
})
