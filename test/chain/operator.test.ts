/**
 * The operator's commands against a real local chain (spec 218), driving the built CLI: the axon (set, the
 * runtime's refusals, reset), the owner's hyperparameters (owner vs another coldkey vs root-only, units back to
 * the runtime's integers, BadOrigin from the runtime), hotkey and coldkey swaps (the scheduled swap really runs
 * at the block it said) and the wallet overview. Every result is read back from the chain's storage, at the
 * block the transaction landed in; every refusal is shown to have signed nothing (the signer's nonce).
 * Tests run in order and share the chain.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Chain } from '../../src/node/index.js'
import { cleanEnv, runTao, taoBin } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { addStake, advanceTo, createSubnet, registerHotkey, seedPool } from '../helpers/subnet-setup.js'
import { openTerminal } from '../helpers/tmux.js'

const PASSWORD = 'operator test password 1!'
const TAO = 1_000_000_000n

// Each signing run unlocks an encrypted coldkey (argon2, seconds on a busy machine); some tests sign several times.
describe('operator commands against a real local chain', { timeout: 300_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  let netuid: number
  /** Wallets: coldkey address and mnemonic (a secret URI for the set-up's own transactions), hotkeys by name. */
  const w: Record<string, { ss58: string; uri: string; hotkeys: Record<string, string> }> = {}

  const walletPath = () => join(dir, 'wallets')
  const tao = (args: string[], env: Record<string, string> = {}) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', walletPath()], {
      env: { TAO_PASSWORD: PASSWORD, ...env },
      cwd: dir,
      timeoutMs: 240_000,
    })
  const offline = (args: string[]) =>
    runTao([...args, '-y', '--network', 'ws://127.0.0.1:1', '--wallet-path', walletPath()], { env: { TAO_PASSWORD: PASSWORD }, cwd: dir })
  /** A storage value at a block (the default when the entry is absent). */
  const at = async (hash: string, pallet: string, item: string, ...k: unknown[]): Promise<any> => {
    const info = chain.metadata.requireStorage(pallet, item)
    const raw = await chain.rpc<string | null>('state_getStorage', [info.encodeKey(...k), hash])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const rawAt = (hash: string, pallet: string, item: string, ...k: unknown[]) =>
    chain.rpc<string | null>('state_getStorage', [chain.metadata.requireStorage(pallet, item).encodeKey(...k), hash])
  const parentOf = async (hash: string): Promise<string> => (await chain.rpc<{ parentHash: string }>('chain_getHeader', [hash])).parentHash
  const hashOf = (n: number) => chain.rpc<string>('chain_getBlockHash', [n])
  const freeAt = async (hash: string, ss58: string): Promise<bigint> => BigInt((await at(hash, 'System', 'Account', ss58)).data.free)
  const nonce = async (ss58: string) => (await chain.account(ss58)).nonce
  const fund = (ss58: string, free: bigint) =>
    net.setStorage({ System: { Account: [[[ss58], { providers: 1, data: { free: free.toString() } }]] } })
  const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error:'))

  async function createWallet(name: string, hotkeys: string[] = []): Promise<void> {
    const flags = ['--wallet-path', walletPath(), '--json', '-y']
    const r = await runTao(['wallet', 'create', '-w', name, ...flags], { env: { TAO_PASSWORD: PASSWORD }, timeoutMs: 240_000 })
    expect(r.code, r.stderr).toBe(0)
    w[name] = { ss58: r.json.coldkey.ss58, uri: r.json.coldkey.mnemonic, hotkeys: { default: r.json.hotkey.ss58 } }
    for (const h of hotkeys) {
      const k = await runTao(['wallet', 'new-hotkey', '-w', name, '-H', h, ...flags])
      expect(k.code, k.stderr).toBe(0)
      w[name]!.hotkeys[h] = k.json.ss58
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-operator-'))
    net = await startLocalnet()
    chain = await connect(net.endpoint, { cache: false })
    await Promise.all([
      createWallet('owner', ['validator', 'old', 'fresh']),
      createWallet('other'),
      createWallet('leaving'),
      createWallet('arrival'),
    ])
    for (const name of ['owner', 'other', 'leaving']) await fund(w[name]!.ss58, 10_000n * TAO)
    const owner = w.owner!
    netuid = await createSubnet(chain, { owner: owner.uri, hotkey: owner.hotkeys.default! })
    await seedPool(net, netuid, { tao: 100n * TAO, alpha: 200n * TAO })
    for (const h of ['validator', 'old']) await registerHotkey(chain, netuid, { coldkey: owner.uri, hotkey: owner.hotkeys[h]! })
    await addStake(chain, { coldkey: owner.uri, hotkey: owner.hotkeys.validator!, netuid, tao: 20n * TAO })
    await addStake(chain, { coldkey: owner.uri, hotkey: owner.hotkeys.old!, netuid, tao: 5n * TAO })
    // The validator hotkey signs serve_axon and pays its fee.
    await fund(owner.hotkeys.validator!, 10n * TAO)
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  describe('axon', () => {
    it('axon set (IPv4): the axon the chain stored at the landed block is what was asked and what the report says', async () => {
      const hotkey = w.owner!.hotkeys.validator!
      const r = await tao([
        'axon',
        'set',
        '-w',
        'owner',
        '-H',
        'validator',
        '--netuid',
        String(netuid),
        '--ip',
        '203.0.113.7',
        '--port',
        '8091',
        '--version',
        '7',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.serve_axon')
      expect(r.json.signer).toBe(hotkey)
      expect(r.json.previous).toBeNull()
      const stored = await at(r.json.blockHash, 'SubtensorModule', 'Axons', netuid, hotkey)
      expect(stored).toMatchObject({ ip: 0xcb007107n, port: 8091, ip_type: 4, protocol: 4, version: 7, placeholder1: 0, placeholder2: 0 })
      expect(BigInt(stored.block)).toBe(BigInt(r.json.block))
      expect(r.json.axon).toEqual({ ip: '203.0.113.7', port: 8091, version: 7, protocol: 4, block: r.json.block })
      expect(r.json).toMatchObject({
        hotkey,
        netuid,
        uid: await at(r.json.blockHash, 'SubtensorModule', 'Uids', netuid, hotkey),
        ip: '203.0.113.7',
        ipType: 4,
        port: 8091,
      })
    })

    it('axon set (IPv6) replaces it; the preview showed the axon before', async () => {
      const hotkey = w.owner!.hotkeys.validator!
      const r = await tao([
        'axon',
        'set',
        '-w',
        'owner',
        '-H',
        'validator',
        '--netuid',
        String(netuid),
        '--ip',
        '2001:db8::7',
        '--port',
        '9000',
        '-y',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/axon now: 203\.0\.113\.7:8091 \(version 7/)
      const stored = await at(r.json.blockHash, 'SubtensorModule', 'Axons', netuid, hotkey)
      expect(stored).toMatchObject({ ip: 0x2001_0db8_0000_0000_0000_0000_0000_0007n, port: 9000, ip_type: 6, version: 0 })
      expect(r.json.previous).toMatchObject({ ip: '203.0.113.7', port: 8091 })
      expect(r.json.axon.ip).toBe('2001:db8:0:0:0:0:0:7')
    })

    it("an update within the subnet's serving rate limit, or by a hotkey not registered on the subnet, is refused before signing (exit 1)", async () => {
      const validator = w.owner!.hotkeys.validator!
      await net.setStorage({ SubtensorModule: { ServingRateLimit: [[[netuid], '1000']] } })
      const n0 = await nonce(validator)
      const limited = await tao([
        'axon',
        'set',
        '-w',
        'owner',
        '-H',
        'validator',
        '--netuid',
        String(netuid),
        '--ip',
        '203.0.113.8',
        '--port',
        '8091',
        '-y',
        '--json',
      ])
      expect(limited.code, limited.stderr).toBe(1)
      expect(limited.json.error.code).toBe('SERVING_RATE_LIMIT')
      expect(errorLines(limited.stderr)).toEqual([expect.stringMatching(/one axon update per 1000 blocks.*nothing was signed/)])
      expect(await nonce(validator)).toBe(n0)
      await net.setStorage({ SubtensorModule: { ServingRateLimit: [[[netuid], '0x0000000000000000']] } })

      const fresh = w.owner!.hotkeys.fresh!
      const f0 = await nonce(fresh)
      const unregistered = await tao([
        'axon',
        'set',
        '-w',
        'owner',
        '-H',
        'fresh',
        '--netuid',
        String(netuid),
        '--ip',
        '203.0.113.9',
        '--port',
        '8091',
        '-y',
        '--json',
      ])
      expect(unregistered.code, unregistered.stderr).toBe(1)
      expect(unregistered.json.error.code).toBe('NOT_REGISTERED')
      expect(await nonce(fresh)).toBe(f0)
      expect(await chain.storage('SubtensorModule', 'Axons', netuid, fresh)).toBeUndefined()
    })

    it('axon reset: spec 218 refuses a zero IP, so it exits 2 naming the spec, nothing signed, the axon unchanged', async () => {
      const validator = w.owner!.hotkeys.validator!
      const before = await chain.storage('SubtensorModule', 'Axons', netuid, validator)
      const n0 = await nonce(validator)
      const r = await tao(['axon', 'reset', '-w', 'owner', '-H', 'validator', '--netuid', String(netuid), '-y', '--json'])
      expect(r.code, r.stderr).toBe(2)
      expect(r.json.error.code).toBe('NOT_IN_RUNTIME')
      expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/spec 218\) refuses a zero IP address/)])
      expect(await nonce(validator)).toBe(n0)
      expect(await chain.storage('SubtensorModule', 'Axons', netuid, validator)).toEqual(before)
      // Set with the zero address the same runtime rule applies.
      const zero = await tao([
        'axon',
        'set',
        '-w',
        'owner',
        '-H',
        'validator',
        '--netuid',
        String(netuid),
        '--ip',
        '0.0.0.0',
        '--port',
        '1',
        '-y',
        '--json',
      ])
      expect(zero.code, zero.stderr).toBe(2)
      expect(zero.json.error.code).toBe('BAD_IP')
      expect(await nonce(validator)).toBe(n0)
    })

    it.each([
      ['not an address', ['--ip', '1.2.3', '--port', '1'], /IPv4 .* or IPv6/],
      ['an octet above 255', ['--ip', '1.2.3.256', '--port', '1'], /IPv4 .* or IPv6/],
      ['a bad IPv6', ['--ip', '2001:db8:::1', '--port', '1'], /IPv4 .* or IPv6/],
      ['localhost', ['--ip', '127.0.0.1', '--port', '8091'], /refuses localhost/],
      ['IPv6 localhost', ['--ip', '::1', '--port', '8091'], /refuses localhost \(::1\)/],
      ['the broadcast address', ['--ip', '255.255.255.255', '--port', '8091'], /refuses 255\.255\.255\.255/],
      ['port 0', ['--ip', '1.2.3.4', '--port', '0'], /port/],
    ])('axon set refuses %s with exit 2 before connecting', async (_, args, re) => {
      const r = await offline(['axon', 'set', '-w', 'owner', '-H', 'validator', '--netuid', '1', ...args])
      expect(r.code, r.stderr).toBe(2)
      expect(errorLines(r.stderr)).toEqual([expect.stringMatching(re)])
      expect(r.stderr).not.toMatch(/cannot reach/)
    })
  })

  describe('subnets set-hyperparameter', () => {
    const set = (name: string, value: string, wallet = 'owner', extra: string[] = []) =>
      tao([
        'subnets',
        'set-hyperparameter',
        '-w',
        wallet,
        '--netuid',
        String(netuid),
        '--name',
        name,
        '--value',
        value,
        '-y',
        '--json',
        ...extra,
      ])

    it('immunity_period by the owner: the AdminUtils call found from the metadata, current and new in the preview and report, the value stored', async () => {
      const before = await chain.storage('SubtensorModule', 'ImmunityPeriod', netuid)
      const r = await set('immunity_period', '5000')
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('AdminUtils.sudo_set_immunity_period')
      expect(r.json.signer).toBe(w.owner!.ss58)
      expect(r.stderr).toMatch(new RegExp(`immunity_period of subnet ${netuid}: ${before} blocks → 5000 blocks`))
      expect(await at(r.json.blockHash, 'SubtensorModule', 'ImmunityPeriod', netuid)).toBe(5000)
      expect(r.json).toMatchObject({
        netuid,
        name: 'immunity_period',
        unit: 'blocks',
        current: { value: before, normalized: null },
        new: { value: 5000 },
        stored: { value: 5000 },
      })
    })

    it('fractions go back to the runtime’s integers (u16 of 65535, millionths); TAO to rao; flags', async () => {
      const kappa = await set('kappa', '0.25')
      expect(kappa.code, kappa.stderr).toBe(0)
      expect(await at(kappa.json.blockHash, 'SubtensorModule', 'Kappa', netuid)).toBe(16384) // 0.25 × 65535 = 16383.75, the nearest
      expect(kappa.json.new).toEqual({ value: 16384, normalized: 16384 / 65535 })

      const bonds = await set('bonds_moving_avg', '0.9')
      expect(bonds.code, bonds.stderr).toBe(0)
      expect(bonds.json.call).toBe('AdminUtils.sudo_set_bonds_moving_average')
      expect(await at(bonds.json.blockHash, 'SubtensorModule', 'BondsMovingAverage', netuid)).toBe(900_000n)

      const burn = await set('max_burn', '50.5')
      expect(burn.code, burn.stderr).toBe(0)
      expect(await at(burn.json.blockHash, 'SubtensorModule', 'MaxBurn', netuid)).toBe(50_500_000_000n)
      expect(burn.json.stored.value).toEqual({ rao: '50500000000', tao: '50.5' })

      const flag = await set('commit_reveal_weights_enabled', 'yes')
      expect(flag.code, flag.stderr).toBe(0)
      expect(await at(flag.json.blockHash, 'SubtensorModule', 'CommitRevealWeightsEnabled', netuid)).toBe(true)
      expect(flag.json.stored).toEqual({ value: true, normalized: null })
    })

    it('a coldkey that does not own the subnet is refused before signing (exit 1), nothing changes', async () => {
      const n0 = await nonce(w.other!.ss58)
      const r = await set('immunity_period', '100', 'other')
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('NOT_SUBNET_OWNER')
      expect(errorLines(r.stderr)).toEqual([
        expect.stringMatching(new RegExp(`subnet ${netuid} is owned by ${w.owner!.ss58}.*nothing was signed`)),
      ])
      expect(await nonce(w.other!.ss58)).toBe(n0)
      expect(await chain.storage('SubtensorModule', 'ImmunityPeriod', netuid)).toBe(5000)
    })

    it('a parameter only root may set on this runtime is named as such (exit 1), nothing signed', async () => {
      const n0 = await nonce(w.owner!.ss58)
      const tempo = await chain.storage('SubtensorModule', 'Tempo', netuid)
      const r = await set('tempo', '20')
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('ROOT_ONLY')
      expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/tempo can only be set by root \(AdminUtils\.sudo_set_tempo/)])
      expect(await nonce(w.owner!.ss58)).toBe(n0)
      expect(await chain.storage('SubtensorModule', 'Tempo', netuid)).toBe(tempo)
    })

    it('a name the subnet does not have exits 2 listing the settable ones; values that do not fit exit 2; nothing signed', async () => {
      const n0 = await nonce(w.owner!.ss58)
      const unknown = await set('immunity', '5')
      expect(unknown.code, unknown.stderr).toBe(2)
      expect(unknown.json.error.code).toBe('UNKNOWN_HYPERPARAMETER')
      const [line] = errorLines(unknown.stderr)
      expect(line).toMatch(/no hyperparameter "immunity"; the subnet owner can set: .*immunity_period.*; only root: .*tempo/)
      expect(line!.split('only root:')[0]).not.toMatch(/\btempo\b/)
      for (const [name, value, re] of [
        ['kappa', '1.5', /between 0 and 1/],
        ['kappa', '-0.5', /cannot be negative/],
        ['immunity_period', '12.5', /whole number of blocks/],
        ['immunity_period', '70000', /70000/],
        ['commit_reveal_weights_enabled', 'maybe', /yes or no/],
        ['max_burn', '1e3', /TAO/],
      ] as const) {
        const r = await set(name, value)
        expect(r.code, `${name}=${value}: ${r.stderr}`).toBe(2)
        expect(errorLines(r.stderr)).toEqual([expect.stringMatching(re)])
      }
      expect(await nonce(w.owner!.ss58)).toBe(n0)
    })

    it("signed by the owner, submitted after the subnet changed hands: the runtime's BadOrigin is reported by name and nothing changes", async () => {
      const dry = await tao([
        'subnets',
        'set-hyperparameter',
        '-w',
        'owner',
        '--netuid',
        String(netuid),
        '--name',
        'immunity_period',
        '--value',
        '42',
        '--dry-run',
      ])
      expect(dry.code, dry.stderr).toBe(0)
      await net.setStorage({ SubtensorModule: { SubnetOwner: [[[netuid], w.other!.ss58]] } })
      try {
        const sent = await runTao(['tx', 'submit', dry.stdout.trim(), '--json', '--network', net.endpoint])
        expect(sent.code, sent.stderr).toBe(1)
        expect(sent.json.status).toBe('landed')
        expect(sent.json.dispatchError.name).toBe('BadOrigin')
        expect(sent.json.error.message).toMatch(/BadOrigin/)
        expect(await at(sent.json.blockHash, 'SubtensorModule', 'ImmunityPeriod', netuid)).toBe(5000)
      } finally {
        await net.setStorage({ SubtensorModule: { SubnetOwner: [[[netuid], w.owner!.ss58]] } })
      }
    })
  })

  describe('wallet swap-hotkey', () => {
    it('the cost is shown first; the registration and stake move to the new hotkey; the coldkey paid exactly the cost and the fee', async () => {
      const { old, fresh } = w.owner!.hotkeys as { old: string; fresh: string }
      const cost = BigInt(chain.metadata.constant('SubtensorModule', 'KeySwapCost') as bigint)
      const uid = await chain.storage('SubtensorModule', 'Uids', netuid, old)
      const r = await tao(['wallet', 'swap-hotkey', '-w', 'owner', '-H', 'old', '--new-hotkey', 'fresh', '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.swap_hotkey')
      expect(r.stderr).toMatch(/cost τ1, taken from the coldkey and burned/)
      expect(r.json).toMatchObject({
        coldkey: w.owner!.ss58,
        oldHotkey: old,
        newHotkey: fresh,
        netuid: null,
        subnets: [netuid],
        cost: { rao: cost.toString() },
      })
      const block = r.json.blockHash
      expect(await at(block, 'SubtensorModule', 'Owner', fresh)).toBe(w.owner!.ss58)
      expect(await at(block, 'SubtensorModule', 'Uids', netuid, fresh)).toBe(uid)
      expect(await at(block, 'SubtensorModule', 'Uids', netuid, old)).toBeUndefined()
      expect(await at(block, 'SubtensorModule', 'IsNetworkMember', fresh, netuid)).toBe(true)
      expect(BigInt(await at(block, 'SubtensorModule', 'TotalHotkeyAlpha', fresh, netuid))).toBeGreaterThan(0n)
      expect(r.json.uids).toEqual([{ netuid, uid }])
      expect(r.json.newHotkeyOwner).toBe(w.owner!.ss58)
      expect(BigInt(r.json.costPaid.rao)).toBe(cost)
      expect((await freeAt(await parentOf(block), w.owner!.ss58)) - (await freeAt(block, w.owner!.ss58))).toBe(
        cost + BigInt(r.json.fee.rao),
      )
    })

    it('refusals before signing: the same key (exit 2), a netuid spec 218 does not take (exit 2), a new hotkey already registered, a hotkey of another coldkey, the rate limit (exit 1)', async () => {
      const n0 = await nonce(w.owner!.ss58)
      const same = await offline(['wallet', 'swap-hotkey', '-w', 'owner', '-H', 'fresh', '--new-hotkey', 'fresh'])
      expect(same.code, same.stderr).toBe(2)
      expect(errorLines(same.stderr)).toEqual([expect.stringMatching(/--new-hotkey is the hotkey being swapped/)])

      const withNetuid = await tao([
        'wallet',
        'swap-hotkey',
        '-w',
        'owner',
        '-H',
        'fresh',
        '--new-hotkey',
        'old',
        '--netuid',
        String(netuid),
        '-y',
        '--json',
      ])
      expect(withNetuid.code, withNetuid.stderr).toBe(2)
      expect(withNetuid.json.error.message).toMatch(/spec 218\) swaps a hotkey on every subnet at once/)

      const registered = await tao(['wallet', 'swap-hotkey', '-w', 'owner', '-H', 'validator', '--new-hotkey', 'fresh', '-y', '--json'])
      expect(registered.code, registered.stderr).toBe(1)
      expect(registered.json.error.code).toBe('HOTKEY_REGISTERED')

      const o0 = await nonce(w.other!.ss58)
      const notMine = await tao([
        'wallet',
        'swap-hotkey',
        '-w',
        'other',
        '--hotkey-ss58',
        w.owner!.hotkeys.validator!,
        '--new-hotkey',
        'default',
        '-y',
        '--json',
      ])
      expect(notMine.code, notMine.stderr).toBe(1)
      expect(notMine.json.error.code).toBe('NOT_HOTKEY_OWNER')
      expect(await nonce(w.other!.ss58)).toBe(o0)

      // The coldkey's last rate-limited transaction was the swap above: with a limit of 1000 blocks the next waits.
      await net.setStorage({ SubtensorModule: { TxRateLimit: '1000' } })
      try {
        const limited = await tao(['wallet', 'swap-hotkey', '-w', 'owner', '-H', 'fresh', '--new-hotkey', 'old', '-y', '--json'])
        expect(limited.code, limited.stderr).toBe(1)
        expect(limited.json.error.code).toBe('TX_RATE_LIMIT')
      } finally {
        await net.setStorage({ SubtensorModule: { TxRateLimit: '0x0000000000000000' } })
      }
      expect(await nonce(w.owner!.ss58)).toBe(n0)
    })
  })

  describe('wallet swap-coldkey (spec 218: scheduled)', () => {
    const DELAY = 4

    beforeAll(async () => {
      const leaving = w.leaving!
      await registerHotkey(chain, netuid, { coldkey: leaving.uri, hotkey: leaving.hotkeys.default! })
      await addStake(chain, { coldkey: leaving.uri, hotkey: leaving.hotkeys.default!, netuid, tao: 3n * TAO })
      await net.setStorage({ SubtensorModule: { ColdkeySwapScheduleDuration: DELAY } })
    }, 300_000)

    it('without -y it asks for the new coldkey’s last 6 characters to be typed: a wrong answer cancels, nothing signed', async () => {
      const n0 = await nonce(w.leaving!.ss58)
      const command = [
        'node',
        taoBin,
        'wallet',
        'swap-coldkey',
        '-w',
        'leaving',
        '--new-coldkey',
        'arrival',
        '--network',
        net.endpoint,
        '--wallet-path',
        walletPath(),
      ]
      const term = await openTerminal({
        columns: 200,
        rows: 50,
        dir,
        env: { ...cleanEnv(), TAO_PASSWORD: PASSWORD },
        script: [command.map((a) => `'${a}'`).join(' '), 'printf \'EXIT=%s\\n\' "$?"', 'sleep 600'].join('\n'),
      })
      try {
        await term.waitFor((s) => /last 6 characters to confirm/.test(s), 'the typed confirmation', 120_000)
        expect(await term.waitFor((s) => s.includes(w.arrival!.ss58), 'the new coldkey in the preview')).toMatch(/schedule_swap_coldkey/)
        await term.text('y')
        await term.keys('Enter')
        const screen = await term.waitFor((s) => /EXIT=\d+/.test(s), 'the exit')
        expect(screen).toMatch(/cancelled; nothing was signed/)
        expect(screen).toMatch(/EXIT=2/)
      } finally {
        await term.close()
      }
      expect(await nonce(w.leaving!.ss58)).toBe(n0)
    })

    it('schedules the swap, says the block it runs at, and the runtime swaps at exactly that block', async () => {
      const { leaving, arrival } = w as Record<string, { ss58: string; hotkeys: Record<string, string> }>
      const hotkey = leaving!.hotkeys.default!
      const r = await tao(['wallet', 'swap-coldkey', '-w', 'leaving', '--new-coldkey', 'arrival', '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.call).toBe('SubtensorModule.schedule_swap_coldkey')
      expect(r.json).toMatchObject({ coldkey: leaving!.ss58, newColdkey: arrival!.ss58, flow: 'schedule', step: 'schedule' })
      expect(r.json.executesAt).toBe(r.json.block + DELAY)
      expect(r.stderr).toMatch(new RegExp(`swaps it at block ${r.json.block + DELAY}`))
      expect(await rawAt(r.json.blockHash, 'SubtensorModule', 'ColdkeySwapScheduled', leaving!.ss58)).not.toBeNull()

      // Scheduled already: refused before signing.
      const n0 = await nonce(leaving!.ss58)
      const again = await tao(['wallet', 'swap-coldkey', '-w', 'leaving', '--new-coldkey', 'arrival', '-y', '--json'])
      expect(again.code, again.stderr).toBe(1)
      expect(again.json.error.code).toBe('SWAP_ALREADY_SCHEDULED')
      expect(await nonce(leaving!.ss58)).toBe(n0)

      const cost = BigInt(chain.metadata.constant('SubtensorModule', 'KeySwapCost') as bigint)
      await advanceTo(net, chain, r.json.executesAt)
      const swapped = await hashOf(r.json.executesAt)
      const before = await parentOf(swapped)
      expect(await at(before, 'SubtensorModule', 'Owner', hotkey)).toBe(leaving!.ss58)
      expect(await at(swapped, 'SubtensorModule', 'Owner', hotkey)).toBe(arrival!.ss58)
      expect(await at(swapped, 'SubtensorModule', 'StakingHotkeys', arrival!.ss58)).toContain(hotkey)
      // The stake moved with it (the block's own emission may add to it).
      const staked = BigInt(await at(before, 'SubtensorModule', 'Alpha', hotkey, leaving!.ss58, netuid))
      expect(staked).toBeGreaterThan(0n)
      expect(BigInt(await at(swapped, 'SubtensorModule', 'Alpha', hotkey, arrival!.ss58, netuid))).toBeGreaterThanOrEqual(staked)
      expect(BigInt(await at(swapped, 'SubtensorModule', 'Alpha', hotkey, leaving!.ss58, netuid))).toBe(0n)
      expect(await rawAt(swapped, 'SubtensorModule', 'ColdkeySwapScheduled', leaving!.ss58)).toBeNull()
      expect(await freeAt(swapped, arrival!.ss58)).toBe((await freeAt(before, leaving!.ss58)) - cost)
      expect(await freeAt(swapped, leaving!.ss58)).toBe(0n)
    })

    it('a new coldkey the chain already uses is refused before signing (exit 1)', async () => {
      const n0 = await nonce(w.other!.ss58)
      const r = await tao(['wallet', 'swap-coldkey', '-w', 'other', '--new-coldkey', w.owner!.ss58, '-y', '--json'])
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('COLDKEY_IN_USE')
      const hot = await tao(['wallet', 'swap-coldkey', '-w', 'other', '--new-coldkey', w.owner!.hotkeys.validator!, '-y', '--json'])
      expect(hot.code, hot.stderr).toBe(1)
      expect(hot.json.error.code).toBe('COLDKEY_IS_HOTKEY')
      // A scheduled swap the coldkey could not pay when it runs would fail and stay scheduled: refused now.
      // (Its nonce is kept: funding through storage writes the whole account.)
      await net.setStorage({ System: { Account: [[[w.other!.ss58], { nonce: n0, providers: 1, data: { free: (TAO / 2n).toString() } }]] } })
      const unused = w.arrival!.hotkeys.default! // a key the chain never saw
      const poor = await tao(['wallet', 'swap-coldkey', '-w', 'other', '--new-coldkey', unused, '-y', '--json'])
      expect(poor.code, poor.stderr).toBe(1)
      expect(poor.json.error.code).toBe('INSUFFICIENT_BALANCE')
      expect(await nonce(w.other!.ss58)).toBe(n0)
    })
  })

  describe('wallet overview', () => {
    it('every hotkey of the wallet on every subnet where it is registered, at one block, as the chain stores it', async () => {
      const r = await tao(['wallet', 'overview', '-w', 'owner', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.coldkey).toBe(w.owner!.ss58)
      const hash = await hashOf(r.json.block)
      const owner = w.owner!.hotkeys
      const registered = [owner.default!, owner.validator!, owner.fresh!]
      expect(r.json.neurons.map((n: any) => [n.netuid, n.hotkey]).sort()).toEqual(registered.map((h) => [netuid, h]).sort())
      const [emission, lastUpdate, permits, rank, incentive] = await Promise.all(
        ['Emission', 'LastUpdate', 'ValidatorPermit', 'Rank', 'Incentive'].map((item) => at(hash, 'SubtensorModule', item, netuid)),
      )
      for (const n of r.json.neurons) {
        const uid = await at(hash, 'SubtensorModule', 'Uids', netuid, n.hotkey)
        expect(n.uid).toBe(uid)
        expect(n.hotkeyName).toBe(Object.entries(owner).find(([, s]) => s === n.hotkey)![0])
        expect(n.wallet).toBe('owner')
        expect(BigInt(n.alphaStake.rao)).toBe(BigInt(await at(hash, 'SubtensorModule', 'TotalHotkeyAlpha', n.hotkey, netuid)))
        expect(BigInt(n.emission.rao)).toBe(BigInt(emission[uid] ?? 0))
        expect(n.lastUpdate).toBe(Number(lastUpdate[uid] ?? 0))
        expect(n.validatorPermit).toBe(permits[uid] ?? false)
        expect(n.rank).toBe((rank[uid] ?? 0) / 65535)
        expect(n.incentive).toBe((incentive[uid] ?? 0) / 65535)
      }
      const validator = r.json.neurons.find((n: any) => n.hotkey === owner.validator)
      expect(validator.axon).toMatchObject({ ip: '2001:db8:0:0:0:0:0:7', port: 9000 })
      const sum = (pick: (n: any) => string) => r.json.neurons.reduce((s: bigint, n: any) => s + BigInt(pick(n)), 0n)
      expect(r.json.totals.neurons).toBe(3)
      expect(BigInt(r.json.totals.stakeSwapValue.rao)).toBe(sum((n) => n.stakeSwapValue.rao))
      expect(r.json.totals.bySubnet).toEqual([
        expect.objectContaining({
          netuid,
          neurons: 3,
          alphaStake: expect.objectContaining({ rao: sum((n) => n.alphaStake.rao).toString() }),
        }),
      ])
      const text = await tao(['wallet', 'overview', '-w', 'owner'])
      expect(text.code, text.stderr).toBe(0)
      expect(text.stdout).toMatch(new RegExp(`Subnet ${netuid}`))
      expect(text.stdout).toMatch(/validator/)
    })

    it('--all: every wallet; a hotkey a coldkey owns on chain without its file is listed too; a wallet with none has no rows', async () => {
      const all = await tao(['wallet', 'overview', '--all', '--json'])
      expect(all.code, all.stderr).toBe(0)
      expect(all.json.coldkey).toBeNull()
      expect(all.json.wallets.map((x: any) => x.wallet)).toEqual(['arrival', 'leaving', 'other', 'owner'])
      const leavingHotkey = w.leaving!.hotkeys.default!
      // The swapped coldkey's hotkey: its file is in wallet "leaving", its owner on chain is now "arrival".
      expect(all.json.neurons.find((n: any) => n.hotkey === leavingHotkey)).toMatchObject({
        wallet: 'leaving',
        hotkeyName: 'default',
        coldkey: w.arrival!.ss58,
      })
      expect(all.json.totals.neurons).toBe(4)

      const arrivalOnly = await tao(['wallet', 'overview', '-w', 'arrival', '--json'])
      expect(arrivalOnly.code, arrivalOnly.stderr).toBe(0)
      expect(arrivalOnly.json.neurons).toEqual([
        expect.objectContaining({ wallet: 'arrival', hotkeyName: null, hotkey: leavingHotkey, netuid }),
      ])

      const none = await tao(['wallet', 'overview', '-w', 'other', '--json'])
      expect(none.code, none.stderr).toBe(0)
      expect(none.json.neurons).toEqual([])
      expect(none.json.totals).toEqual({ neurons: 0, stakeSwapValue: { rao: '0', tao: '0' }, bySubnet: [] })
    })
  })
})
