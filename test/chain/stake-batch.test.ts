/**
 * Staking across many subnets and hotkeys in one transaction, against a real local chain (spec 218), driving the
 * built CLI: one Utility.batch_all extrinsic, the stake of every (hotkey, subnet) pair read from storage at the
 * block it landed in and the one before, the results per leg from its events, and the refusals that sign
 * nothing (the signer's nonce). Tests run in order and share the chain.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alphaOfShares } from '../../src/subtensor/stake/pool.js'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { createSubnet, registerHotkey, seedPool, setTempo, ss58Of } from '../helpers/subnet-setup.js'

const PASSWORD = 'batch test password 1!'
const TAO = 1_000_000_000n

describe('stake add/remove across many subnets and hotkeys (one batch_all)', { timeout: 300_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  const subnets: number[] = []
  const w = { ss58: '', uri: '', hotkeys: {} as Record<string, string> }

  const walletPath = () => join(dir, 'wallets')
  const tao = (args: string[]) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', walletPath()], {
      env: { TAO_PASSWORD: PASSWORD },
      cwd: dir,
      timeoutMs: 240_000,
    })
  const at = async (hash: string, pallet: string, item: string, ...k: unknown[]): Promise<any> => {
    const info = chain.metadata.requireStorage(pallet, item)
    const raw = await chain.rpc<string | null>('state_getStorage', [info.encodeKey(...k), hash])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const parentOf = async (hash: string): Promise<string> => (await chain.rpc<{ parentHash: string }>('chain_getHeader', [hash])).parentHash
  /** The coldkey's alpha through the hotkey on the subnet at a block: its shares of the hotkey's alpha (spec 218). */
  const stakeAt = async (hash: string, hotkey: string, netuid: number): Promise<bigint> =>
    alphaOfShares(
      BigInt(await at(hash, 'SubtensorModule', 'Alpha', hotkey, w.ss58, netuid)),
      BigInt(await at(hash, 'SubtensorModule', 'TotalHotkeyShares', hotkey, netuid)),
      BigInt(await at(hash, 'SubtensorModule', 'TotalHotkeyAlpha', hotkey, netuid)),
    )
  const nonce = async () => (await chain.account(w.ss58)).nonce
  const rao = (a: { rao: string }) => BigInt(a.rao)
  const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error:'))
  /** The extrinsics of a block (to show the batch is one). */
  const extrinsicsOf = async (hash: string) =>
    (await chain.rpc<{ block: { extrinsics: string[] } }>('chain_getBlock', [hash])).block.extrinsics

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-batch-'))
    net = await startLocalnet()
    chain = await connect(net.endpoint, { cache: false })
    const flags = ['--wallet-path', walletPath(), '--json', '-y']
    const r = await runTao(['wallet', 'create', '-w', 'staker', ...flags], { env: { TAO_PASSWORD: PASSWORD }, timeoutMs: 240_000 })
    expect(r.code, r.stderr).toBe(0)
    Object.assign(w, { ss58: r.json.coldkey.ss58, uri: r.json.coldkey.mnemonic, hotkeys: { default: r.json.hotkey.ss58 } })
    const k = await runTao(['wallet', 'new-hotkey', '-w', 'staker', '-H', 'second', ...flags])
    expect(k.code, k.stderr).toBe(0)
    w.hotkeys.second = k.json.ss58
    await net.setStorage({ System: { Account: [[[w.ss58], { providers: 1, data: { free: (10_000n * TAO).toString() } }]] } })
    // Two subnets of Alice's (so no owner emission reaches the staker's hotkeys), both hotkeys registered on each
    // (paid by the staker), pools seeded so the prices are known, no epoch during the test (a stake moves only by
    // the transactions themselves).
    await net.setStorage({ System: { Account: [[[ss58Of('//Alice')], { providers: 1, data: { free: (10_000n * TAO).toString() } }]] } })
    for (let i = 0; i < 2; i++) {
      await net.setStorage({ SubtensorModule: { NetworkRateLimit: '0x0000000000000000' } })
      const netuid = await createSubnet(chain, { owner: '//Alice', hotkey: ss58Of('//Alice//owner') })
      await setTempo(net, netuid, 60_000)
      await seedPool(net, netuid, { tao: 100n * TAO, alpha: 200n * TAO })
      subnets.push(netuid)
    }
    for (const netuid of subnets)
      for (const h of ['default', 'second']) await registerHotkey(chain, netuid, { coldkey: w.uri, hotkey: w.hotkeys[h]! })
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('stake add --hotkeys a,b --netuids x,y: one batch_all extrinsic, the stake of each of the 4 pairs grew by what its leg reports', async () => {
    const n0 = await nonce()
    const r = await tao([
      'stake',
      'add',
      '-w',
      'staker',
      '--hotkeys',
      'default,second',
      '--netuids',
      subnets.join(','),
      '--amount',
      '2',
      '--unsafe',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('Utility.batch_all')
    expect(await nonce()).toBe(n0 + 1)
    const block = r.json.blockHash
    const parent = await parentOf(block)
    // One extrinsic of ours in the block (besides the timestamp inherent), carrying the four legs.
    const decoded = chain.decodeExtrinsic((await extrinsicsOf(block))[r.json.index]!)
    expect(`${decoded.pallet}.${decoded.call}`).toBe('Utility.batch_all')
    expect((decoded.args as { calls: unknown[] }).calls).toHaveLength(4)
    expect(r.json.legs).toHaveLength(4)
    expect(r.json.total).toEqual({ rao: (8n * TAO).toString(), tao: '8' })
    let staked = 0n
    for (const leg of r.json.legs) {
      expect(leg.call).toMatch(/^SubtensorModule\.add_stake(_limit)?$/)
      expect(rao(leg.amount)).toBe(2n * TAO)
      const grew = (await stakeAt(block, leg.hotkey, leg.netuid)) - (await stakeAt(parent, leg.hotkey, leg.netuid))
      expect(grew).toBe(rao(leg.alphaReceived))
      expect(rao(leg.taoStaked)).toBe(2n * TAO)
      staked += rao(leg.taoStaked)
    }
    expect(rao(r.json.taoStaked)).toBe(staked)
    expect(new Set(r.json.legs.map((l: any) => `${l.hotkey}/${l.netuid}`)).size).toBe(4)
    expect(r.stderr).toMatch(/leg 4 \(subnet \d+, hotkey "second" of wallet "staker"\)/)
  })

  it('stake add --all-netuids: every subnet where the hotkey is registered (root aside)', async () => {
    const r = await tao(['stake', 'add', '-w', 'staker', '-H', 'second', '--all-netuids', '--amount', '1', '--unsafe', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const registered = (await chain.entries('SubtensorModule', 'IsNetworkMember', w.hotkeys.second))
      .filter((e) => e.value === true)
      .map((e) => Number(e.keys[1]))
      .filter((n) => n !== 0)
    expect(r.json.legs.map((l: any) => l.netuid).sort()).toEqual(registered.sort())
    expect(registered.sort()).toEqual([...subnets].sort())
  })

  it('refusals before signing: a leg on a subnet that does not exist names the leg (exit 2); too little balance for all legs (exit 1); nothing signed', async () => {
    const n0 = await nonce()
    const missing = await tao([
      'stake',
      'add',
      '-w',
      'staker',
      '-H',
      'default',
      '--netuids',
      `${subnets[0]},999`,
      '--amount',
      '1',
      '--unsafe',
      '-y',
      '--json',
    ])
    expect(missing.code).toBe(2)
    expect(errorLines(missing.stderr)).toEqual([
      expect.stringMatching(/leg 2 \(subnet 999, hotkey "default" of wallet "staker"\): subnet 999 does not exist/),
    ])
    const broke = await tao([
      'stake',
      'add',
      '-w',
      'staker',
      '--all-hotkeys',
      '--netuids',
      subnets.join(','),
      '--amount',
      '3000',
      '--unsafe',
      '-y',
      '--json',
    ])
    expect(broke.code).toBe(1)
    expect(broke.json.error.code).toBe('INSUFFICIENT_BALANCE')
    expect(errorLines(broke.stderr)).toEqual([expect.stringMatching(/12,?000 TAO|τ12,?000/)])
    const remove = await tao([
      'stake',
      'remove',
      '-w',
      'staker',
      '--hotkeys',
      'default,second',
      '--netuid',
      String(subnets[0]),
      '--amount',
      '1000',
      '-y',
      '--json',
    ])
    expect(remove.code).toBe(1)
    expect(remove.json.error.code).toBe('NOT_ENOUGH_STAKE')
    expect(errorLines(remove.stderr)[0]).toMatch(/^Error: leg 1 \(subnet \d+, hotkey "default"/)
    expect(await nonce()).toBe(n0)
  })

  it('bad input exits 2 before connecting: repeated netuids, add with --all, no subnet given, an unknown hotkey name', async () => {
    const offline = (args: string[]) =>
      runTao([...args, '-w', 'staker', '-y', '--json', '--network', 'ws://127.0.0.1:1', '--wallet-path', walletPath()], {
        env: { TAO_PASSWORD: PASSWORD },
        cwd: dir,
      })
    for (const [args, code] of [
      [['stake', 'add', '--netuids', '1,1', '--amount', '1'], 'BAD_INPUT'],
      [['stake', 'add', '--netuids', '1,x', '--amount', '1'], 'USAGE'],
      [['stake', 'add', '--netuids', '1,2', '--all'], 'MISSING_AMOUNT'],
      [['stake', 'add', '--amount', '1'], 'MISSING_NETUID'],
      [['stake', 'remove', '--hotkeys', 'default,nosuch', '--netuids', '1', '--all'], undefined],
    ] as const) {
      const r = await offline([...args])
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2)
      if (code) expect(r.json.error.code).toBe(code)
      expect(r.stderr).not.toMatch(/unreachable|connect/i)
    }
  })

  it('stake remove --all-hotkeys --all-netuids --all: every position back to TAO in one extrinsic; the stake is gone', async () => {
    const n0 = await nonce()
    const r = await tao(['stake', 'remove', '-w', 'staker', '--all-hotkeys', '--all-netuids', '--all', '--unsafe', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('Utility.batch_all')
    expect(await nonce()).toBe(n0 + 1)
    expect(r.json.legs).toHaveLength(4)
    const block = r.json.blockHash
    const parent = await parentOf(block)
    let received = 0n
    for (const leg of r.json.legs) {
      // The whole position as it stood when planned went; what the block's own emission credited to the hotkey
      // before the extrinsic ran (run_coinbase, at the start of the block) is all that is left.
      const before = await stakeAt(parent, leg.hotkey, leg.netuid)
      expect({ planned: rao(leg.alpha), unstaked: rao(leg.alphaUnstaked) }).toEqual({ planned: before, unstaked: before })
      expect(await stakeAt(block, leg.hotkey, leg.netuid)).toBeLessThan(before / 10n)
      received += rao(leg.taoReceived)
    }
    expect(rao(r.json.taoReceived)).toBe(received)
    const free = async (hash: string) => BigInt((await at(hash, 'System', 'Account', w.ss58)).data.free)
    expect((await free(block)) - (await free(parent))).toBe(received - rao(r.json.fee))
  })
})
