/**
 * One set of checks, run against several runtimes' metadata (spec 381 from a file, spec 218 from the local
 * node): everything is derived from the metadata under test, with no node and no hard-coded layout.
 */
import type { LookupEntry } from '@polkadot-api/metadata-builders'
import { expect, it } from 'vitest'
import { toHex } from '../../src/core/hex.js'
import { chainInfoPlan } from '../../src/subtensor/chain-info.js'
import { governanceAvailability } from '../../src/subtensor/governance.js'
import { decodeExtrinsic } from '../../src/node/extrinsic.js'
import type { RuntimeMetadata } from '../../src/node/metadata.js'
import { ADDRESS, sample, sampleVariant, variantOf } from './samples.js'

/** Calls our commands use now or soon. */
export const COMMAND_CALLS: Array<[string, string]> = [
  ['Balances', 'transfer_keep_alive'],
  ['Balances', 'transfer_allow_death'],
  ['Balances', 'transfer_all'],
  ['SubtensorModule', 'add_stake'],
  ['SubtensorModule', 'remove_stake'],
  ['SubtensorModule', 'burned_register'],
  ['SubtensorModule', 'register_network'],
  ['SubtensorModule', 'set_weights'],
  ['SubtensorModule', 'commit_weights'],
  ['SubtensorModule', 'reveal_weights'],
  ['SubtensorModule', 'add_stake_limit'],
  ['SubtensorModule', 'remove_stake_limit'],
  ['SubtensorModule', 'transfer_stake'],
  ['SubtensorModule', 'swap_stake'],
  ['SubtensorModule', 'move_stake'],
  ['Sudo', 'sudo'],
]

export const RUNTIME_APIS: Array<[string, string]> = [
  ['SubnetInfoRuntimeApi', 'get_subnet_info'],
  ['SubnetInfoRuntimeApi', 'get_subnets_info'],
  ['SubnetInfoRuntimeApi', 'get_dynamic_info'],
  ['NeuronInfoRuntimeApi', 'get_neurons_lite'],
  ['StakeInfoRuntimeApi', 'get_stake_info_for_coldkey'],
  ['TransactionPaymentApi', 'query_info'],
]

/** A call's sample arguments, from its own argument types. */
function sampleArgs(meta: RuntimeMetadata, pallet: string, name: string): Record<string, unknown> {
  const [, callIdx] = meta.requireCall(pallet, name).index
  const calls = meta.lookup(meta.metadata.pallets.find((p) => p.name === pallet)!.calls!.type)
  if (calls.type !== 'enum') throw new Error(`${pallet} calls are not an enum`)
  const variant = Object.values(calls.value).find((v) => v.idx === callIdx)!
  return (sampleVariant(variant) ?? {}) as Record<string, unknown>
}

const storageTypeId = (meta: RuntimeMetadata, pallet: string, item: string): number => {
  const t = meta.metadata.pallets.find((p) => p.name === pallet)!.storage!.items.find((i) => i.name === item)!.type
  return t.tag === 'plain' ? t.value : t.value.value
}

/** DispatchError's type, found through System.ExtrinsicFailed. */
function dispatchErrorEntry(meta: RuntimeMetadata): LookupEntry {
  const events = meta.lookup(meta.metadata.pallets.find((p) => p.name === 'System')!.events!.type)
  const failed = variantOf(events, 'ExtrinsicFailed') as unknown as { type: string; value: Record<string, LookupEntry> }
  return failed.value.dispatch_error!
}

/** Mortal era bytes (the inverse of decodeEra), to build an extrinsic by hand. */
function eraBytes(period: number, phase: number): Uint8Array {
  const tz = Math.log2(period)
  const quantize = Math.max(period >> 12, 1)
  const encoded = Math.min(Math.max(tz - 1, 1), 15) | ((phase / quantize) << 4)
  return new Uint8Array([encoded & 0xff, encoded >> 8])
}

const compact = (n: number): Uint8Array => (n < 64 ? new Uint8Array([n << 2]) : new Uint8Array([((n & 0x3f) << 2) | 1, n >> 6]))

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) out.set(p, (at += p.length) - p.length)
  return out
}

