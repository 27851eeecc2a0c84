/**
 * The calls the writing commands send, built offline from two runtimes' metadata: spec 218 (served by the local
 * chain) and spec 381 (test/fixtures). Same code, different arguments, calls and indices; what a runtime lacks is
 * refused with exit 2 naming its spec version.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Bytes, Option } from '@polkadot-api/substrate-bindings'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIdentity, callArgFields, storageFields, SUBNET_IDENTITY_FLAGS } from '../../src/subtensor/identity.js'
import {
  addStakeCall,
  moveStakeCall,
  priceGuard,
  registerCall,
  registerNetworkCall,
  removeStakeCall,
  setChildkeyTakeCall,
  setChildrenCall,
  setIdentityCall,
  swapStakeCall,
  transferStakeCall,
  unstakeAllCall,
  type CallRuntime,
  type GuardRequest,
} from '../../src/subtensor/write-calls.js'
import { TaoError } from '../../src/core/errors.js'
import { fromHex } from '../../src/core/hex.js'
import { decodeMetadata, type RuntimeMetadata } from '../../src/node/metadata.js'
import { buildCall } from '../../src/node/tx.js'
import { repoRoot } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const HOTKEY = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const OTHER = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'

const runtimeOf = (meta: RuntimeMetadata): CallRuntime => ({
  hasCall: (p, n) => meta.call(p, n) !== undefined,
  call: (p, n, args = {}, o = {}) => buildCall(meta, p, n, args, o.ignoreExtra),
  metadata: meta,
})

/** The error a function throws, for its exit code and message. */
function thrown(fn: () => unknown): TaoError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TaoError) return e
    throw e
  }
  throw new Error('did not throw')
}

const guardReq = (over: Partial<GuardRequest> = {}): GuardRequest => ({
  limitCall: 'add_stake_limit',
  rootOnly: false,
  tolerancePpb: 5_000_000n,
  allowPartial: false,
  unsafe: false,
  explicit: false,
  limitPrice: 100_500_000n,
  ...over,
})

let net: Localnet
const metadata: Record<218 | 381, RuntimeMetadata> = {} as Record<218 | 381, RuntimeMetadata>

beforeAll(async () => {
  metadata[381] = decodeMetadata(readFileSync(path.join(repoRoot, 'test/fixtures/metadata-spec381.scale')))
  net = await startLocalnet()
  const v15 = (await net.rpc('state_call', ['Metadata_metadata_at_version', '0x0f000000'])) as string
  metadata[218] = decodeMetadata(Option(Bytes()).dec(fromHex(v15))!)
})
afterAll(async () => {
  await net?.stop()
})

