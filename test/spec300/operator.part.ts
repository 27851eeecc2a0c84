/**
 * The operator's commands on the spec-300 runtime, driving the built CLI against the shared chain: a subnet
 * made with register_network(hotkey) (no mechid), started with start_call after the runtime's delay (stake
 * refused plainly before it), its symbol set; stake added and removed through the limit calls, filled in part,
 * swapped and transferred between subnets, all unstaked; the read commands (subnets list/show/hyperparameters,
 * stake list, wallet balance) and one frame of `tao watch`. Every figure is compared with the chain's own
 * storage or runtime API read here at the block the command reported, and every refusal is shown to have
 * signed nothing (the signer's nonce). The tests run in order and share this part's subnets and accounts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { priceText } from '../../src/core/amount.js'
import { cleanEnv, runTao, taoBin } from '../helpers/cli.js'
import { advanceTo, createSubnet, fund, markStarted, registerHotkey, seedPool, setTempo, ss58Of, TAO } from '../helpers/subnet-setup.js'
import { openTerminal } from '../helpers/tmux.js'
import type { Spec300Part } from './context.js'

const PASSWORD = 'spec300 operator password 1!'
const OWNER = '//Operator1'
const STAKER = '//Operator2'
const OTHER = '//Operator3'
/** 1e9: prices are TAO per alpha × 1e9. */
const SCALE = 1_000_000_000n

