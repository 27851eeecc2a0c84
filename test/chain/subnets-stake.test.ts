/**
 * The operator's writing commands against a real local chain (spec 218), driving the built CLI; every figure is
 * compared with the chain's storage read independently, at the very block the transaction landed in (or the one
 * before, which the command's preview saw). Tests run in order and share the chain: create a subnet, register,
 * seed the pool, stake, move, remove, children, identities, and the refusals and runtime errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatTao } from '../../src/core/amount.js'
import { alphaOfShares, alphaToTao, taoToAlpha, type Pool } from '../../src/subtensor/stake/pool.js'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const PASSWORD = 'subnets test password 1!'
const TAO = 1_000_000_000n
const U64_MAX = (1n << 64n) - 1n
const NEVER_REGISTERED = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw' // Eve: funded, never a hotkey

describe('subnets and stake against a real local chain', () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  const keys = { owner: '', ownerHotkey: '', h1: '', h2: '', poor: '' }
  let netuid: number

  const tao = (args: string[], env: Record<string, string> = {}) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', join(dir, 'wallets')], {
      env: { TAO_PASSWORD: PASSWORD, ...env },
      cwd: dir,
    })
  const read = (pallet: string, item: string, ...k: unknown[]) => chain.storage(pallet, item, ...k)
  /** A storage value at a given block, decoded from the metadata (the default when the entry is absent). */
  const at = async (hash: string, pallet: string, item: string, ...k: unknown[]): Promise<any> => {
    const info = chain.metadata.requireStorage(pallet, item)
    const raw = await chain.rpc<string | null>('state_getStorage', [info.encodeKey(...k), hash])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const parentOf = async (hash: string): Promise<string> => (await chain.rpc<{ parentHash: string }>('chain_getHeader', [hash])).parentHash
  const poolAt = async (hash: string, n: number): Promise<Pool> => ({
    taoIn: BigInt(await at(hash, 'SubtensorModule', 'SubnetTAO', n)),
    alphaIn: BigInt(await at(hash, 'SubtensorModule', 'SubnetAlphaIn', n)),
    dynamic: true,
  })
  const freeAt = async (hash: string, ss58: string): Promise<bigint> => BigInt((await at(hash, 'System', 'Account', ss58)).data.free)
  const nonce = async (ss58: string) => (await chain.account(ss58)).nonce
  const rao = (amount: { rao: string }) => BigInt(amount.rao)
  const oneLine = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('Error:'))
  const fund = (ss58: string, free: bigint) =>
    net.setStorage({ System: { Account: [[[ss58], { providers: 1, data: { free: free.toString() } }]] } })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-subnets-'))
    net = await startLocalnet()
    chain = await connect(net.endpoint)
    const w = ['--wallet-path', join(dir, 'wallets'), '--json', '-y']
    const created = await runTao(['wallet', 'create', '-w', 'owner', ...w], { env: { TAO_PASSWORD: PASSWORD } })
    expect(created.code, created.stderr).toBe(0)
    keys.owner = created.json.coldkey.ss58
    keys.ownerHotkey = created.json.hotkey.ss58
    for (const h of ['h1', 'h2'] as const) {
      const r = await runTao(['wallet', 'new-hotkey', '-w', 'owner', '-H', h, ...w])
      expect(r.code, r.stderr).toBe(0)
      keys[h] = r.json.ss58
    }
    const poor = await runTao(['wallet', 'create', '-w', 'poor', ...w], { env: { TAO_PASSWORD: PASSWORD } })
    keys.poor = poor.json.coldkey.ss58
    await fund(keys.owner, 10_000n * TAO)
  })
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('subnets create: the netuid from NetworkAdded is the new NetworksAdded entry, owned by the coldkey and -H', async () => {
    const before = (await chain.entries('SubtensorModule', 'NetworksAdded')).map((e) => Number(e.keys[0]))
    const r = await tao(['subnets', 'create', '-w', 'owner', '-H', 'default', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.register_network')
    // No runtime's register_network takes a limit: the confirmation says the lock cost shown is not a bound.
    expect(r.json.lockCostLimit).toBeNull()
    expect(r.stderr).toContain(
      '\n  SubtensorModule.register_network takes no limit on the lock cost in this runtime (spec 218): the cost when it lands is locked, even if it has risen\n',
    )
    const after = (await chain.entries('SubtensorModule', 'NetworksAdded')).map((e) => Number(e.keys[0]))
    expect(after.filter((n) => !before.includes(n))).toEqual([r.json.netuid])
    netuid = r.json.netuid
    expect(await read('SubtensorModule', 'SubnetOwner', netuid)).toBe(keys.owner)
    expect(await read('SubtensorModule', 'SubnetOwnerHotkey', netuid)).toBe(keys.ownerHotkey)
    expect(r.json.events.find((e: any) => e.name === 'NetworkAdded').data[0]).toBe(netuid)
    // The lock really paid (Balances.Withdraw; no fee at spec 218) left the coldkey.
    const block = r.json.blockHash
    expect((await freeAt(await parentOf(block), keys.owner)) - (await freeAt(block, keys.owner))).toBe(
      rao(r.json.lockPaid) + rao(r.json.fee),
    )
  })

  it("subnets create with identity flags builds the runtime's identity struct; a field spec 218 lacks is refused (exit 2)", async () => {
    const n0 = await nonce(keys.owner)
    const bad = await tao(['subnets', 'create', '-w', 'owner', '-H', 'h2', '--subnet-name', 'x', '--logo-url', 'https://x', '-y', '--json'])
    expect(bad.code).toBe(2)
    expect(bad.json.error.code).toBe('FIELD_NOT_IN_RUNTIME')
    expect(oneLine(bad.stderr)).toEqual([expect.stringMatching(/spec 218.*--logo-url/)])
    expect(await nonce(keys.owner)).toBe(n0)

    const r = await tao([
      'subnets',
      'create',
      '-w',
      'owner',
      '-H',
      'h2',
      '--subnet-name',
      'taocli test',
      '--github-repo',
      'https://github.com/x/y',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.register_network_with_identity')
    const identity = (await read('SubtensorModule', 'SubnetIdentities', r.json.netuid)) as Record<string, Uint8Array>
    expect(new TextDecoder().decode(identity.subnet_name)).toBe('taocli test')
    expect(new TextDecoder().decode(identity.github_repo)).toBe('https://github.com/x/y')
    // Every field any runtime knows; null for those spec 218 lacks.
    expect(r.json.identity).toEqual({
      subnetName: 'taocli test',
      githubRepo: 'https://github.com/x/y',
      subnetContact: '',
      subnetUrl: null,
      discord: null,
      description: null,
      logoUrl: null,
      additional: null,
    })
  })

  it('a rate-limited subnet creation is rejected by the runtime and shown by name (NetworkTxRateLimitExceeded, exit 1)', async () => {
    await net.setStorage({ SubtensorModule: { NetworkRateLimit: 1000 } })
    try {
      const r = await tao(['subnets', 'create', '-w', 'owner', '-H', 'default', '-y', '--json'])
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('DISPATCH_ERROR')
      expect(r.json.ok).toBe(false)
      expect(r.json.dispatchError).toMatchObject({ pallet: 'SubtensorModule', name: 'NetworkTxRateLimitExceeded', via: null })
      expect(r.json.error.message).toMatch(/^SubtensorModule\.NetworkTxRateLimitExceeded: \S/)
      expect(oneLine(r.stderr)).toHaveLength(1)
    } finally {
      await net.setStorage({ SubtensorModule: { NetworkRateLimit: '0x0000000000000000' } })
    }
  })

  it('subnets register: uids from NeuronRegistered match Uids and Keys; the burn shown is the burn paid', async () => {
    for (const [h, expectedUid] of [
      ['h1', 1],
      ['h2', 2],
    ] as const) {
      const burn = BigInt((await read('SubtensorModule', 'Burn', netuid)) as bigint)
      const r = await tao([
        'subnets',
        'register',
        '-w',
        'owner',
        '-H',
        h,
        '--netuid',
        String(netuid),
        '--max-burn',
        formatTao(burn),
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.burned_register')
      // Spec 218 has no register_limit: the burn is not bound by the call, and the confirmation says so.
      expect(r.json.burnLimit).toBeNull()
      expect(r.stderr).toContain(
        '\n  SubtensorModule.burned_register takes no limit on the burn in this runtime (spec 218): the burn when it lands is taken, even if it has risen (--max-burn was checked against the burn now, not by the runtime)\n',
      )
      expect(r.json.uid).toBe(expectedUid)
      expect(await read('SubtensorModule', 'Uids', netuid, keys[h])).toBe(r.json.uid)
      expect(await read('SubtensorModule', 'Keys', netuid, r.json.uid)).toBe(keys[h])
      expect(rao(r.json.burn)).toBe(burn)
      expect(rao(r.json.burnPaid)).toBe(burn)
      const block = r.json.blockHash
      expect((await freeAt(await parentOf(block), keys.owner)) - (await freeAt(block, keys.owner))).toBe(burn + rao(r.json.fee))
    }
  })

  it('registering a hotkey twice, or a hotkey of another coldkey, is refused before signing (exit 1, one line, nothing paid)', async () => {
    await fund(keys.poor, 100n * TAO)
    const [n0, p0] = [await nonce(keys.owner), await nonce(keys.poor)]
    const free0 = (await chain.account(keys.owner)).free
    const twice = await tao(['subnets', 'register', '-w', 'owner', '-H', 'h1', '--netuid', String(netuid), '-y', '--json'])
    expect(twice.code, twice.stderr).toBe(1)
    expect(twice.json.error.code).toBe('ALREADY_REGISTERED')
    expect(oneLine(twice.stderr)).toEqual([
      expect.stringMatching(new RegExp(`already registered on subnet ${netuid} as uid 1; nothing was signed`)),
    ])
    // The chain would take the hotkey's registration by another coldkey and refuse it (NonAssociatedColdKey), keeping the fee.
    const theirs = await tao(['subnets', 'register', '-w', 'poor', '--hotkey-ss58', keys.h1, '--netuid', '1', '-y', '--json'])
    expect(theirs.code, theirs.stderr).toBe(1)
    expect(theirs.json.error.code).toBe('HOTKEY_NOT_OWNED')
    expect(oneLine(theirs.stderr)).toEqual([expect.stringMatching(/belongs to coldkey .*NonAssociatedColdKey.*nothing was signed/)])
    expect([await nonce(keys.owner), await nonce(keys.poor)]).toEqual([n0, p0])
    expect((await chain.account(keys.owner)).free).toBe(free0)
  })

  it('--max-burn below the current burn refuses before signing (exit 1, nonce unchanged)', async () => {
    await net.setStorage({ SubtensorModule: { Burn: [[[netuid], (3n * TAO).toString()]] } })
    const n0 = await nonce(keys.owner)
    const r = await tao(['subnets', 'register', '-w', 'owner', '-H', 'default', '--netuid', '1', '--max-burn', '0.5', '-y', '--json'])
    expect(r.code).toBe(1)
    expect(r.json.error.code).toBe('BURN_ABOVE_MAX')
    // A hotkey not registered there yet (the owner hotkey is UID 0 of its subnet).
    const h3 = await runTao(['wallet', 'new-hotkey', '-w', 'owner', '-H', 'h3', '--wallet-path', join(dir, 'wallets'), '--json', '-y'])
    expect(h3.code, h3.stderr).toBe(0)
    const mine = await tao([
      'subnets',
      'register',
      '-w',
      'owner',
      '-H',
      'h3',
      '--netuid',
      String(netuid),
      '--max-burn',
      '2.999999999',
      '-y',
      '--json',
    ])
    expect(mine.code).toBe(1)
    expect(mine.stderr).toMatch(/τ3, above --max-burn τ2\.999999999; nothing was signed/)
    expect(await nonce(keys.owner)).toBe(n0)
  })

  it('subnets register --netuid 0 registers on root (root_register)', async () => {
    const r = await tao(['subnets', 'register', '-w', 'owner', '-H', 'h2', '--netuid', '0', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.root_register')
    expect(await read('SubtensorModule', 'Uids', 0, keys.h2)).toBe(r.json.uid)
  })

  it('stake add: the preview quotes the pool the command read; the alpha received is the runtime’s, and in Alpha/TotalHotkeyAlpha', async () => {
    // Seed the pool (a new subnet's is 1 rao / 1 rao): 100 TAO against 1000 alpha.
    await net.setStorage({
      SubtensorModule: { SubnetTAO: [[[netuid], (100n * TAO).toString()]], SubnetAlphaIn: [[[netuid], (1000n * TAO).toString()]] },
    })
    const amount = 10n * TAO
    // 10 TAO into a 100 TAO pool slips about 9 %: spec 218 has no add_stake_limit, so the default tolerance (0.5 %)
    // is checked here and the stake refused before signing.
    const n0 = await nonce(keys.owner)
    const refused = await tao(['stake', 'add', '-w', 'owner', '-H', 'h1', '--netuid', String(netuid), '--amount', '10', '-y', '--json'])
    expect(refused.code, refused.stderr).toBe(1)
    expect(refused.json.error.code).toBe('SLIPPAGE_ABOVE_TOLERANCE')
    expect(oneLine(refused.stderr)).toEqual([
      expect.stringMatching(/slippage 9\.\d+% is above the tolerance 0\.5000% .*spec 218.*add_stake_limit.*nothing was signed/),
    ])
    expect(await nonce(keys.owner)).toBe(n0)

    // A tolerance given for it is checked the same way, and reported (no limit price: the chain enforces none).
    const r = await tao([
      'stake',
      'add',
      '-w',
      'owner',
      '-H',
      'h1',
      '--netuid',
      String(netuid),
      '--amount',
      '10',
      '--tolerance',
      '10%',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.add_stake')
    expect(r.json.limitPrice).toBeNull() // spec 218 has no add_stake_limit: not pretended
    expect(r.json.tolerance).toBe(0.1)
    expect(r.stderr).toMatch(
      /the chain does not protect the price: this runtime \(spec 218\) has no add_stake_limit; the quote was checked here against the tolerance 10\.0000%/,
    )
    const block = r.json.blockHash
    const before = await parentOf(block)

    // What the preview showed: the runtime's arithmetic on the pool at the block the command read.
    const seen = await poolAt(before, netuid)
    expect(rao(r.json.expectedAlpha)).toBe(taoToAlpha(seen, amount).alpha)
    expect(r.json.price).toBe(formatTao((seen.taoIn * TAO) / seen.alphaIn))

    // What happened: the StakeAdded event; the pool just before the extrinsic (after the block's own emission)
    // is the pool after it, less the stake's own effect, and the runtime's swap of it gives exactly that alpha.
    const alpha = rao(r.json.alphaReceived)
    expect(rao(r.json.taoStaked)).toBe(amount)
    const after = await poolAt(block, netuid)
    const preTx: Pool = { taoIn: after.taoIn - amount, alphaIn: after.alphaIn + alpha, dynamic: true }
    expect(taoToAlpha(preTx, amount).alpha).toBe(alpha)
    // The emission injected into the pool in between is the only difference from the preview.
    expect(preTx.taoIn).toBeGreaterThanOrEqual(seen.taoIn)

    // h1 had no stake: its alpha and shares are exactly what was bought, and the coldkey paid exactly the TAO and fee.
    expect(BigInt(await at(block, 'SubtensorModule', 'Alpha', keys.h1, keys.owner, netuid))).toBe(alpha)
    expect(BigInt(await at(block, 'SubtensorModule', 'TotalHotkeyAlpha', keys.h1, netuid))).toBe(alpha)
    expect(BigInt(await at(block, 'SubtensorModule', 'TotalHotkeyShares', keys.h1, netuid))).toBe(alpha)
    expect((await freeAt(before, keys.owner)) - (await freeAt(block, keys.owner))).toBe(amount + rao(r.json.fee))
  })

  it('stake move (same subnet, to h2): both legs are the runtime’s pool arithmetic; h2 holds exactly the alpha received', async () => {
    const amount = 20n * TAO
    const r = await tao([
      'stake',
      'move',
      '-w',
      'owner',
      '-H',
      'h1',
      '--origin-netuid',
      String(netuid),
      '--dest-hotkey',
      'h2',
      '--amount',
      '20',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.move_stake')
    // move_stake takes no limit price: the default tolerance was checked here; selling and buying back through
    // one pool slips nothing beyond rounding, so it passed.
    expect(r.json.tolerance).toBe(0.005)
    expect(r.stderr).toMatch(/move_stake takes no limit price; the quote was checked here against the tolerance 0\.5000%/)
    const block = r.json.blockHash
    const seen = await poolAt(await parentOf(block), netuid)
    const sell = alphaToTao(seen, amount)
    expect(rao(r.json.expectedTao)).toBe(sell.tao)
    expect(rao(r.json.expectedAlpha)).toBe(taoToAlpha(sell.after, sell.tao).alpha)

    expect(rao(r.json.alphaUnstaked)).toBe(amount)
    const taoMoved = rao(r.json.taoMoved)
    const received = rao(r.json.alphaReceived)
    const after = await poolAt(block, netuid)
    const preTx: Pool = { taoIn: after.taoIn, alphaIn: after.alphaIn - amount + received, dynamic: true }
    const leg1 = alphaToTao(preTx, amount)
    expect(leg1.tao).toBe(taoMoved)
    expect(taoToAlpha(leg1.after, taoMoved).alpha).toBe(received)
    expect(BigInt(await at(block, 'SubtensorModule', 'Alpha', keys.h2, keys.owner, netuid))).toBe(received)
    expect(BigInt(await at(block, 'SubtensorModule', 'TotalHotkeyAlpha', keys.h2, netuid))).toBe(received)
    expect(r.json.events.map((e: any) => e.name)).toEqual(expect.arrayContaining(['StakeRemoved', 'StakeAdded', 'StakeMoved']))
  })

  it('stake remove: the amount asked, the TAO the runtime’s swap gives, and exactly that TAO on the coldkey', async () => {
    const amount = 5n * TAO
    const r = await tao([
      'stake',
      'remove',
      '-w',
      'owner',
      '-H',
      'h1',
      '--netuid',
      String(netuid),
      '--amount',
      '5',
      '--tolerance',
      '5%',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.remove_stake')
    const block = r.json.blockHash
    const before = await parentOf(block)
    expect(rao(r.json.expectedTao)).toBe(alphaToTao(await poolAt(before, netuid), amount).tao)
    expect(rao(r.json.alphaUnstaked)).toBe(amount)
    const got = rao(r.json.taoReceived)
    const after = await poolAt(block, netuid)
    expect(alphaToTao({ taoIn: after.taoIn + got, alphaIn: after.alphaIn - amount, dynamic: true }, amount).tao).toBe(got)
    expect((await freeAt(block, keys.owner)) - (await freeAt(before, keys.owner))).toBe(got - rao(r.json.fee))
  })

  it('stake remove --all unstakes the whole position the command saw', async () => {
    const r = await tao(['stake', 'remove', '-w', 'owner', '-H', 'h2', '--netuid', String(netuid), '--all', '--unsafe', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const before = await parentOf(r.json.blockHash)
    const [shares, totalShares, totalAlpha] = await Promise.all([
      at(before, 'SubtensorModule', 'Alpha', keys.h2, keys.owner, netuid),
      at(before, 'SubtensorModule', 'TotalHotkeyShares', keys.h2, netuid),
      at(before, 'SubtensorModule', 'TotalHotkeyAlpha', keys.h2, netuid),
    ])
    const held = alphaOfShares(BigInt(shares), BigInt(totalShares), BigInt(totalAlpha))
    expect(held).toBeGreaterThan(0n)
    expect(rao(r.json.alpha)).toBe(held)
    expect(rao(r.json.alphaUnstaked)).toBe(held)
  })

  it('unstaking more than is staked, or from a position that does not exist, is refused before signing (exit 1)', async () => {
    const n0 = await nonce(keys.owner)
    const more = await tao([
      'stake',
      'remove',
      '-w',
      'owner',
      '-H',
      'h1',
      '--netuid',
      String(netuid),
      '--amount',
      '1000000',
      '-y',
      '--json',
    ])
    expect(more.code).toBe(1)
    expect(more.json.error.code).toBe('NOT_ENOUGH_STAKE')
    const none = await tao(['stake', 'remove', '-w', 'owner', '-H', 'h1', '--netuid', '1', '--all', '-y', '--json'])
    expect(none.code).toBe(1)
    expect(none.json.error.code).toBe('NO_STAKE')
    expect(await nonce(keys.owner)).toBe(n0)
  })

  it('calls spec 218 lacks exit 2 naming the spec, before anything is signed (transfer_stake, swap_stake, unstake_all, limits)', async () => {
    const n0 = await nonce(keys.owner)
    const cases: Array<[string[], RegExp]> = [
      [
        [
          'stake',
          'transfer',
          '-w',
          'owner',
          '-H',
          'h1',
          '--origin-netuid',
          String(netuid),
          '--dest-coldkey',
          NEVER_REGISTERED,
          '--amount',
          '1',
        ],
        /SubtensorModule\.transfer_stake, which this runtime \(spec 218\)/,
      ],
      [
        ['stake', 'swap', '-w', 'owner', '-H', 'h1', '--origin-netuid', String(netuid), '--dest-netuid', '1', '--amount', '1'],
        /swap_stake, which this runtime \(spec 218\)/,
      ],
      [['stake', 'remove', '-w', 'owner', '-H', 'h1', '--all'], /unstake_all, which this runtime \(spec 218\)/],
      [
        ['stake', 'add', '-w', 'owner', '-H', 'h1', '--netuid', String(netuid), '--amount', '1', '--allow-partial'],
        /spec 218\) has no SubtensorModule\.add_stake_limit/,
      ],
    ]
    for (const [args, re] of cases) {
      const r = await tao([...args, '-y', '--json'])
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2)
      expect(r.json.error.code).toBe('CALL_NOT_IN_RUNTIME')
      expect(oneLine(r.stderr)).toEqual([expect.stringMatching(re)])
    }
    expect(await nonce(keys.owner)).toBe(n0)
  })

  it.each([
    ['a negative amount', ['stake', 'add', '--netuid', '1', '--amount=-1'], /negative/],
    ['an exponent', ['stake', 'add', '--netuid', '1', '--amount', '1e3'], /plain decimal number of TAO/],
    ['a non-number', ['stake', 'remove', '--netuid', '1', '--amount', 'lots'], /plain decimal number of alpha/],
    ['too many decimals', ['stake', 'add', '--netuid', '1', '--amount', '0.0000000001'], /more than 9 decimals/],
    ['zero', ['stake', 'add', '--netuid', '1', '--amount', '0'], /more than zero/],
    ['a bad tolerance', ['stake', 'add', '--netuid', '1', '--amount', '1', '--tolerance', '5e-3'], /tolerance/],
    ['an unknown hotkey name', ['stake', 'add', '-H', 'nosuch', '--netuid', '1', '--amount', '1'], /hotkey "nosuch".*not found/],
    [
      'a mistyped hotkey address',
      ['stake', 'add', '--hotkey-ss58', NEVER_REGISTERED.slice(0, -1) + 'x', '--netuid', '1', '--amount', '1'],
      /checksum|base58/,
    ],
    ['a netuid out of range', ['subnets', 'register', '--netuid', '70000'], /70000/],
    ['--amount without --netuid', ['stake', 'remove', '--amount', '1'], /--netuid/],
    [
      'children proportions above 1',
      [
        'stake',
        'child',
        'set',
        '--netuid',
        '1',
        '--children',
        `${NEVER_REGISTERED},5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty`,
        '--proportions',
        '0.6,0.5',
      ],
      /more than 1/,
    ],
    ['a take above 1', ['stake', 'child', 'take', '--netuid', '1', '--take', '1.5'], /between 0 and 1/],
  ])('refuses %s with exit 2 and one line, before connecting', async (_, args, re) => {
    const r = await runTao([...args, '-w', 'owner', '-y', '--network', 'ws://127.0.0.1:1', '--wallet-path', join(dir, 'wallets')], {
      env: { TAO_PASSWORD: PASSWORD },
    })
    expect(r.code, r.stderr).toBe(2)
    expect(oneLine(r.stderr)).toEqual([expect.stringMatching(re)])
    expect(r.stderr).not.toMatch(/cannot reach/)
  })

  it('an unknown netuid or a hotkey the chain never saw exits 2 before signing', async () => {
    const n0 = await nonce(keys.owner)
    const subnet = await tao(['stake', 'add', '-w', 'owner', '-H', 'h1', '--netuid', '999', '--amount', '1', '-y', '--json'])
    expect(subnet.code).toBe(2)
    expect(subnet.json.error.code).toBe('NO_SUCH_SUBNET')
    const hotkey = await tao([
      'stake',
      'add',
      '-w',
      'owner',
      '--hotkey-ss58',
      NEVER_REGISTERED,
      '--netuid',
      String(netuid),
      '--amount',
      '1',
      '-y',
      '--json',
    ])
    expect(hotkey.code).toBe(2)
    expect(hotkey.json.error.code).toBe('UNKNOWN_HOTKEY')
    const register = await tao(['subnets', 'register', '-w', 'owner', '-H', 'h1', '--netuid', '999', '-y', '--json'])
    expect(register.code).toBe(2)
    expect(await nonce(keys.owner)).toBe(n0)
  })

  it('stake add beyond the balance is refused before signing (exit 1); signed earlier and submitted after the balance fell, the runtime rejects it by name (NotEnoughBalanceToStake)', async () => {
    await fund(keys.poor, 5n * TAO)
    const n0 = await nonce(keys.poor)
    const over = await tao([
      'stake',
      'add',
      '-w',
      'poor',
      '--hotkey-ss58',
      keys.h1,
      '--netuid',
      String(netuid),
      '--amount',
      '6',
      '-y',
      '--json',
    ])
    expect(over.code).toBe(1)
    expect(over.json.error.code).toBe('INSUFFICIENT_BALANCE')
    expect(await nonce(keys.poor)).toBe(n0)

    const dry = await tao([
      'stake',
      'add',
      '-w',
      'poor',
      '--hotkey-ss58',
      keys.h1,
      '--netuid',
      String(netuid),
      '--amount',
      '4',
      '--unsafe',
      '--dry-run',
    ])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/^0x[0-9a-f]+\n$/)
    expect(await nonce(keys.poor)).toBe(n0)
    await fund(keys.poor, 1n * TAO)
    const sent = await runTao(['tx', 'submit', dry.stdout.trim(), '--json', '--network', net.endpoint])
    expect(sent.code, sent.stderr).toBe(1)
    expect(sent.json.status).toBe('landed')
    expect(sent.json.error.message).toMatch(/^SubtensorModule\.NotEnoughBalanceToStake: \S/)
    expect(await read('SubtensorModule', 'Alpha', keys.h1, keys.poor, netuid)).toBe(0n)

    // --all stakes what the coldkey can spare: everything but the existential deposit and the fee.
    const all = await tao([
      'stake',
      'add',
      '-w',
      'poor',
      '--hotkey-ss58',
      keys.h1,
      '--netuid',
      String(netuid),
      '--all',
      '--unsafe',
      '-y',
      '--json',
    ])
    expect(all.code, all.stderr).toBe(0)
    const ed = chain.existentialDeposit()
    expect(rao(all.json.taoStaked)).toBe(TAO - ed - rao(all.json.fee))
    expect(await freeAt(all.json.blockHash, keys.poor)).toBe(ed)
  })

  it('stake child set / get / take / revoke', async () => {
    const quarter = U64_MAX / 4n
    const set = await tao([
      'stake',
      'child',
      'set',
      '-w',
      'owner',
      '-H',
      'h1',
      '--netuid',
      String(netuid),
      '--children',
      keys.h2,
      '--proportions',
      '0.25',
      '-y',
      '--json',
    ])
    expect(set.code, set.stderr).toBe(0)
    expect(set.json.call).toBe('SubtensorModule.set_children')
    expect(await read('SubtensorModule', 'ChildKeys', keys.h1, netuid)).toEqual([[quarter, keys.h2]])
    expect(set.json.children).toEqual([{ child: keys.h2, proportion: 0.25, proportionRaw: quarter.toString() }])

    const get = await tao(['stake', 'child', 'get', '-w', 'owner', '-H', 'h2', '--netuid', String(netuid), '--json'])
    expect(get.code, get.stderr).toBe(0)
    expect(get.json.parents).toEqual([{ parent: keys.h1, proportion: 0.25, proportionRaw: quarter.toString() }])
    expect(get.json.pending).toBeNull()

    const take = await tao([
      'stake',
      'child',
      'take',
      '-w',
      'owner',
      '-H',
      'h2',
      '--netuid',
      String(netuid),
      '--take',
      '0.1',
      '-y',
      '--json',
    ])
    expect(take.code, take.stderr).toBe(0)
    expect(await read('SubtensorModule', 'ChildkeyTake', keys.h2, netuid)).toBe(6553) // ⌊0.1 × 65535⌋
    const tooHigh = await tao([
      'stake',
      'child',
      'take',
      '-w',
      'owner',
      '-H',
      'h2',
      '--netuid',
      String(netuid),
      '--take',
      '0.5',
      '-y',
      '--json',
    ])
    expect(tooHigh.code).toBe(2)
    expect(tooHigh.json.error.code).toBe('BAD_TAKE')
    const shown = await tao(['stake', 'child', 'take', '-w', 'owner', '-H', 'h2', '--netuid', String(netuid), '--json'])
    expect(shown.json).toEqual({ network: net.endpoint, hotkey: keys.h2, netuid, take: 6553 / 65535 })

    // set_children is rate-limited per hotkey and subnet: move the last one out of the way instead of waiting.
    await net.setStorage({ SubtensorModule: { TransactionKeyLastBlock: [[[keys.h1, netuid, 0], '1000000000']] } })
    const revoke = await tao(['stake', 'child', 'revoke', '-w', 'owner', '-H', 'h1', '--netuid', String(netuid), '-y', '--json'])
    expect(revoke.code, revoke.stderr).toBe(0)
    expect(await read('SubtensorModule', 'ChildKeys', keys.h1, netuid)).toEqual([])
  })

  it('children and takes the chain would refuse are refused before signing (exit 1, one line): no children to revoke, a hotkey of another coldkey', async () => {
    await fund(keys.poor, 100n * TAO)
    await net.setStorage({ SubtensorModule: { TransactionKeyLastBlock: [[[keys.h1, netuid, 0], '1000000000']] } })
    const [n0, p0] = [await nonce(keys.owner), await nonce(keys.poor)]
    // Revoking when there is nothing to revoke would be signed, paid for, and change nothing.
    const none = await tao(['stake', 'child', 'revoke', '-w', 'owner', '-H', 'h1', '--netuid', String(netuid), '-y', '--json'])
    expect(none.code, none.stderr).toBe(1)
    expect(none.json.error.code).toBe('NO_CHILDREN')
    expect(oneLine(none.stderr)).toEqual([expect.stringMatching(/has no children on subnet \d+ .*nothing to revoke; nothing was signed/)])
    // The poor coldkey does not own h1 (NonAssociatedColdKey), and nobody owns a hotkey the chain never saw.
    for (const args of [
      [
        'stake',
        'child',
        'set',
        '-w',
        'poor',
        '--hotkey-ss58',
        keys.h1,
        '--netuid',
        String(netuid),
        '--children',
        keys.h2,
        '--proportions',
        '0.5',
      ],
      ['stake', 'child', 'take', '-w', 'poor', '--hotkey-ss58', keys.h1, '--netuid', String(netuid), '--take', '0.05'],
      ['stake', 'child', 'revoke', '-w', 'poor', '--hotkey-ss58', keys.h1, '--netuid', String(netuid)],
      ['stake', 'child', 'take', '-w', 'owner', '--hotkey-ss58', NEVER_REGISTERED, '--netuid', String(netuid), '--take', '0.05'],
    ]) {
      const r = await tao([...args, '-y', '--json'])
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(1)
      expect(r.json.error.code).toBe('HOTKEY_NOT_OWNED')
      expect(oneLine(r.stderr)).toEqual([
        expect.stringMatching(/(belongs to coldkey|is not known to this chain).*NonAssociatedColdKey.*nothing was signed/),
      ])
    }
    // Children changed at the last block: spec 218 allows a change every 2 × InitialTempo blocks (TxRateLimitExceeded).
    const best = await chain.blockNumber('best')
    await net.setStorage({ SubtensorModule: { TransactionKeyLastBlock: [[[keys.h1, netuid, 0], String(best)]] } })
    const limit = 2 * Number(chain.metadata.constant('SubtensorModule', 'InitialTempo'))
    const soon = await tao([
      'stake',
      'child',
      'set',
      '-w',
      'owner',
      '-H',
      'h1',
      '--netuid',
      String(netuid),
      '--children',
      keys.h2,
      '--proportions',
      '0.5',
      '-y',
      '--json',
    ])
    expect(soon.code, soon.stderr).toBe(1)
    expect(soon.json.error.code).toBe('RATE_LIMITED')
    expect(oneLine(soon.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`changed at block ${best}.*every ${limit} blocks: wait until block ${best + limit} .*TxRateLimitExceeded`),
      ),
    ])
    expect([await nonce(keys.owner), await nonce(keys.poor)]).toEqual([n0, p0])
  })

  it('wallet set-identity / get-identity with the fields of spec 218 (no github)', async () => {
    const bad = await tao(['wallet', 'set-identity', '-w', 'owner', '--github', 'x', '-y', '--json'])
    expect(bad.code).toBe(2)
    expect(bad.json.error.message).toMatch(/spec 218.*--github/)
    const r = await tao([
      'wallet',
      'set-identity',
      '-w',
      'owner',
      '--id-name',
      'taocli owner',
      '--web-url',
      'https://example.org',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const stored = (await read('SubtensorModule', 'Identities', keys.owner)) as Record<string, Uint8Array>
    expect(new TextDecoder().decode(stored.name)).toBe('taocli owner')
    expect(new TextDecoder().decode(stored.url)).toBe('https://example.org')
    // A second update keeps the fields it does not name.
    const again = await tao(['wallet', 'set-identity', '-w', 'owner', '--description', 'runs validators', '-y', '--json'])
    expect(again.code, again.stderr).toBe(0)
    const got = await tao(['wallet', 'get-identity', '-w', 'owner', '--json'])
    expect(again.json.identity).toEqual({
      name: 'taocli owner',
      url: 'https://example.org',
      githubRepo: null,
      image: '',
      discord: '',
      description: 'runs validators',
      additional: '',
    })
    expect(got.json).toEqual({
      network: net.endpoint,
      coldkey: keys.owner,
      identity: {
        name: 'taocli owner',
        url: 'https://example.org',
        githubRepo: null,
        image: '',
        discord: '',
        description: 'runs validators',
        additional: '',
      },
    })
  })

  it('subnets set-identity: the owner sets it; another coldkey is rejected by the runtime (NotSubnetOwner)', async () => {
    const r = await tao([
      'subnets',
      'set-identity',
      '-w',
      'owner',
      '--netuid',
      String(netuid),
      '--subnet-contact',
      'ops@example.org',
      '-y',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const stored = (await read('SubtensorModule', 'SubnetIdentities', netuid)) as Record<string, Uint8Array>
    expect(new TextDecoder().decode(stored.subnet_contact)).toBe('ops@example.org')
    expect(r.json).toMatchObject({ netuid, identity: { subnetContact: 'ops@example.org', logoUrl: null } })
    // Another coldkey's subnet: the chain would refuse it (NotSubnetOwner) and keep the fee; refused here first.
    const n0 = await nonce(keys.owner)
    const other = await tao(['subnets', 'set-identity', '-w', 'owner', '--netuid', '1', '--subnet-name', 'not mine', '-y', '--json'])
    expect(other.code).toBe(1)
    expect(other.json.error.code).toBe('NOT_SUBNET_OWNER')
    expect(oneLine(other.stderr)).toEqual([
      expect.stringMatching(/subnet 1 is owned by coldkey \S+, not \S+: .*NotSubnetOwner.*nothing was signed/),
    ])
    expect(await nonce(keys.owner)).toBe(n0)
  })

  it('a password file works as well as TAO_PASSWORD', async () => {
    writeFileSync(join(dir, 'pw'), PASSWORD + '\n', { mode: 0o600 })
    const r = await runTao(
      [
        'stake',
        'add',
        '-w',
        'owner',
        '-H',
        'h1',
        '--netuid',
        String(netuid),
        '--amount',
        '1',
        '--unsafe',
        '--password-file',
        join(dir, 'pw'),
        '-y',
        '--json',
        '--network',
        net.endpoint,
        '--wallet-path',
        join(dir, 'wallets'),
      ],
      { cwd: dir },
    )
    expect(r.code, r.stderr).toBe(0)
    expect(rao(r.json.taoStaked)).toBe(TAO)
  })
})
