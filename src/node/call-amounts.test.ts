/**
 * Amounts in decoded calls are told from the runtime's own types (spec 218: `T::Balance`, bare u64 named
 * amount_…; spec 381: `TaoBalance` / `AlphaBalance`), nested calls included; other integers stay as they are.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toJsonSafe } from '../core/json.js'
import { markAmounts } from './call-amounts.js'
import { decodeMetadata } from './metadata.js'

const spec218 = decodeMetadata(new Uint8Array(readFileSync('test/fixtures/spec218/metadata.scale')))
const spec381 = decodeMetadata(new Uint8Array(readFileSync('test/fixtures/metadata-spec381.scale')))
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

/** Encode, decode as `tx decode` does (JSON-safe), then mark the amounts. */
function roundTrip(view: typeof spec218, pallet: string, call: string, args: Record<string, unknown>) {
  const decoded = view.decodeCall(view.encodeCall(pallet, call, args))
  return markAmounts(view, decoded.pallet, decoded.name, toJsonSafe(decoded.args) as Record<string, unknown>)
}

const transfer = { type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: BOB }, value: 5n } } }

describe('amounts in a decoded call', () => {
  it('a balance-typed argument (T::Balance) becomes {rao, tao}; the address stays', () => {
    expect(roundTrip(spec218, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 2_000_000_000n })).toEqual({
      dest: { type: 'Id', value: BOB },
      value: { rao: '2000000000', tao: '2' },
    })
  })

  it('a bare u64 named like an amount is one; a netuid, a version key or a price named otherwise is not', () => {
    expect(roundTrip(spec218, 'SubtensorModule', 'remove_stake', { hotkey: BOB, netuid: 3, amount_unstaked: 7n })).toEqual({
      hotkey: BOB,
      netuid: 3,
      amount_unstaked: { rao: '7', tao: '0.000000007' },
    })
    const weights = roundTrip(spec218, 'SubtensorModule', 'set_weights', { netuid: 1, dests: [0, 1], weights: [1, 2], version_key: 9n })
    expect(weights).toEqual({ netuid: 1, dests: [0, 1], weights: [1, 2], version_key: '9' })
    expect(roundTrip(spec218, 'AdminUtils', 'sudo_set_min_burn', { netuid: 1, min_burn: 1_000_000_000n })).toEqual({
      netuid: 1,
      min_burn: { rao: '1000000000', tao: '1' },
    })
  })

  it('newer runtimes name the type (TaoBalance, AlphaBalance)', () => {
    const r = roundTrip(spec381, 'SubtensorModule', 'add_stake_limit', {
      hotkey: BOB,
      netuid: 2,
      amount_staked: 10n,
      limit_price: 20n,
      allow_partial: false,
    })
    expect(r).toMatchObject({
      amount_staked: { rao: '10', tao: '0.00000001' },
      limit_price: { rao: '20', tao: '0.00000002' },
      allow_partial: false,
      netuid: 2,
    })
  })

  it('inside nested calls: Sudo.sudo and Utility.batch', () => {
    const sudo = roundTrip(spec218, 'Sudo', 'sudo', { call: transfer }) as any
    expect(sudo.call.value.value.value).toEqual({ rao: '5', tao: '0.000000005' })
    const batch = roundTrip(spec218, 'Utility', 'batch', { calls: [transfer, transfer] }) as any
    expect(batch.calls.map((c: any) => c.value.value.value)).toEqual([
      { rao: '5', tao: '0.000000005' },
      { rao: '5', tao: '0.000000005' },
    ])
  })
})