export const operatorPart: Spec300Part = (ctx) => {
  describe('operator', { timeout: 300_000 }, () => {
    let dir: string
    let netuid: number
    let second: number
    let ownerHotkey: string
    const miner = ss58Of('//Operator2//miner')
    const owner = ss58Of(OWNER)
    const staker = ss58Of(STAKER)
    const other = ss58Of(OTHER)

    /** A command that takes a wallet (signing, stake list, wallet balance), with this part's wallet folder. */
    const tao = (args: string[]) =>
      ctx().tao([...args, '--wallet-path', join(dir, 'wallets')], { env: { TAO_PASSWORD: PASSWORD }, cwd: dir, timeoutMs: 240_000 })
    /**
     * A signing command by `uri`'s key. A transaction dropped at a BABE epoch edge (exit 5, the signer's nonce
     * unused) is sent again after a new block, so the test is about the command, not the epoch edge. A short
     * deadline: a dropped transaction is otherwise followed until its mortality ends, minutes of an idle chain.
     */
    const signed = async (uri: string, args: string[]) => {
      const who = ss58Of(uri)
      const before = await nonce(who)
      const send = () => tao([...args, '--deadline', '45'])
      let r = await send()
      for (let i = 0; i < 2 && (r.code === 5 || r.code === 3) && (await nonce(who)) === before; i++) {
        await ctx().net.newBlock()
        r = await send()
      }
      return r
    }
    /** A read command that takes no wallet. */
    const read = (args: string[]) => ctx().tao(args, { cwd: dir, timeoutMs: 240_000 })
    const node = () => ctx().node
    const hashOf = (n: number) => node().rpc<string>('chain_getBlockHash', [n])
    const parentOf = async (hash: string) => (await node().rpc<{ parentHash: string }>('chain_getHeader', [hash])).parentHash
    const at = (hash: string, pallet: string, item: string, ...keys: unknown[]) =>
      node()
        .at(hash)
        .storage(pallet, item, ...keys)
    const api = (hash: string, name: string, method: string, ...args: unknown[]) =>
      node()
        .at(hash)
        .runtimeApi(name, method, ...args)
    const priceAt = async (hash: string, n: number) => BigInt((await api(hash, 'SwapRuntimeApi', 'current_alpha_price', n)) as bigint)
    const stakeAt = async (hash: string, hotkey: string, coldkey: string, n: number) => {
      const info = (await api(hash, 'StakeInfoRuntimeApi', 'get_stake_info_for_hotkey_coldkey_netuid', hotkey, coldkey, n)) as
        { stake: bigint } | undefined
      return BigInt(info?.stake ?? 0n)
    }
    const freeAt = async (hash: string, ss58: string) =>
      BigInt(((await at(hash, 'System', 'Account', ss58)) as { data: { free: bigint } }).data.free)
    const nonce = async (ss58: string) => (await node().account(ss58)).nonce
    const rao = (v: unknown) => BigInt((v as { rao: string }).rao)
    /** The start-call delay as the runtime keeps it: storage on later runtimes, a constant at spec 300. */
    const startDelay = async () =>
      node().metadata.storage('SubtensorModule', 'StartCallDelay')
        ? Number((await node().storage('SubtensorModule', 'StartCallDelay')) as bigint)
        : Number(node().metadata.constant('SubtensorModule', 'DurationOfStartCall') as bigint)
    const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error:'))

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tao-spec300-operator-'))
      const r = await runTao(['wallet', 'create', '-w', 'op', '--json', '-y', '--wallet-path', join(dir, 'wallets')], {
        env: { TAO_PASSWORD: PASSWORD },
        timeoutMs: 240_000,
      })
      expect(r.code, r.stderr).toBe(0)
      ownerHotkey = r.json.hotkey.ss58
      for (const who of [owner, staker, other]) await fund(ctx().net, who, 10_000n * TAO)
    }, 240_000)
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('subnets create: register_network with the hotkey alone; owner, owner hotkey and registration block as stored', async () => {
      expect(
        node()
          .callArgs('SubtensorModule', 'register_network')!
          .map((a) => a.name),
      ).toEqual(['hotkey'])
      const r = await signed(OWNER, ['subnets', 'create', '--uri', OWNER, '-w', 'op', '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.register_network')
      expect(Object.keys(r.json.args)).toEqual(['hotkey'])
      netuid = r.json.netuid
      expect(await at(r.json.blockHash, 'SubtensorModule', 'SubnetOwner', netuid)).toBe(owner)
      expect(await at(r.json.blockHash, 'SubtensorModule', 'SubnetOwnerHotkey', netuid)).toBe(ownerHotkey)
      expect(Number(await at(r.json.blockHash, 'SubtensorModule', 'NetworkRegisteredAt', netuid))).toBe(r.json.block)
      // Reserves before any trade: the Swap pallet's pool starts from them at its first swap. A long tempo keeps
      // epochs (which move stakes) out of the comparisons below.
      await seedPool(ctx().net, netuid, { tao: 100n * TAO, alpha: 200n * TAO })
      await setTempo(ctx().net, netuid, 5000)
    })

    it('subnets check-start before the start: not started, blocks left from NetworkRegisteredAt and the runtime delay', async () => {
      const r = await read(['subnets', 'check-start', '--netuid', String(netuid), '--json'])
      expect(r.code, r.stderr).toBe(0)
      const hash = await hashOf(r.json.block)
      const registeredAt = Number(await at(hash, 'SubtensorModule', 'NetworkRegisteredAt', netuid))
      const delay = await startDelay()
      expect(r.json).toMatchObject({
        netuid,
        spec: 300,
        needsStartCall: true,
        started: false,
        firstEmissionBlock: null,
        subtokenEnabled: false,
        registeredAt,
        startCallDelay: delay,
        startAllowedAt: registeredAt + delay,
        blocksLeft: Math.max(0, registeredAt + delay - (r.json.block + 1)),
      })
      expect(await at(hash, 'SubtensorModule', 'FirstEmissionBlockNumber', netuid)).toBeUndefined()
      expect(await at(hash, 'SubtensorModule', 'SubtokenEnabled', netuid)).toBe(false)
      const human = await read(['subnets', 'check-start', '--netuid', String(netuid)])
      expect(human.stdout).toMatch(
        new RegExp(`Subnet ${netuid} is not started .*in \\d+ blocks? \\(from block #${registeredAt + delay}\\)`),
      )
    })

    it('stake add on a subnet not started: refused before signing, saying so and how many blocks are left', async () => {
      const before = await nonce(staker)
      const r = await tao([
        'stake',
        'add',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        ownerHotkey,
        '--netuid',
        String(netuid),
        '--amount',
        '1',
        '-y',
        '--json',
      ])
      expect(r.code).toBe(1)
      expect(r.json.error.code).toBe('SUBNET_NOT_STARTED')
      expect(r.json.error.message).toMatch(
        new RegExp(`subnet ${netuid} has not been started.*tao subnets start --netuid ${netuid}.*in \\d+ blocks?`),
      )
      expect(r.json.error.message).toContain('Custom(255)')
      expect(errorLines(r.stderr)).toHaveLength(1)
      expect(await nonce(staker)).toBe(before)
    })

    it('subnets start: another coldkey and a start before the delay are refused before signing', async () => {
      const before = await nonce(staker)
      const r = await tao(['subnets', 'start', '--uri', STAKER, '--netuid', String(netuid), '-y', '--json'])
      expect(r.code).toBe(1)
      expect(r.json.error.code).toBe('NOT_SUBNET_OWNER')
      expect(await nonce(staker)).toBe(before)
      const check = await read(['subnets', 'check-start', '--netuid', String(netuid), '--json'])
      if (check.json.blocksLeft > 0) {
        const ownerNonce = await nonce(owner)
        const early = await tao(['subnets', 'start', '--uri', OWNER, '--netuid', String(netuid), '-y', '--json'])
        expect(early.code).toBe(1)
        expect(early.json.error.code).toBe('START_TOO_EARLY')
        expect(early.json.error.message).toContain(`allowed from block #${check.json.startAllowedAt}`)
        expect(await nonce(owner)).toBe(ownerNonce)
      }
      const bad = await tao(['subnets', 'start', '--uri', OWNER, '--netuid', 'x', '-y'])
      expect(bad.code).toBe(2)
      expect(errorLines(bad.stderr)).toHaveLength(1)
    })

    it('subnets start: start_call lands once allowed; FirstEmissionBlockNumber and SubtokenEnabled as stored; a second start refused', async () => {
      const registeredAt = Number(await node().storage('SubtensorModule', 'NetworkRegisteredAt', netuid))
      await advanceTo(ctx().net, node(), registeredAt + (await startDelay()) - 1)
      const ready = await read(['subnets', 'check-start', '--netuid', String(netuid), '--json'])
      expect(ready.json).toMatchObject({ started: false, blocksLeft: 0, canStartNow: true })
      const r = await signed(OWNER, ['subnets', 'start', '--uri', OWNER, '--netuid', String(netuid), '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.start_call')
      expect(r.json.signer).toBe(owner)
      const first = Number(await at(r.json.blockHash, 'SubtensorModule', 'FirstEmissionBlockNumber', netuid))
      expect(r.json.firstEmissionBlock).toBe(first)
      expect(first).toBe(r.json.block + 1)
      expect(await at(r.json.blockHash, 'SubtensorModule', 'SubtokenEnabled', netuid)).toBe(true)
      const again = await tao(['subnets', 'start', '--uri', OWNER, '--netuid', String(netuid), '-y', '--json'])
      expect(again.code).toBe(1)
      expect(again.json.error.code).toBe('ALREADY_STARTED')
      const check = await read(['subnets', 'check-start', '--netuid', String(netuid), '--json'])
      expect(check.json).toMatchObject({
        started: true,
        firstEmissionBlock: first,
        subtokenEnabled: true,
        blocksLeft: 0,
        canStartNow: false,
      })
    })

    it('subnets set-symbol: update_symbol; TokenSymbol as stored; a symbol another subnet uses and bad input refused', async () => {
      const used = new Map(
        (await node().entries('SubtensorModule', 'TokenSymbol')).map((e) => [
          new TextDecoder().decode(e.value as Uint8Array),
          Number(e.keys[0]),
        ]),
      )
      const symbol = ['ω', 'ψ', 'χ', 'φ', 'υ'].find((s) => !used.has(s))!
      const r = await signed(OWNER, [
        'subnets',
        'set-symbol',
        '--uri',
        OWNER,
        '--netuid',
        String(netuid),
        '--symbol',
        symbol,
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.update_symbol')
      expect(r.json.symbol).toBe(symbol)
      expect(new TextDecoder().decode((await at(r.json.blockHash, 'SubtensorModule', 'TokenSymbol', netuid)) as Uint8Array)).toBe(symbol)
      const before = await nonce(owner)
      const taken = [...used].find(([, n]) => n !== netuid)!
      const refused = await tao(['subnets', 'set-symbol', '--uri', OWNER, '--netuid', String(netuid), '--symbol', taken[0], '-y', '--json'])
      expect(refused.code).toBe(1)
      expect(refused.json.error.code).toBe('SYMBOL_IN_USE')
      expect(await nonce(owner)).toBe(before)
      const bad = await tao(['subnets', 'set-symbol', '--uri', OWNER, '--netuid', String(netuid), '--symbol', 'a b', '-y'])
      expect(bad.code).toBe(2)
      expect(errorLines(bad.stderr)).toHaveLength(1)
    })

    it('stake add --tolerance: add_stake_limit at price × (1 + tolerance); the fee is get_stake_fee; stake and balance as stored', async () => {
      await registerHotkey(node(), netuid, { coldkey: STAKER, hotkey: miner })
      const args = [
        'stake',
        'add',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--netuid',
        String(netuid),
        '--amount',
        '1',
        '--tolerance',
        '3%',
        '-y',
        '--json',
      ]
      const dry = await tao([...args, '--dry-run'])
      expect(dry.code, dry.stderr).toBe(0)
      const best = await hashOf(await node().blockNumber('best'))
      const fee = BigInt(
        (await api(best, 'StakeInfoRuntimeApi', 'get_stake_fee', undefined, staker, [miner, netuid], staker, TAO)) as bigint,
      )
      expect(rao(dry.json.swapFee)).toBe(fee)
      expect(dry.json.price).toBe(priceText(await priceAt(best, netuid)))
      expect(dry.json.quoteSource).toBe('swap-pallet-pool')

      const r = await signed(STAKER, args)
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.add_stake_limit')
      const parent = await parentOf(r.json.blockHash)
      const price = await priceAt(parent, netuid)
      const limit = (price * (SCALE + 30_000_000n)) / SCALE
      expect(BigInt(r.json.args.limit_price)).toBe(limit)
      expect(r.json.args.allow_partial).toBe(false)
      expect(rao(r.json.taoStaked)).toBe(TAO)
      const gained = (await stakeAt(r.json.blockHash, miner, staker, netuid)) - (await stakeAt(parent, miner, staker, netuid))
      expect(rao(r.json.alphaReceived)).toBe(gained)
      expect((await freeAt(parent, staker)) - (await freeAt(r.json.blockHash, staker))).toBe(TAO + rao(r.json.fee))
      // The limit bounds the price the swap ended at.
      expect(await priceAt(r.json.blockHash, netuid)).toBeLessThanOrEqual(limit)
    })

    it('a limit stake the runtime would refuse whole is refused before signing; --allow-partial fills it up to the limit', async () => {
      const args = [
        'stake',
        'add',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--netuid',
        String(netuid),
        '--amount',
        '50',
        '--tolerance',
        '2%',
        '-y',
        '--json',
      ]
      const before = await nonce(staker)
      const refused = await tao(args)
      expect(refused.code).toBe(1)
      expect(refused.json.error.code).toBe('LIMIT_PRICE_REACHED')
      expect(refused.json.error.message).toMatch(/--allow-partial/)
      expect(await nonce(staker)).toBe(before)

      const r = await signed(STAKER, [...args, '--allow-partial'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.add_stake_limit')
      expect(r.json.args.allow_partial).toBe(true)
      const parent = await parentOf(r.json.blockHash)
      const limit = BigInt(r.json.args.limit_price)
      expect(limit).toBe(((await priceAt(parent, netuid)) * (SCALE + 20_000_000n)) / SCALE)
      const staked = rao(r.json.taoStaked)
      expect(staked).toBeGreaterThan(0n)
      expect(staked).toBeLessThan(50n * TAO)
      expect((await freeAt(parent, staker)) - (await freeAt(r.json.blockHash, staker))).toBe(staked + rao(r.json.fee))
      expect((await stakeAt(r.json.blockHash, miner, staker, netuid)) - (await stakeAt(parent, miner, staker, netuid))).toBe(
        rao(r.json.alphaReceived),
      )
      expect(await priceAt(r.json.blockHash, netuid)).toBeLessThanOrEqual(limit)
    })

    it('stake remove --tolerance: remove_stake_limit at price × (1 − tolerance); alpha and TAO as stored', async () => {
      const r = await signed(STAKER, [
        'stake',
        'remove',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--netuid',
        String(netuid),
        '--amount',
        '0.5',
        '--tolerance',
        '3%',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.remove_stake_limit')
      const parent = await parentOf(r.json.blockHash)
      expect(BigInt(r.json.args.limit_price)).toBe(((await priceAt(parent, netuid)) * (SCALE - 30_000_000n)) / SCALE)
      expect(rao(r.json.alphaUnstaked)).toBe(TAO / 2n)
      expect((await stakeAt(parent, miner, staker, netuid)) - (await stakeAt(r.json.blockHash, miner, staker, netuid))).toBe(TAO / 2n)
      expect((await freeAt(r.json.blockHash, staker)) - (await freeAt(parent, staker))).toBe(rao(r.json.taoReceived) - rao(r.json.fee))
    })

    it('stake swap (swap_stake_limit) and stake transfer (transfer_stake) between started subnets, as stored', async () => {
      second = await createSubnet(node(), { owner: OTHER, hotkey: ss58Of('//Operator3//owner') })
      await seedPool(ctx().net, second, { tao: 100n * TAO, alpha: 100n * TAO })
      await markStarted(ctx().net, second)
      await setTempo(ctx().net, second, 5000)

      const s = await signed(STAKER, [
        'stake',
        'swap',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--origin-netuid',
        String(netuid),
        '--dest-netuid',
        String(second),
        '--amount',
        '1',
        '--tolerance',
        '20%',
        '-y',
        '--json',
      ])
      expect(s.code, s.stderr).toBe(0)
      expect(s.json.call).toBe('SubtensorModule.swap_stake_limit')
      let parent = await parentOf(s.json.blockHash)
      expect((await stakeAt(parent, miner, staker, netuid)) - (await stakeAt(s.json.blockHash, miner, staker, netuid))).toBe(TAO)
      const received = (await stakeAt(s.json.blockHash, miner, staker, second)) - (await stakeAt(parent, miner, staker, second))
      expect(received).toBeGreaterThan(0n)
      expect(rao(s.json.alphaReceived)).toBe(received)

      const t = await signed(STAKER, [
        'stake',
        'transfer',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--origin-netuid',
        String(netuid),
        '--dest-coldkey',
        other,
        '--amount',
        '0.25',
        '--tolerance',
        '5%',
        '-y',
        '--json',
      ])
      expect(t.code, t.stderr).toBe(0)
      expect(t.json.call).toBe('SubtensorModule.transfer_stake')
      parent = await parentOf(t.json.blockHash)
      expect((await stakeAt(parent, miner, staker, netuid)) - (await stakeAt(t.json.blockHash, miner, staker, netuid))).toBe(TAO / 4n)
      expect((await stakeAt(t.json.blockHash, miner, other, netuid)) - (await stakeAt(parent, miner, other, netuid))).toBe(
        rao(t.json.alphaReceived),
      )
    })

    it('stake list and wallet balance: every position, price and balance as the chain has them at the block reported', async () => {
      const list = await tao(['stake', 'list', '--ss58', staker, '--json'])
      expect(list.code, list.stderr).toBe(0)
      const hash = await hashOf(list.json.block)
      const mine = list.json.stakes.filter((s: { hotkey: string }) => s.hotkey === miner)
      expect(mine.map((s: { netuid: number }) => s.netuid).sort()).toEqual([netuid, second].sort())
      for (const s of mine) {
        expect(rao(s.alpha)).toBe(await stakeAt(hash, miner, staker, s.netuid))
        expect(s.price).toBe(priceText(await priceAt(hash, s.netuid)))
        expect(rao(s.swapValue)).toBeLessThanOrEqual(rao(s.spotValue))
      }
      const balance = await tao(['wallet', 'balance', '--ss58', staker, '--json'])
      expect(balance.code, balance.stderr).toBe(0)
      const bhash = await hashOf(balance.json.block)
      const account = balance.json.accounts[0]
      expect(rao(account.free)).toBe(await freeAt(bhash, staker))
      for (const s of account.stakes.filter((x: { hotkey: string }) => x.hotkey === miner))
        expect(rao(s.alpha)).toBe(await stakeAt(bhash, miner, staker, s.netuid))
    })

    it('subnets list, show (get_metagraph) and hyperparameters: each figure as stored at the block reported', async () => {
      const show = await read(['subnets', 'show', '--netuid', String(netuid), '--json'])
      expect(show.code, show.stderr).toBe(0)
      let hash = await hashOf(show.json.block)
      expect(show.json.price).toBe(priceText(await priceAt(hash, netuid)))
      expect(show.json.ownerColdkey).toBe(owner)
      expect(show.json.ownerHotkey).toBe(ownerHotkey)
      expect(show.json.symbol).toBe(new TextDecoder().decode((await at(hash, 'SubtensorModule', 'TokenSymbol', netuid)) as Uint8Array))
      expect(rao(show.json.taoIn)).toBe(BigInt((await at(hash, 'SubtensorModule', 'SubnetTAO', netuid)) as bigint))
      expect(show.json.neuronCount).toBe(Number(await at(hash, 'SubtensorModule', 'SubnetworkN', netuid)))
      for (const n of show.json.neurons) {
        expect(n.hotkey).toBe(await at(hash, 'SubtensorModule', 'Keys', netuid, n.uid))
        expect(rao(n.alphaStake)).toBe(BigInt((await at(hash, 'SubtensorModule', 'TotalHotkeyAlpha', n.hotkey, netuid)) as bigint))
      }
      expect(show.json.neurons.map((n: { hotkey: string }) => n.hotkey)).toContain(miner)

      const list = await read(['subnets', 'list', '--json'])
      expect(list.code, list.stderr).toBe(0)
      hash = await hashOf(list.json.block)
      for (const n of [netuid, second]) {
        const row = list.json.subnets.find((s: { netuid: number }) => s.netuid === n)
        expect(row.price).toBe(priceText(await priceAt(hash, n)))
        expect(rao(row.taoIn)).toBe(BigInt((await at(hash, 'SubtensorModule', 'SubnetTAO', n)) as bigint))
        expect(rao(row.alphaIn)).toBe(BigInt((await at(hash, 'SubtensorModule', 'SubnetAlphaIn', n)) as bigint))
      }

      const hp = await read(['subnets', 'hyperparameters', '--netuid', String(netuid), '--json'])
      expect(hp.code, hp.stderr).toBe(0)
      hash = await hashOf(hp.json.block)
      const value = (name: string) => hp.json.hyperparameters.find((h: { name: string }) => h.name === name)?.value
      expect(value('tempo')).toBe(Number(await at(hash, 'SubtensorModule', 'Tempo', netuid)))
      expect(value('max_validators')).toBe(Number(await at(hash, 'SubtensorModule', 'MaxAllowedValidators', netuid)))
    })

    it('stake remove --all: unstake_all; nothing left staked through the hotkey', async () => {
      const r = await signed(STAKER, [
        'stake',
        'remove',
        '--uri',
        STAKER,
        '--hotkey-ss58',
        miner,
        '--all',
        '--tolerance',
        '50%',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.unstake_all')
      const parent = await parentOf(r.json.blockHash)
      for (const n of [netuid, second]) {
        expect(await stakeAt(parent, miner, staker, n)).toBeGreaterThan(0n)
        expect(await stakeAt(r.json.blockHash, miner, staker, n)).toBe(0n)
      }
      expect(await freeAt(r.json.blockHash, staker)).toBeGreaterThan(await freeAt(parent, staker))
    })

    it('tao watch: one frame of the subnet on spec 300 (the metagraph API, its price)', async () => {
      const command = ['node', taoBin, 'watch', '--network', ctx().net.endpoint, '--netuid', String(netuid)].map((a) => `'${a}'`).join(' ')
      const term = await openTerminal({
        columns: 160,
        rows: 40,
        dir,
        env: { ...cleanEnv(), CI: 'true' },
        script: [command, 'printf \'AFTER-WATCH exit=%s\\n\' "$?"', 'sleep 600'].join('\n'),
      })
      try {
        const screen = await term.waitFor(
          (s) => /block #\d+/.test(s) && s.includes(ownerHotkey.slice(0, 6)),
          'the metagraph of the subnet',
          120_000,
        )
        expect(screen).not.toMatch(/error/i)
        await term.keys('q')
        expect(await term.waitFor((s) => s.includes('AFTER-WATCH'), 'tao watch to exit')).toContain('AFTER-WATCH exit=0')
      } finally {
        await term.close()
      }
    })
  })
}
