/**
 * The reading commands end to end: the built CLI against the local spec-218 chain, after a subnet with
 * registrations, a seeded pool, stakes and an axon (test/helpers/subnet-setup.ts). Every figure is compared
 * with the chain's storage read independently through the node client.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMetagraph } from '../../src/subtensor/subnets/metagraph.js'
import type { Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { buildScenario, connectNode, registerHotkey, seedPool, setTempo, type Scenario } from '../helpers/subnet-setup.js'
import { alphaToTao } from '../../src/subtensor/stake/pool.js'

const big = (v: unknown) => BigInt(v as bigint)
const amount = (rao: bigint) => ({ rao: rao.toString(), tao: expect.any(String) })

/** The runtime's share arithmetic (I96F32): a coldkey's alpha from its shares of the hotkey's pool. */
function runtimeAlpha(shares: bigint, totalAlpha: bigint, totalShares: bigint): bigint {
  if (shares === 0n || totalAlpha === 0n || totalShares === 0n) return 0n
  return (((totalAlpha << 32n) / totalShares) * shares) >> 32n
}

describe('subnets and stake commands against a real local chain', () => {
  let net: Localnet
  let chain: Chain
  let s: Scenario
  let dir: string
  let wallets: string
  let mineHotkey: string
  let mineUid: number
  /** The built CLI on this chain; commands that read wallets get the test's wallet folder. */
  const tao = (args: string[]) =>
    runTao([
      ...args,
      '--network',
      net.endpoint,
      ...(['stake', 'wallet'].includes(args[0]!) || args.includes('--mine') ? ['--wallet-path', wallets] : []),
    ])
  /** Storage at the node's head, straight from state_getStorage (the client under test may lag a block). */
  const q = async (item: string, ...keys: unknown[]): Promise<unknown> => {
    const info = chain.metadata.requireStorage('SubtensorModule', item)
    const raw: string | null = await net.rpc('state_getStorage', [info.encodeKey(...keys)])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const headNow = async () => {
    const hash: string = await net.rpc('chain_getBlockHash', [])
    return { hash, number: Number.parseInt((await net.rpc('chain_getHeader', [hash])).number, 16) }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-subnets-'))
    wallets = join(dir, 'wallets')
    net = await startLocalnet()
    chain = await connectNode(net.endpoint)
    s = await buildScenario(net, chain)
    await setTempo(net, s.netuid, 2)
    const bob = await runTao(['wallet', 'regen-coldkeypub', '-w', 'bob', '--ss58', s.miners[0].coldkey, '--wallet-path', wallets, '--json'])
    expect(bob.code, bob.stderr).toBe(0)
    const hot = await runTao(['wallet', 'new-hotkey', '-w', 'mine', '-H', 'h1', '--wallet-path', wallets, '--json', '-y'])
    expect(hot.code, hot.stderr).toBe(0)
    mineHotkey = hot.json.ss58
    mineUid = await registerHotkey(chain, s.netuid, { coldkey: '//Eve', hotkey: mineHotkey })
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('stake list shows the exact alpha the chain holds for each position, what unstaking it pays and its spot value', async () => {
    const r = await tao(['stake', 'list', '-w', 'bob', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const bob = s.miners[0]
    const [taoIn, alphaIn] = [big(await q('SubnetTAO', s.netuid)), big(await q('SubnetAlphaIn', s.netuid))]
    const expected: Array<Record<string, any>> = []
    for (const netuid of [0, s.netuid]) {
      const alpha = runtimeAlpha(
        big(await q('Alpha', bob.hotkey, bob.coldkey, netuid)),
        big(await q('TotalHotkeyAlpha', bob.hotkey, netuid)),
        big(await q('TotalHotkeyShares', bob.hotkey, netuid)),
      )
      const swap = netuid === 0 ? alpha : alphaToTao({ taoIn, alphaIn, dynamic: true }, alpha).tao
      const spot = netuid === 0 ? alpha : (alpha * taoIn) / alphaIn
      expected.push({
        wallet: 'bob',
        coldkey: bob.coldkey,
        hotkey: bob.hotkey,
        netuid,
        alpha: amount(alpha),
        price: expect.anything(),
        spotValue: amount(spot),
        swapValue: amount(swap),
      })
    }
    expect(r.json.stakes).toEqual(expected)
    expect(BigInt(r.json.stakes[1].alpha.rao)).toBeGreaterThan(0n)
    expect(BigInt(r.json.stakes[1].swapValue.rao)).toBeLessThan(BigInt(r.json.stakes[1].spotValue.rao))
    const sum = (key: 'spotValue' | 'swapValue') => (BigInt(expected[0]![key].rao) + BigInt(expected[1]![key].rao)).toString()
    expect(r.json.totals.spotValue.rao).toBe(sum('spotValue'))
    expect(r.json.totals.swapValue.rao).toBe(sum('swapValue')) // one position per subnet: nothing shares a pool
    expect(r.json.accounts[0]).toMatchObject({ spotValue: { rao: sum('spotValue') }, swapValue: { rao: sum('swapValue') } })
    expect(r.json.block).toBe((await headNow()).number)

    // wallet balance reads the same positions through the same reader.
    const balance = await tao(['wallet', 'balance', '-w', 'bob', '--json'])
    expect(balance.code, balance.stderr).toBe(0)
    const positions = (stakes: Array<{ hotkey: string; netuid: number; alpha: unknown; spotValue: unknown; swapValue: unknown }>) =>
      stakes.map((p) => [p.hotkey, p.netuid, p.alpha, p.spotValue, p.swapValue])
    expect(positions(balance.json.accounts[0].stakes)).toEqual(positions(r.json.stakes))
    expect(balance.json.accounts[0].stakedSwapValue).toEqual(r.json.totals.swapValue)
    expect(balance.json.accounts[0].stakedSpotValue).toEqual(r.json.totals.spotValue)
    expect(balance.json.block).toBe(r.json.block)

    const human = await tao(['stake', 'list', '--ss58', s.delegator, '--ss58', bob.coldkey])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toContain('TOTAL')
    expect(human.stdout).toContain(s.delegator)
    expect(human.stdout).toMatch(/ALPHA\s+PRICE τ\/α\s+SWAP VALUE\s+SPOT VALUE/)
  })

  it('in a thin pool, what unstaking pays stays within the pool (the spot value does not): stake list, wallet balance, subnets show', async () => {
    const bob = s.miners[0]
    const [taoBefore, alphaBefore] = [big(await q('SubnetTAO', s.netuid)), big(await q('SubnetAlphaIn', s.netuid))]
    // A pool of 0.83 TAO against 2.425e-6 alpha: alpha × price values Bob's stake at millions of TAO.
    const thin = { tao: 830_000_000n, alpha: 2_425n }
    await seedPool(net, s.netuid, thin)
    try {
      const list = await tao(['stake', 'list', '-w', 'bob', '--json'])
      expect(list.code, list.stderr).toBe(0)
      const pos = list.json.stakes.find((p: { netuid: number }) => p.netuid === s.netuid)
      const alpha = BigInt(pos.alpha.rao)
      expect(BigInt(pos.spotValue.rao)).toBe((alpha * thin.tao) / thin.alpha)
      expect(BigInt(pos.spotValue.rao)).toBeGreaterThan(1_000_000n * 10n ** 9n)
      expect(BigInt(pos.swapValue.rao)).toBe(alphaToTao({ taoIn: thin.tao, alphaIn: thin.alpha, dynamic: true }, alpha).tao)
      expect(BigInt(pos.swapValue.rao)).toBeLessThan(thin.tao)

      const balance = await tao(['wallet', 'balance', '-w', 'bob', '--json'])
      expect(balance.code, balance.stderr).toBe(0)
      const account = balance.json.accounts[0]
      const rootAlpha = BigInt(list.json.stakes.find((p: { netuid: number }) => p.netuid === 0).alpha.rao)
      expect(BigInt(account.stakedSwapValue.rao)).toBe(BigInt(pos.swapValue.rao) + rootAlpha)
      expect(BigInt(account.total.rao)).toBe(BigInt(account.free.rao) + BigInt(account.reserved.rao) + BigInt(account.stakedSwapValue.rao))
      const shown = await tao(['wallet', 'balance', '-w', 'bob'])
      expect(shown.stdout).toMatch(/α → τ0\.\d+ \(spot τ[\d,]{9,}/)

      const show = await tao(['subnets', 'show', '--netuid', String(s.netuid), '--json'])
      expect(show.code, show.stderr).toBe(0)
      const row = show.json.neurons[bob.uid]
      const staked = BigInt(row.alphaStake.rao)
      expect(BigInt(row.stakeSpotValue.rao)).toBe((staked * thin.tao) / thin.alpha)
      expect(BigInt(row.stakeSwapValue.rao)).toBe(alphaToTao({ taoIn: thin.tao, alphaIn: thin.alpha, dynamic: true }, staked).tao)
      expect(BigInt(row.stakeSwapValue.rao)).toBeLessThan(thin.tao)
    } finally {
      await seedPool(net, s.netuid, { tao: taoBefore, alpha: alphaBefore })
    }
  })

  it('stake list --all lists every wallet with a coldkey and says which it skipped', async () => {
    const r = await tao(['stake', 'list', '--all', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.accounts.map((a: { wallet: string; wallets: string[] }) => [a.wallet, a.wallets])).toEqual([['bob', ['bob']]])
    // An address given with --ss58 too is still one account, named by its wallet (as in `wallet balance`).
    const both = await tao(['stake', 'list', '--all', '--ss58', s.miners[0]!.coldkey, '--json'])
    expect(both.code, both.stderr).toBe(0)
    expect(both.json.accounts).toEqual(r.json.accounts)
    expect(both.json.stakes.map((x: { wallet: string }) => x.wallet)).toEqual(r.json.stakes.map(() => 'bob'))
    expect(r.json.skipped.map((x: { name: string }) => x.name)).toEqual(['mine'])
    expect(r.stderr).toContain('skipped wallet mine')
  })

  it('subnets show lists every UID with the keys, stakes and figures storage holds', async () => {
    const r = await tao(['subnets', 'show', '--netuid', String(s.netuid), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = r.json
    const n = Number(await q('SubnetworkN', s.netuid))
    expect(j).toMatchObject({
      netuid: s.netuid,
      symbol: 'β',
      ownerColdkey: s.owner.coldkey,
      ownerHotkey: s.owner.hotkey,
      neuronCount: n,
      tempo: 2,
    })
    expect(j.neurons).toHaveLength(n)
    const [emission, incentive, permit] = (await Promise.all([
      q('Emission', s.netuid),
      q('Incentive', s.netuid),
      q('ValidatorPermit', s.netuid),
    ])) as [bigint[], number[], boolean[]]
    for (const row of j.neurons) {
      const hotkey = await q('Keys', s.netuid, row.uid)
      expect(row.hotkey).toBe(hotkey)
      expect(row.coldkey).toBe(await q('Owner', hotkey))
      expect(row.alphaStake.rao).toBe(big(await q('TotalHotkeyAlpha', hotkey, s.netuid)).toString())
      expect(row.emission.rao).toBe(big(emission[row.uid]).toString())
      expect(row.incentive).toBe(incentive[row.uid]! / 65535)
      expect(row.validatorPermit).toBe(permit[row.uid])
    }
    expect(j.neurons[s.miners[0].uid]).toMatchObject({
      hotkey: s.miners[0].hotkey,
      coldkey: s.miners[0].coldkey,
      axon: { ip: '1.2.3.4', port: 8091, version: 7 },
    })
    expect(j.neurons[mineUid].hotkey).toBe(mineHotkey)
    // The same positions stake list shows for Bob's miner hotkey.
    const stakes = await tao(['stake', 'list', '--ss58', s.miners[0].coldkey, '--ss58', s.delegator, '--json'])
    const onSubnet = stakes.json.stakes.filter((p: { netuid: number }) => p.netuid === s.netuid)
    expect(new Set(onSubnet.map((p: { hotkey: string }) => p.hotkey))).toEqual(new Set([s.miners[0].hotkey]))
    const held = onSubnet.reduce((sum: bigint, p: { alpha: { rao: string } }) => sum + BigInt(p.alpha.rao), 0n)
    const total = BigInt(j.neurons[s.miners[0].uid].alphaStake.rao)
    expect(total - held).toBeGreaterThanOrEqual(0n)
    expect(total - held).toBeLessThanOrEqual(2n) // the runtime rounds each coldkey's share down
  })

  it('subnets list shows the subnet with its pool, size and burn as storage holds them', async () => {
    const r = await tao(['subnets', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.subnets.map((x: { netuid: number }) => x.netuid)).toEqual([0, 1, s.netuid])
    const sub = r.json.subnets.find((x: { netuid: number }) => x.netuid === s.netuid)
    const [taoIn, alphaIn, alphaOut, burn, emissionValue, n, max] = await Promise.all(
      ['SubnetTAO', 'SubnetAlphaIn', 'SubnetAlphaOut', 'Burn', 'EmissionValues', 'SubnetworkN', 'MaxAllowedUids'].map((item) =>
        q(item, s.netuid),
      ),
    )
    expect(sub).toMatchObject({
      netuid: s.netuid,
      symbol: 'β',
      ownerColdkey: s.owner.coldkey,
      taoIn: amount(big(taoIn)),
      alphaIn: amount(big(alphaIn)),
      alphaOut: amount(big(alphaOut)),
      taoEmission: amount(big(emissionValue)),
      burn: amount(big(burn)),
      neuronCount: Number(n),
      maxNeurons: Number(max),
      tempo: 2,
    })
    expect(Number(sub.price)).toBeCloseTo(Number(taoIn) / Number(alphaIn), 8)
    const human = await tao(['subnets', 'list'])
    expect(human.stdout).toMatch(/NETUID\s+NAME\s+PRICE/)
  })

  it('the next epoch is where the runtime runs it: spec 218 runs it every block, whatever the tempo', async () => {
    // Tempo 2: of three consecutive blocks one is the subnet's scheduled epoch block, where a runtime on schedule
    // would look the same; every block the runtime steps the subnet (LastMechansimStepBlock is the block itself).
    for (let i = 0; i < 3; i++) {
      await net.newBlock(1)
      const show = await tao(['subnets', 'show', '--netuid', String(s.netuid), '--json'])
      expect(show.code, show.stderr).toBe(0)
      const b = show.json.block as number
      expect(Number(await q('LastMechansimStepBlock', s.netuid))).toBe(b)
      expect(show.json).toMatchObject({ tempo: 2, blocksSinceLastStep: 0, nextEpochBlock: b + 1 })
      const list = await tao(['subnets', 'list', '--json'])
      expect(
        list.json.subnets.filter((x: { tempo: number }) => x.tempo > 0).map((x: { nextEpochBlock: number }) => x.nextEpochBlock),
      ).toEqual(list.json.subnets.filter((x: { tempo: number }) => x.tempo > 0).map(() => list.json.block + 1))
      // The emission it wrote is this block's, and the next block writes it again.
      await net.newBlock(1)
      expect(Number(await q('LastMechansimStepBlock', s.netuid))).toBe(show.json.nextEpochBlock)
    }
    const human = await tao(['subnets', 'show', '--netuid', String(s.netuid)])
    expect(human.stdout).toMatch(
      /tempo\s+2 blocks \(0 since the last step; this runtime runs the epoch every block, weight-commit epochs turn at #\d+\)/,
    )
  })

  it('after epochs, per-UID emission and incentive equal storage', async () => {
    await net.newBlock(4)
    const figures = [0, 16384, 32768, 65535, 1]
    const n = Number(await q('SubnetworkN', s.netuid))
    // The 218 epoch writes incentive 0 each block: put figures of our own there (no block is built).
    await net.setStorage({ SubtensorModule: { Incentive: [[[s.netuid], figures.slice(0, n)]] } })
    const r = await tao(['subnets', 'metagraph', '--netuid', String(s.netuid), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const emission = (await q('Emission', s.netuid)) as bigint[]
    expect(emission.some((e) => e > 0n)).toBe(true)
    expect(r.json.neurons.map((x: { emission: { rao: string } }) => x.emission.rao)).toEqual(emission.map((e) => e.toString()))
    expect(r.json.neurons.map((x: { incentive: number }) => x.incentive)).toEqual(figures.slice(0, n).map((v) => v / 65535))
    expect(r.json.block).toBe((await headNow()).number)
  })

  it("sorts, reverses and filters rows; --mine keeps the local wallets' hotkeys", async () => {
    const show = async (...args: string[]) => {
      const r = await tao(['subnets', 'show', '--netuid', String(s.netuid), '--json', ...args])
      expect(r.code, r.stderr).toBe(0)
      return r.json.neurons as Array<{
        uid: number
        hotkey: string
        coldkey: string
        alphaStake: { rao: string }
        validatorPermit: boolean
      }>
    }
    const byStake = await show('--sort', 'stake')
    const stakes = byStake.map((x) => BigInt(x.alphaStake.rao))
    expect(stakes).toEqual([...stakes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)))
    expect((await show('--sort', 'stake', '--reverse')).map((x) => x.uid)).toEqual(byStake.map((x) => x.uid).reverse())
    expect((await show('--hotkey', s.miners[1].hotkey)).map((x) => x.uid)).toEqual([s.miners[1].uid])
    expect((await show('--coldkey', s.miners[0].coldkey)).map((x) => x.uid)).toEqual([s.miners[0].uid])
    expect((await show('--mine')).map((x) => x.uid)).toEqual([mineUid])
    expect((await show('--validators')).every((x) => x.validatorPermit)).toBe(true)
    const human = await tao(['subnets', 'show', '--netuid', String(s.netuid), '--mine'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toContain(`Subnet ${s.netuid} β`)
    expect(human.stdout).toMatch(/UID\s+STAKE β\s+SWAP τ\s+SPOT τ/)
    expect(human.stdout).toContain(`1 of ${byStake.length} UIDs shown`)
  })

  it('bad input exits 2 with one line: an unknown netuid, a bad column, a bad address (before connecting)', async () => {
    const missing = await tao(['subnets', 'show', '--netuid', '99'])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe('Error: there is no subnet 99 on this network')
    const json = await tao(['subnets', 'show', '--netuid', '99', '--json'])
    expect(json.json.error).toEqual({ code: 'NO_SUBNET', message: 'there is no subnet 99 on this network', exitCode: 2 })
    expect((await tao(['subnets', 'show', '--netuid', '1', '--sort', 'height'])).code).toBe(2)
    expect((await tao(['subnets', 'hyperparameters', '--netuid', '99'])).code).toBe(2)
    const badKey = await runTao(['subnets', 'show', '--netuid', '1', '--hotkey', 'nope', '--network', 'ws://127.0.0.1:1'])
    expect(badKey.code).toBe(2)
    expect(badKey.stderr).toContain('--hotkey')
  })

  it('subnets hyperparameters gives names, values and units equal to storage', async () => {
    const r = await tao(['subnets', 'hyperparameters', '--netuid', String(s.netuid), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const get = (name: string) => r.json.hyperparameters.find((h: { name: string }) => h.name === name)
    expect(get('tempo')).toMatchObject({ value: 2, unit: 'blocks' })
    const kappa = Number(await q('Kappa', s.netuid))
    expect(get('kappa')).toMatchObject({ value: kappa, unit: 'fraction', normalized: kappa / 65535 })
    expect(get('min_burn')).toMatchObject({ value: amount(big(await q('MinBurn', s.netuid))), unit: 'rao' })
    expect(get('weights_version')).toMatchObject({ value: big(await q('WeightsVersionKey', s.netuid)).toString() })
    const human = await tao(['subnets', 'hyperparameters', '--netuid', String(s.netuid)])
    expect(human.stdout).toMatch(/tempo\s+2 blocks\s+blocks between epochs/)
  })

  it("subnets burn-cost equals the runtime's registration cost", async () => {
    const r = await tao(['subnets', 'burn-cost', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const raw: string = await net.rpc('state_call', ['SubnetRegistrationRuntimeApi_get_network_registration_cost', '0x'])
    const cost = Buffer.from(raw.slice(2), 'hex').readBigUInt64LE()
    expect(r.json.burnCost).toEqual(amount(cost))
  })

  it('the node client reads a view at an older block hash as it was', async () => {
    const before = await headNow()
    const then = await readMetagraph(chain, s.netuid, { at: before.hash })
    expect(then.block).toBe(before.number)
    await net.newBlock(2)
    const after = await headNow()
    expect(after.number).toBe(before.number + 2)
    // The block moved on (the pool grows every block), the view at the old hash did not.
    const later = await readMetagraph(chain, s.netuid, { at: after.hash })
    expect(later.block).toBe(after.number)
    expect(later.subnet.taoIn).toBeGreaterThan(then.subnet.taoIn)
    expect(await readMetagraph(chain, s.netuid, { at: before.hash })).toEqual(then)
    expect(later.neurons.map((x) => x.emission)).toEqual(((await q('Emission', s.netuid)) as bigint[]).map(big))
  })
})
