/**
 * User liquidity (pallet Swap) live on spec 300: a subnet made and started here, its owner enables user
 * liquidity, a position is added, listed, modified and removed with the CLI, and each step is compared with
 * the chain's own storage and balances.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Chain, TxCall } from '../../src/node/index.js'
import { formatTao } from '../../src/core/amount.js'
import { parseAmount } from '../../src/cli/parse.js'
import { readStake } from '../../src/subtensor/stake/pool-reader.js'
import { fund, ss58Of, submit, TAO } from '../helpers/subnet-setup.js'
import type { Spec300Part } from './context.js'

const OWNER = '//Liquidity1'
const HOTKEY = ss58Of('//Liquidity1//hot')

/** A dev-key extrinsic; dropped at a BABE epoch edge now and then, so tried again after a new block. */
async function send(chain: Chain, call: TxCall, uri: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submit(chain, call, uri)
    } catch (err) {
      if (attempt >= 3 || !/: (unknown|invalid|dropped)/.test(String(err))) throw err
      await chain.rpc('dev_newBlock', [{ count: 1 }])
    }
  }
}

export const liquidityPart: Spec300Part = (ctx) => {
  describe('liquidity', () => {
    let netuid = 0
    const owner = ss58Of(OWNER)
    const tao = (args: string[]) => ctx().tao([...args, '--uri', OWNER, '-y', '--json', '--netuid', String(netuid)])
    const free = async () => (await ctx().node.account(owner)).free
    const stake = () => readStake(ctx().node, HOTKEY, owner, netuid)
    const positions = async () =>
      (await ctx().node.entries('Swap', 'Positions', netuid, owner)).map((e) => e.value as Record<string, unknown>)

    beforeAll(async () => {
      const { node, net } = ctx()
      await fund(net, owner, 100_000n * TAO)
      const added = await send(
        node,
        node.call('SubtensorModule', 'register_network', { hotkey: HOTKEY, mechid: 1 }, { ignoreExtra: true }),
        OWNER,
      )
      netuid = Number((added.find((e) => e.name === 'NetworkAdded')!.data as unknown[])[0])
      // A new subnet takes stake only once started, start_call only some blocks after registration.
      const delay = node.metadata.hasConstant('SubtensorModule', 'InitialStartCallDelay')
        ? Number(node.constant('SubtensorModule', 'InitialStartCallDelay'))
        : 10
      await net.newBlock(delay + 1)
      await send(node, node.call('SubtensorModule', 'start_call', { netuid }), OWNER)
      // The first swap prices the pool (Swap.SwapV3Initialized) and gives the owner alpha to provide.
      await send(node, node.call('SubtensorModule', 'add_stake', { hotkey: HOTKEY, netuid, amount_staked: 100n * TAO }), OWNER)
    }, 300_000)

    it('refuses to add before the owner enables user liquidity; nothing is signed', async () => {
      const before = await free()
      const r = await tao([
        'liquidity',
        'add',
        '--hotkey-ss58',
        HOTKEY,
        '--liquidity',
        '1',
        '--price-low',
        '0.001',
        '--price-high',
        '1000000',
      ])
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('USER_LIQUIDITY_DISABLED')
      expect(r.json.error.message).toMatch(/tao liquidity enable --netuid/)
      expect(await free()).toBe(before)
    }, 120_000)

    it('the owner enables it; a non-root signer cannot disable it', async () => {
      const r = await tao(['liquidity', 'enable'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({ enable: true, was: false, viaSudo: false, enabled: true })
      expect(await ctx().node.storage('Swap', 'EnabledUserLiquidity', netuid)).toBe(true)
      const d = await tao(['liquidity', 'disable'])
      expect(d.code).toBe(1)
      expect(d.json.error.code).toBe('ROOT_ONLY')
    }, 180_000)

    it('add → list → modify → remove, each compared with storage and balances', async () => {
      const [free0, stake0] = await Promise.all([free(), stake()])
      const pool = (await ctx().tao(['liquidity', 'list', '--ss58', owner, '--netuid', String(netuid), '--json'])).json.pool
      const price = Number(pool.price)
      const priceRao = parseAmount(pool.price, 'price')
      expect(price).toBeGreaterThan(0)
      // A range from a quarter to four times the pool's price holds both tokens; a position there takes
      // L / (2·√price) alpha: sized to take about half the stake.
      const liquidity = BigInt(Math.floor(Number(stake0) * Math.sqrt(price)))
      const half = liquidity / 2n
      const text = (rao: bigint) => formatTao(rao)
      const add = await tao([
        'liquidity',
        'add',
        '--hotkey-ss58',
        HOTKEY,
        '--liquidity',
        text(liquidity),
        '--price-low',
        text(priceRao / 4n),
        '--price-high',
        text(priceRao * 4n),
      ])
      expect(add.code, add.stderr).toBe(0)
      expect(add.json.event).toBe('Swap.LiquidityAdded')
      // What the preview computed is what the runtime took.
      expect(add.json.tao).toEqual(add.json.expected.tao)
      expect(add.json.alpha).toEqual(add.json.expected.alpha)
      const took = { tao: BigInt(add.json.tao.rao), alpha: BigInt(add.json.alpha.rao) }
      expect(took.tao).toBeGreaterThan(0n)
      expect(took.alpha).toBeGreaterThan(0n)
      expect(await free()).toBe(free0 - took.tao - BigInt(add.json.fee.rao))
      expect(await stake()).toBe(stake0 - took.alpha)

      const stored = await positions()
      expect(stored).toHaveLength(1)
      const list = await ctx().tao(['liquidity', 'list', '--ss58', owner, '--netuid', String(netuid), '--json'])
      expect(list.code, list.stderr).toBe(0)
      expect(list.json.pool.userLiquidityEnabled).toBe(true)
      expect(list.json.positions).toHaveLength(1)
      const p = list.json.positions[0]
      expect(p.id).toBe(String(stored[0]!.id))
      expect(p.id).toBe(add.json.positionId)
      expect(p.tickLow).toBe(Number(stored[0]!.tick_low))
      expect(p.tickHigh).toBe(Number(stored[0]!.tick_high))
      expect(p.liquidity.rao).toBe(String(stored[0]!.liquidity))
      expect(p.tao).toEqual(add.json.tao)
      expect(p.alpha).toEqual(add.json.alpha)
      expect(p.inRange).toBe(true)

      const [free1, stake1] = await Promise.all([free(), stake()])
      const mod = await tao(['liquidity', 'modify', '--hotkey-ss58', HOTKEY, '--position-id', p.id, `--liquidity-delta=-${text(half)}`])
      expect(mod.code, mod.stderr).toBe(0)
      expect(mod.json.event).toBe('Swap.LiquidityModified')
      expect(mod.json.tao).toEqual(mod.json.expected.tao)
      expect(mod.json.alpha).toEqual(mod.json.expected.alpha)
      expect(String((await positions())[0]!.liquidity)).toBe(String(liquidity - half))
      const back = BigInt(mod.json.tao.rao) + BigInt(mod.json.feeTao.rao)
      expect(await free()).toBe(free1 + back - BigInt(mod.json.fee.rao))
      expect(await stake()).toBe(stake1 + BigInt(mod.json.alpha.rao) + BigInt(mod.json.feeAlpha.rao))

      const [free2, stake2] = await Promise.all([free(), stake()])
      const rm = await tao(['liquidity', 'remove', '--hotkey-ss58', HOTKEY, '--position-id', p.id])
      expect(rm.code, rm.stderr).toBe(0)
      expect(rm.json.event).toBe('Swap.LiquidityRemoved')
      expect(rm.json.tao).toEqual(rm.json.expected.tao)
      expect(await positions()).toEqual([])
      expect(await free()).toBe(free2 + BigInt(rm.json.tao.rao) + BigInt(rm.json.feeTao.rao) - BigInt(rm.json.fee.rao))
      expect(await stake()).toBe(stake2 + BigInt(rm.json.alpha.rao) + BigInt(rm.json.feeAlpha.rao))
    }, 400_000)

    it('bad input is refused in one line, exit 2, before connecting', async () => {
      const r = await tao(['liquidity', 'add', '--hotkey-ss58', HOTKEY, '--liquidity', '1', '--price-low', '2', '--price-high', '1'])
      expect(r.code).toBe(2)
      expect(r.json.error.message).toMatch(/--price-low must be below --price-high/)
    }, 60_000)
  })
}