describe('register_network', () => {
  it('takes (hotkey, mechid) at spec 218, sent as 1 = dynamic', () => {
    const call = registerNetworkCall(runtimeOf(metadata[218]), HOTKEY)
    expect(metadata[218].specVersion).toBe(218)
    expect(call.name).toBe('register_network')
    expect(metadata[218].decodeCall(call.callData)).toEqual({
      pallet: 'SubtensorModule',
      name: 'register_network',
      args: { hotkey: HOTKEY, mechid: 1 },
    })
  })

  it('takes (hotkey) alone at spec 381', () => {
    const call = registerNetworkCall(runtimeOf(metadata[381]), HOTKEY)
    expect(metadata[381].decodeCall(call.callData)).toEqual({
      pallet: 'SubtensorModule',
      name: 'register_network',
      args: { hotkey: HOTKEY },
    })
  })

  it("with an identity, builds the runtime's own identity struct: 3 fields at 218, 8 at 381", () => {
    const f218 = callArgFields(metadata[218], 'SubtensorModule', 'register_network_with_identity', 'identity')!
    const f381 = callArgFields(metadata[381], 'SubtensorModule', 'register_network_with_identity', 'identity')!
    expect(f218).toEqual(['subnet_name', 'github_repo', 'subnet_contact'])
    expect(f381).toEqual(['subnet_name', 'github_repo', 'subnet_contact', 'subnet_url', 'discord', 'description', 'logo_url', 'additional'])

    const given = { subnet_name: 'sn', subnet_url: 'https://sn.example' }
    const id381 = buildIdentity(f381, given, null, SUBNET_IDENTITY_FLAGS, metadata[381].where)
    const call = registerNetworkCall(runtimeOf(metadata[381]), HOTKEY, id381)
    const decoded = metadata[381].decodeCall(call.callData)
    expect(decoded.name).toBe('register_network_with_identity')
    const identity = decoded.args.identity as Record<string, Uint8Array>
    expect(new TextDecoder().decode(identity.subnet_name)).toBe('sn')
    expect(new TextDecoder().decode(identity.subnet_url)).toBe('https://sn.example')
    expect(identity.discord).toEqual(new Uint8Array())

    // 218 has no subnet_url: the flag is refused before anything is built, naming the spec.
    const err = thrown(() => buildIdentity(f218, given, null, SUBNET_IDENTITY_FLAGS, metadata[218].where))
    expect(err.exitCode).toBe(2)
    expect(err.message).toMatch(/spec 218.*--subnet-url/)
    const id218 = buildIdentity(f218, { subnet_name: 'sn' }, null, SUBNET_IDENTITY_FLAGS, metadata[218].where)
    const c218 = metadata[218].decodeCall(registerNetworkCall(runtimeOf(metadata[218]), HOTKEY, id218).callData)
    expect(c218.args.mechid).toBe(1)
    expect(Object.keys(c218.args.identity as object)).toEqual(f218)
  })

  it('identity storage fields follow the runtime too', () => {
    expect(storageFields(metadata[218], 'SubtensorModule', 'Identities')).not.toContain('github_repo')
    expect(storageFields(metadata[381], 'SubtensorModule', 'IdentitiesV2')).toContain('github_repo')
  })
})

describe('registration', () => {
  it.each([218, 381] as const)('spec %i: burned_register(netuid, hotkey), root_register on netuid 0; no register_limit', (spec) => {
    const rt = runtimeOf(metadata[spec])
    const burned = registerCall(rt, { netuid: 3, hotkey: HOTKEY, maxBurn: 5n })
    expect(metadata[spec].decodeCall(burned.callData)).toEqual({
      pallet: 'SubtensorModule',
      name: 'burned_register',
      args: { netuid: 3, hotkey: HOTKEY },
    })
    expect(registerCall(rt, { netuid: 0, hotkey: HOTKEY }).name).toBe('root_register')
  })

  it('uses register_limit with --max-burn as its limit where a runtime has it', () => {
    const sent: Array<{ name: string; args: Record<string, unknown> }> = []
    const rt: CallRuntime = {
      hasCall: () => true,
      call: (pallet, name, args = {}) => (sent.push({ name, args }), { pallet, name, args, callData: '0x' }),
      metadata: { where: '(spec 425)' },
    }
    registerCall(rt, { netuid: 3, hotkey: HOTKEY, maxBurn: 7n })
    expect(sent).toEqual([{ name: 'register_limit', args: { netuid: 3, hotkey: HOTKEY, limit_price: 7n } }])
  })
})

