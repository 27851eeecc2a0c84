import { describe, expect, it } from 'vitest'
import type { Chain } from '../../node/index.js'
import { hotkeyOwner, quote, quoteMove, readStake } from './pool-reader.js'

const TAO = 1_000_000_000n
const ZERO = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM'
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'

/**
 * A stand-in for a connection: storage and runtime APIs from tables, and a metadata that has what the table
 * has. Enough to check which source a read takes and how its result is mapped; the real chain is in test/.
 */
function fakeChain(opts: {
  apis?: Record<string, (...args: unknown[]) => unknown>
  storage?: Record<string, (...keys: unknown[]) => unknown>
}): Chain {
  const apis = opts.apis ?? {}
  const storage = opts.storage ?? {}
  return {
    metadata: {
      where: '(spec 999)',
      storage: (_p: string, item: string) => (item in storage ? {} : undefined),
      runtimeApi: (api: string, method: string) => (`${api}.${method}` in apis ? {} : undefined),
    },
    storage: async (_p: string, item: string, ...keys: unknown[]) => storage[item]!(...keys),
    runtimeApi: async (api: string, method: string, ...args: unknown[]) => apis[`${api}.${method}`]!(...args),
  } as unknown as Chain
}

const sim = (r: Partial<Record<'tao_amount' | 'alpha_amount' | 'tao_fee' | 'alpha_fee' | 'tao_slippage' | 'alpha_slippage', bigint>>) => ({
  tao_amount: 0n,
  alpha_amount: 0n,
  tao_fee: 0n,
  alpha_fee: 0n,
  tao_slippage: 0n,
  alpha_slippage: 0n,
  ...r,
})

describe('quotes', () => {
  it("use the runtime's sim_swap where it has SwapRuntimeApi: out, ideal = out + slippage, fee", async () => {
    const calls: unknown[][] = []
    const chain = fakeChain({
      apis: {
        'SwapRuntimeApi.current_alpha_price': () => 100_000_000n,
        'SwapRuntimeApi.sim_swap_tao_for_alpha': (...a) => (
          calls.push(a),
          sim({ tao_amount: 10n * TAO, alpha_amount: 95n * TAO, tao_fee: 5_000_000n, alpha_slippage: 5n * TAO })
        ),
        'SwapRuntimeApi.sim_swap_alpha_for_tao': () =>
          sim({ alpha_amount: 10n * TAO, tao_amount: 990_000_000n, alpha_fee: 3n, tao_slippage: 10_000_000n }),
      },
    })
    const buy = await quote(chain, 3, 'buy', 10n * TAO)
    expect(calls).toEqual([[3, 10n * TAO]])
    expect(buy).toMatchObject({
      source: 'SwapRuntimeApi',
      amountOut: 95n * TAO,
      ideal: 100n * TAO,
      slippagePpb: 50_000_000n,
      swapFee: 5_000_000n,
      price: 100_000_000n,
    })
    const sell = await quote(chain, 3, 'sell', 10n * TAO)
    expect(sell).toMatchObject({ amountOut: 990_000_000n, ideal: TAO, slippagePpb: 10_000_000n, swapFee: 3n })
  })

  it('replay the constant product from storage where the runtime has no SwapRuntimeApi (spec 218)', async () => {
    const chain = fakeChain({
      storage: { SubnetTAO: () => 100n * TAO, SubnetAlphaIn: () => 1000n * TAO, SubnetMechanism: () => 1 },
    })
    const buy = await quote(chain, 3, 'buy', 10n * TAO)
    expect(buy).toMatchObject({
      source: 'constant-product',
      amountOut: 90_909_090_909n,
      ideal: 100n * TAO,
      price: 100_000_000n,
      swapFee: null,
    })
    const root = await quote(chain, 0, 'buy', 10n * TAO)
    expect(root).toMatchObject({ source: '1:1', amountOut: 10n * TAO, slippagePpb: 0n })
  })

  it('a move within one subnet: 1:1 on runtimes with the Swap pallet, sell then buy through the same pool at spec 218', async () => {
    const swapChain = fakeChain({
      apis: { 'SwapRuntimeApi.current_alpha_price': () => 1n, 'SwapRuntimeApi.sim_swap_tao_for_alpha': () => sim({}) },
    })
    expect(await quoteMove(swapChain, 3, 3, 7n)).toMatchObject({ alphaOut: 7n, tao: null, legs: [] })

    const chain218 = fakeChain({ storage: { SubnetTAO: () => 100n * TAO, SubnetAlphaIn: () => 1000n * TAO, SubnetMechanism: () => 1 } })
    const m = await quoteMove(chain218, 3, 3, 100n * TAO)
    // 100 alpha sells for 9.090909090 TAO; buying back from the moved pool returns 99.999999990 alpha.
    expect(m.tao).toBe(9_090_909_090n)
    expect(m.alphaOut).toBe(99_999_999_990n)
    expect(m.ideal).toBe(100n * TAO)
  })
})

describe('stake and owner reads', () => {
  it("a stake is the runtime API's answer where it has one, else shares × alpha per share", async () => {
    const api = fakeChain({ apis: { 'StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid': () => ({ stake: 42n }) } })
    expect(await readStake(api, ALICE, ALICE, 3)).toBe(42n)
    const none = fakeChain({ apis: { 'StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid': () => undefined } })
    expect(await readStake(none, ALICE, ALICE, 3)).toBe(0n)
    const shares = fakeChain({ storage: { Alpha: () => 500n, TotalHotkeyShares: () => 1000n, TotalHotkeyAlpha: () => 3000n } })
    expect(await readStake(shares, ALICE, ALICE, 3)).toBe(1500n)
  })

  it('a hotkey whose Owner is the all-zero default is unknown', async () => {
    expect(await hotkeyOwner(fakeChain({ storage: { Owner: () => ZERO } }), ALICE)).toBeNull()
    expect(await hotkeyOwner(fakeChain({ storage: { Owner: () => ALICE } }), ALICE)).toBe(ALICE)
  })
})
