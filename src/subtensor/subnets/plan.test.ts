import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { keypairFromUri } from '../../keystore/keys.js'
import { decodeMetadata } from '../../node/metadata.js'
import { buildCall } from '../../node/tx.js'
import type { Chain, TxCall } from '../../node/index.js'
import type { PlanContext } from '../../tx/intent.js'
import { planCreate, planRegister } from './plan.js'

// What `subnets register` and `subnets create` sign, and what they say about the cost: bound by the call where the
// runtime has a limit argument (register_limit), and said plainly where it has none (burned_register at spec
// 218 and 381, register_network everywhere). The runtimes' metadata is real; the chain state is a stand-in.

const TAO = 1_000_000_000n
const COLDKEY = keypairFromUri('//Alice').ss58
const HOTKEY = keypairFromUri('//Alice//hot').ss58
const hotkey = { ss58: HOTKEY, label: 'hotkey "hot" of wallet "owner"', name: 'hot' }
const fixture = (f: string) => decodeMetadata(readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', f)))
const views = { 218: fixture('spec218/metadata.scale'), 381: fixture('metadata-spec381.scale') }

/** A runtime with this metadata, or one that also has a call (`register_limit`, as newer runtimes do). */
function chainOf(spec: 218 | 381, extra?: { name: string }): { chain: Chain; built: TxCall[] } {
  const view = views[spec]
  const built: TxCall[] = []
  const chain = {
    metadata: view,
    hasCall: (p: string, n: string) => (extra && n === extra.name) || view.call(p, n) !== undefined,
    callArgs: (p: string, n: string) => view.call(p, n)?.args,
    call: (p: string, n: string, args: Record<string, unknown> = {}, o: { ignoreExtra?: boolean } = {}) => {
      const call =
        extra && n === extra.name ? { pallet: p, name: n, args, callData: '0x' as const } : buildCall(view, p, n, args, o.ignoreExtra)
      built.push(call)
      return call
    },
    storage: async (_p: string, item: string) => ({ NetworksAdded: true, Burn: 3n * TAO, Owner: undefined })[item],
    runtimeApi: async () => 100n * TAO,
    account: async () => ({ nonce: 0, free: 1000n * TAO, reserved: 0n, frozen: 0n, consumers: 0, providers: 1 }),
    existentialDeposit: () => 500n,
  } as unknown as Chain
  return { chain, built }
}

const context = (chain: Chain): PlanContext => ({
  chain,
  signer: COLDKEY,
  actor: COLDKEY,
  wallet: { path: '/nowhere', name: 'owner', hotkey: 'hot' } as PlanContext['wallet'],
  options: {},
  estimateFee: async () => 1000n,
})

describe('subnets register: the burn shown is bound by the call where the runtime can', () => {
  it('with register_limit and no --max-burn, the limit is the burn shown', async () => {
    const { chain, built } = chainOf(381, { name: 'register_limit' })
    const intent = await planRegister(context(chain), { hotkey, netuid: 2 })
    expect(built.at(-1)).toMatchObject({ name: 'register_limit', args: { netuid: 2, hotkey: HOTKEY, limit_price: 3n * TAO } })
    expect(intent.preview).toContain('the runtime refuses a burn above τ3 (register_limit: the burn shown; --max-burn sets another)')
    expect(intent.context).toMatchObject({
      burn: { rao: '3000000000', tao: '3' },
      maxBurn: null,
      burnLimit: { rao: '3000000000', tao: '3' },
    })
  })

  it('with register_limit and --max-burn, the limit is --max-burn', async () => {
    const { chain, built } = chainOf(381, { name: 'register_limit' })
    const intent = await planRegister(context(chain), { hotkey, netuid: 2, maxBurn: 4n * TAO })
    expect(built.at(-1)).toMatchObject({ name: 'register_limit', args: { limit_price: 4n * TAO } })
    expect(intent.preview).toContain('the runtime refuses a burn above τ4 (register_limit)')
    expect(intent.context).toMatchObject({ maxBurn: { rao: '4000000000', tao: '4' }, burnLimit: { rao: '4000000000', tao: '4' } })
  })

  it.each([218, 381] as const)(
    'spec %i has only burned_register: the preview says the burn is not bound, burnLimit is null',
    async (spec) => {
      const { chain } = chainOf(spec)
      const intent = await planRegister(context(chain), { hotkey, netuid: 2 })
      expect(intent.call.name).toBe('burned_register')
      expect(intent.preview).toEqual([
        'burn τ3 now (the coldkey has τ1,000 free)',
        `SubtensorModule.burned_register takes no limit on the burn in this runtime (spec ${spec}): the burn when it lands is taken, even if it has risen`,
      ])
      expect(intent.context).toMatchObject({ burnLimit: null, maxBurn: null })
      const capped = await planRegister(context(chain), { hotkey, netuid: 2, maxBurn: 5n * TAO })
      expect(capped.preview![1]).toMatch(/even if it has risen \(--max-burn was checked against the burn now, not by the runtime\)$/)
    },
  )

  it('root registration burns nothing: no limit to speak of', async () => {
    const intent = await planRegister(context(chainOf(218).chain), { hotkey, netuid: 0 })
    expect(intent.context).toMatchObject({ burn: null, maxBurn: null, burnLimit: null })
  })
})

describe('subnets create: no runtime bounds the lock cost, and the preview says so', () => {
  it.each([218, 381] as const)('spec %i', async (spec) => {
    const intent = await planCreate(context(chainOf(spec).chain), { hotkey, identity: {} })
    expect(intent.call.name).toBe('register_network')
    expect(intent.preview).toEqual([
      'lock cost τ100 now (locked from the coldkey)',
      `SubtensorModule.register_network takes no limit on the lock cost in this runtime (spec ${spec}): the cost when it lands is locked, even if it has risen`,
    ])
    expect(intent.context).toMatchObject({ lockCost: { rao: '100000000000', tao: '100' }, lockCostLimit: null })
  })
})