describe('staking', () => {
  it('spec 381 has add_stake_limit: the limit price and allow_partial are sent', () => {
    const rt = runtimeOf(metadata[381])
    const guard = priceGuard(rt, guardReq({ allowPartial: true }))
    expect(guard).toMatchObject({ kind: 'limit', call: 'add_stake_limit', limitPrice: 100_500_000n })
    const decoded = metadata[381].decodeCall(addStakeCall(rt, { hotkey: HOTKEY, netuid: 3, tao: 10n ** 10n }, guard).callData)
    expect(decoded).toEqual({
      pallet: 'SubtensorModule',
      name: 'add_stake_limit',
      args: { hotkey: HOTKEY, netuid: 3, amount_staked: 10n ** 10n, limit_price: 100_500_000n, allow_partial: true },
    })
  })

  it('spec 218 has no add_stake_limit: plain add_stake, the preview says why, and the tolerance is checked here', () => {
    const rt = runtimeOf(metadata[218])
    const guard = priceGuard(rt, guardReq())
    expect(guard).toEqual({
      kind: 'none',
      why: 'the chain does not protect the price: this runtime (spec 218) has no add_stake_limit',
      clientCheck: guardReq().tolerancePpb,
    })
    const decoded = metadata[218].decodeCall(addStakeCall(rt, { hotkey: HOTKEY, netuid: 3, tao: 5n }, guard).callData)
    expect(decoded).toEqual({ pallet: 'SubtensorModule', name: 'add_stake', args: { hotkey: HOTKEY, netuid: 3, amount_staked: 5n } })
  })

  it('on a runtime without limit calls an explicit --tolerance is checked here; --allow-partial is refused (exit 2, naming the spec)', () => {
    const rt = runtimeOf(metadata[218])
    expect(priceGuard(rt, guardReq({ explicit: true, tolerancePpb: 20_000_000n, limitCall: 'remove_stake_limit' }))).toMatchObject({
      kind: 'none',
      clientCheck: 20_000_000n,
    })
    const err = thrown(() => priceGuard(rt, guardReq({ explicit: true, allowPartial: true, limitCall: 'remove_stake_limit' })))
    expect(err.exitCode).toBe(2)
    expect(err.message).toMatch(/spec 218.*remove_stake_limit/)
  })

  it('root and --unsafe send no limit and check nothing; an empty pool sends no limit but is checked here', () => {
    for (const spec of [218, 381] as const) {
      const rt = runtimeOf(metadata[spec])
      expect(priceGuard(rt, guardReq({ rootOnly: true }))).toMatchObject({ kind: 'none', clientCheck: null })
      expect(priceGuard(rt, guardReq({ unsafe: true, explicit: true }))).toMatchObject({ kind: 'none', clientCheck: null })
    }
    expect(priceGuard(runtimeOf(metadata[381]), guardReq({ limitPrice: null }))).toMatchObject({
      kind: 'none',
      clientCheck: guardReq().tolerancePpb,
    })
  })

  it('remove_stake_limit at 381, remove_stake at 218', () => {
    const r381 = runtimeOf(metadata[381])
    const g = priceGuard(r381, guardReq({ limitCall: 'remove_stake_limit', limitPrice: 99_500_000n }))
    expect(metadata[381].decodeCall(removeStakeCall(r381, { hotkey: HOTKEY, netuid: 2, alpha: 7n }, g).callData).args).toEqual({
      hotkey: HOTKEY,
      netuid: 2,
      amount_unstaked: 7n,
      limit_price: 99_500_000n,
      allow_partial: false,
    })
    const r218 = runtimeOf(metadata[218])
    const call = removeStakeCall(
      r218,
      { hotkey: HOTKEY, netuid: 2, alpha: 7n },
      priceGuard(r218, guardReq({ limitCall: 'remove_stake_limit' })),
    )
    expect(call.name).toBe('remove_stake')
  })

  it('move_stake has the same arguments in both runtimes but another call index', () => {
    const args = { originHotkey: HOTKEY, destinationHotkey: OTHER, originNetuid: 2, destinationNetuid: 3, alpha: 9n }
    const c218 = moveStakeCall(runtimeOf(metadata[218]), args)
    const c381 = moveStakeCall(runtimeOf(metadata[381]), args)
    expect(metadata[218].decodeCall(c218.callData)).toEqual(metadata[381].decodeCall(c381.callData))
    expect(metadata[218].requireCall('SubtensorModule', 'move_stake').index[1]).not.toBe(
      metadata[381].requireCall('SubtensorModule', 'move_stake').index[1],
    )
    expect(c218.callData.slice(0, 6)).not.toBe(c381.callData.slice(0, 6))
  })

  it.each([
    [
      'transfer_stake',
      (rt: CallRuntime) =>
        transferStakeCall(rt, { destinationColdkey: OTHER, hotkey: HOTKEY, originNetuid: 2, destinationNetuid: 2, alpha: 1n }),
    ],
    [
      'swap_stake',
      (rt: CallRuntime) =>
        swapStakeCall(
          rt,
          { hotkey: HOTKEY, originNetuid: 2, destinationNetuid: 3, alpha: 1n },
          { kind: 'none', why: '', clientCheck: null },
        ),
    ],
    ['unstake_all', (rt: CallRuntime) => unstakeAllCall(rt, HOTKEY)],
  ])('%s: built at 381, refused at 218 with exit 2 naming spec 218', (name, build) => {
    expect(build(runtimeOf(metadata[381])).name).toBe(name)
    const err = thrown(() => build(runtimeOf(metadata[218])))
    expect(err.exitCode).toBe(2)
    expect(err.code).toBe('CALL_NOT_IN_RUNTIME')
    expect(err.message).toContain(`SubtensorModule.${name}, which this runtime (spec 218) does not have`)
  })

  it('swap_stake_limit at 381 carries (origin price / destination price) × (1 − tolerance)', () => {
    const rt = runtimeOf(metadata[381])
    const g = priceGuard(rt, guardReq({ limitCall: 'swap_stake_limit', limitPrice: 1_990_000_000n }))
    const decoded = metadata[381].decodeCall(
      swapStakeCall(rt, { hotkey: HOTKEY, originNetuid: 2, destinationNetuid: 3, alpha: 4n }, g).callData,
    )
    expect(decoded.name).toBe('swap_stake_limit')
    expect(decoded.args.limit_price).toBe(1_990_000_000n)
  })

  it('the node client refuses a call the runtime lacks with exit 2 too', () => {
    const err = thrown(() => metadata[218].encodeCall('SubtensorModule', 'transfer_stake', {}))
    expect(err.exitCode).toBe(2)
    expect(err.message).toBe('SubtensorModule.transfer_stake is not in this runtime (spec 218)')
  })
})