export function compatChecks(meta: () => RuntimeMetadata, spec: number): void {
  it(`is spec ${spec}`, () => {
    expect(meta().specVersion).toBe(spec)
    expect(meta().where).toBe(`(spec ${spec})`)
  })

  it('knows from the metadata alone whether the senate governance commands can run (spec 218 only) and what chain info reads', () => {
    const v = meta()
    const senate = spec === 218
    for (const feature of ['members', 'proposals', 'vote'] as const) {
      const a = governanceAvailability(v, feature)
      expect(a.available, feature).toBe(senate)
      if (!a.available) expect(a.message).toMatch(new RegExp(`^this runtime \\(spec ${spec}\\) has no (Triumvirate|SenateMembers)`))
    }
    expect(governanceAvailability(v, 'sudo-key')).toEqual({ available: true })
    const plan = chainInfoPlan(v)
    expect(plan.missing).toEqual([])
    expect(plan.baseEmission).toBe(1_000_000_000n)
    expect(plan.taoWeight).toBe(senate ? 'per-subnet' : 'global') // spec 218 keeps TaoWeight by netuid
  })

  it('builds call data for every call our commands use, or says it is not in this runtime', () => {
    const v = meta()
    let built = 0
    for (const [pallet, name] of COMMAND_CALLS) {
      const info = v.call(pallet, name)
      if (!info) {
        expect(() => v.encodeCall(pallet, name, {})).toThrow(`${pallet}.${name} is not in this runtime (spec ${spec})`)
        continue
      }
      // Sudo.sudo wraps a whole call: give it the transfer a command would send.
      const args =
        pallet === 'Sudo'
          ? { call: { type: 'Balances', value: { type: 'transfer_keep_alive', value: sampleArgs(v, 'Balances', 'transfer_keep_alive') } } }
          : sampleArgs(v, pallet, name)
      const data = v.encodeCall(pallet, name, args)
      expect([...data.subarray(0, 2)]).toEqual(info.index)
      const back = v.decodeCall(data)
      expect(back).toEqual({ pallet, name, args })
      expect(Object.keys(back.args)).toEqual(info.args.map((a) => a.name))
      built++
    }
    expect(built).toBeGreaterThanOrEqual(9)
    expect(() => v.encodeCall('SubtensorModule', 'no_such_call', {})).toThrow(
      `SubtensorModule.no_such_call is not in this runtime (spec ${spec})`,
    )
  })

  it('adapts register_network to the arguments this runtime takes', () => {
    const v = meta()
    const names = v.call('SubtensorModule', 'register_network')!.args.map((a) => a.name)
    const data = v.encodeCall('SubtensorModule', 'register_network', { hotkey: ADDRESS, mechid: 1 }, { ignoreExtra: true })
    expect(Object.keys(v.decodeCall(data).args)).toEqual(names)
    if (!names.includes('mechid'))
      expect(() => v.encodeCall('SubtensorModule', 'register_network', { hotkey: ADDRESS, mechid: 1 })).toThrow(
        `SubtensorModule.register_network takes no mechid in this runtime (spec ${spec}): it takes (${names.join(', ')})`,
      )
  })

  it('decodes System.Account storage values and keys', () => {
    const v = meta()
    const account = v.requireStorage('System', 'Account')
    const value = sample(v.lookup(storageTypeId(v, 'System', 'Account'))) as { nonce: number; data: Record<string, bigint> }
    value.nonce = 5
    value.data.free = 123_000_000_000n
    value.data.reserved = 2n
    if ('frozen' in value.data) value.data.frozen = 3n
    const decoded = account.decodeValue(account.encodeValue(value)) as typeof value
    expect(decoded).toEqual(value)
    expect(decoded.data.free).toBe(123_000_000_000n)
    expect(account.decodeKey(account.encodeKey(ADDRESS))).toEqual([ADDRESS])
  })

  it('decodes System.Events records and a Module dispatch error to its name and docs', () => {
    const v = meta()
    const recordsType = v.lookup(storageTypeId(v, 'System', 'Events'))
    if (recordsType.type !== 'sequence') throw new Error('System.Events is not a sequence')
    const recordEntry = recordsType.value as LookupEntry & { value: Record<string, LookupEntry> }
    const record = v.codec(recordEntry.id)
    const eventEntry = recordEntry.value.event!
    const palletEvents = (pallet: string) => (variantOf(eventEntry, pallet) as unknown as { value: LookupEntry }).value
    const eventOf = (pallet: string, name: string, data?: Record<string, unknown>) => ({
      type: pallet,
      value: { type: name, value: { ...(sampleVariant(variantOf(palletEvents(pallet), name)) as object), ...data } },
    })
    const base = sample(recordEntry) as Record<string, unknown>
    const apply = (i: number) => ({ type: 'ApplyExtrinsic', value: i })

    // A failed extrinsic exactly as a node stores it: ModuleError { index, error: [u8; 4] }.
    const subtensor = v.metadata.pallets.find((p) => p.name === 'SubtensorModule')!
    const errIdx = variantOf(v.lookup(subtensor.errors!.type), 'NetworkTxRateLimitExceeded').idx
    const failedVariant = variantOf(palletEvents('System'), 'ExtrinsicFailed') as unknown as { value: Record<string, LookupEntry> }
    const dispatchError = new Uint8Array([variantOf(dispatchErrorEntry(v), 'Module').idx, subtensor.index, errIdx, 0, 0, 0])
    const failedBytes = concat(
      v.codec(recordEntry.value.phase!.id).enc(apply(2)),
      new Uint8Array([variantOf(eventEntry, 'System').idx, (failedVariant as unknown as { idx: number }).idx]),
      ...Object.entries(failedVariant.value).map(([field, e]) =>
        field === 'dispatch_error' ? dispatchError : v.codec(e.id).enc(sample(e)),
      ),
      v.codec(recordEntry.value.topics!.id).enc([]),
    )
    const bytes = concat(
      compact(4),
      record.enc({ ...base, phase: apply(1), event: eventOf('Balances', 'Transfer', { from: ADDRESS, to: ADDRESS, amount: 5n }) }),
      record.enc({
        ...base,
        phase: apply(1),
        event: eventOf('TransactionPayment', 'TransactionFeePaid', { who: ADDRESS, actual_fee: 1234n, tip: 0n }),
      }),
      failedBytes,
      record.enc({ ...base, phase: { type: 'Finalization', value: undefined }, event: eventOf('System', 'ExtrinsicSuccess') }),
    )
    const events = v.decodeEvents(bytes)
    expect(events.map((e) => `${e.phase.type}:${e.pallet}.${e.name}`)).toEqual([
      'ApplyExtrinsic:Balances.Transfer',
      'ApplyExtrinsic:TransactionPayment.TransactionFeePaid',
      'ApplyExtrinsic:System.ExtrinsicFailed',
      'Finalization:System.ExtrinsicSuccess',
    ])
    expect((events[0]!.data as { amount: bigint }).amount).toBe(5n)
    expect((events[1]!.data as { actual_fee: bigint }).actual_fee).toBe(1234n)
    const info = v.describeDispatchError((events[2]!.data as { dispatch_error: unknown }).dispatch_error)
    expect(info).toEqual({
      pallet: 'SubtensorModule',
      name: 'NetworkTxRateLimitExceeded',
      docs: v.errorDocs('SubtensorModule', 'NetworkTxRateLimitExceeded'),
    })
    expect(info.docs).toMatch(/rate limit/i)
  })

  it('decodes a Module dispatch error from raw bytes, and the other DispatchError kinds', () => {
    const v = meta()
    const entry = dispatchErrorEntry(v)
    const codec = v.codec(entry.id)
    const moduleIdx = variantOf(entry, 'Module').idx
    const p = v.metadata.pallets.find((x) => x.name === 'Balances')!
    const errIdx = variantOf(v.lookup(p.errors!.type), 'InsufficientBalance').idx
    const decoded = codec.dec(new Uint8Array([moduleIdx, p.index, errIdx, 0, 0, 0]))
    const info = v.describeDispatchError(decoded)
    expect(info.pallet).toBe('Balances')
    expect(info.name).toBe('InsufficientBalance')
    expect(info.docs.length).toBeGreaterThan(5)
    expect(v.describeDispatchError(codec.dec(new Uint8Array([variantOf(entry, 'BadOrigin').idx])))).toMatchObject({
      pallet: 'DispatchError',
      name: 'BadOrigin',
    })
    const token = variantOf(entry, 'Token')
    const tokenInner = (token as unknown as { value: LookupEntry }).value
    const funds = variantOf(tokenInner, 'FundsUnavailable').idx
    const tokenInfo = v.describeDispatchError(codec.dec(new Uint8Array([token.idx, funds])))
    expect(tokenInfo.name).toBe('Token.FundsUnavailable')
    expect(tokenInfo.docs.length).toBeGreaterThan(5) // the runtime's words if it has any, else ours
  })

  it('decodes runtime API results from bytes encoded with the same metadata', () => {
    const v = meta()
    let checked = 0
    for (const [apiName, method] of RUNTIME_APIS) {
      const api = v.runtimeApi(apiName, method)
      if (!api) {
        expect(() => v.requireRuntimeApi(apiName, method)).toThrow(`runtime API ${apiName}.${method} is not in this runtime (spec ${spec})`)
        if (v.version < 15) expect(() => v.requireRuntimeApi(apiName, method)).toThrow('metadata v14 lists no runtime APIs')
        continue
      }
      const entry = v.metadata.apis.find((a) => a.name === apiName)!.methods.find((m) => m.name === method)!
      const args = entry.inputs.map((i) => sample(v.lookup(i.type)))
      expect(api.encodeArgs(...args)).toBeInstanceOf(Uint8Array)
      const result = sample(v.lookup(entry.output))
      expect(api.decodeResult(v.codec(entry.output).enc(result))).toEqual(result)
      checked++
    }
    expect(checked).toBeGreaterThanOrEqual(v.version >= 15 ? 3 : 0)
  })

  it('decodes a signed extrinsic built by hand: signer, nonce, tip, era, call and args', () => {
    const v = meta()
    const ext = v.metadata.extrinsic as { address?: number; signature?: number; type?: number }
    const param = (name: string) => v.metadata.lookup.find((t) => t.id === ext.type)!.params.find((p) => p.name === name)!.type!
    const addressType = ext.address ?? param('Address')
    const signatureType = ext.signature ?? param('Signature')
    const callArgs = { dest: { type: 'Id', value: ADDRESS }, value: 42n }
    const callData = v.encodeCall('Balances', 'transfer_keep_alive', callArgs)
    const extras = v.metadata.extrinsic.signedExtensions[0]!.map((e) => {
      if (e.identifier === 'CheckMortality') return eraBytes(64, 5)
      const c = v.codec(e.type)
      if (e.identifier === 'CheckNonce') return c.enc(7)
      if (e.identifier === 'ChargeTransactionPayment') return c.enc(11n)
      return c.enc(sample(v.lookup(e.type)))
    })
    const body = concat(
      new Uint8Array([0x84]),
      v.codec(addressType).enc({ type: 'Id', value: ADDRESS }),
      v.codec(signatureType).enc({ type: 'Sr25519', value: '0x' + 'ab'.repeat(64) }),
      ...extras,
      callData,
    )
    const bytes = concat(compact(body.length), body)
    const d = decodeExtrinsic(v, toHex(bytes))
    expect(d).toMatchObject({
      kind: 'signed',
      version: 4,
      signer: ADDRESS,
      nonce: 7,
      tip: '11',
      era: { type: 'mortal', period: 64, phase: 5 },
      pallet: 'Balances',
      call: 'transfer_keep_alive',
      args: { dest: { type: 'Id', value: ADDRESS }, value: '42' },
      callData: toHex(callData),
      length: bytes.length,
    })
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
    // An unsigned (bare) one: just the call.
    const bare = concat(compact(callData.length + 1), new Uint8Array([0x04]), callData)
    expect(decodeExtrinsic(v, bare)).toMatchObject({ kind: 'bare', pallet: 'Balances', call: 'transfer_keep_alive' })
  })
}