describe('children and identities', () => {
  it.each([218, 381] as const)('spec %i: set_children, set_childkey_take', (spec) => {
    const rt = runtimeOf(metadata[spec])
    const children: Array<[bigint, string]> = [[(1n << 63n) - 1n, OTHER]]
    expect(metadata[spec].decodeCall(setChildrenCall(rt, { hotkey: HOTKEY, netuid: 2, children }).callData).args).toEqual({
      hotkey: HOTKEY,
      netuid: 2,
      children,
    })
    expect(metadata[spec].decodeCall(setChildkeyTakeCall(rt, { hotkey: HOTKEY, netuid: 2, take: 6553 }).callData).args).toEqual({
      hotkey: HOTKEY,
      netuid: 2,
      take: 6553,
    })
  })

  it("set_identity takes the runtime's fields: no github_repo at 218", () => {
    const fields = (spec: 218 | 381) => metadata[spec].requireCall('SubtensorModule', 'set_identity').args.map((a) => a.name)
    expect(fields(218)).toEqual(['name', 'url', 'image', 'discord', 'description', 'additional'])
    expect(fields(381)).toEqual(['name', 'url', 'github_repo', 'image', 'discord', 'description', 'additional'])
    const id = buildIdentity(fields(381), { github_repo: 'gh' }, { name: 'kept' }, {}, metadata[381].where)
    const decoded = metadata[381].decodeCall(setIdentityCall(runtimeOf(metadata[381]), id).callData).args as Record<string, Uint8Array>
    expect(new TextDecoder().decode(decoded.name)).toBe('kept')
    expect(new TextDecoder().decode(decoded.github_repo)).toBe('gh')
  })
})
