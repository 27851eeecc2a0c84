import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { seedPool, setStakeShares, TAO } from '../helpers/subnet-setup.js'
import { amountJson } from '../../src/core/amount.js'
import { alphaToTao } from '../../src/subtensor/stake/pool.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

describe('wallet balance against a real local chain', () => {
  let net: Localnet
  let wallets: string
  const tao = (args: string[], env: Record<string, string> = {}) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', wallets], { env })

  beforeAll(async () => {
    wallets = join(mkdtempSync(join(tmpdir(), 'tao-balance-')), 'wallets')
    net = await startLocalnet({ fund: { [BOB]: 42n * TAO + 5n } })
    for (const [name, ss58] of [
      ['alice', ALICE],
      ['bob', BOB],
    ] as const) {
      const r = await runTao(['wallet', 'regen-coldkeypub', '-w', name, '--ss58', ss58, '--wallet-path', wallets, '--json'])
      expect(r.code, r.stderr).toBe(0)
    }
    // Bob stakes 5 alpha on subnet 1 through Alice's hotkey; the pool prices alpha at 0.5 TAO. Alpha holds
    // shares: Bob's 4 of the hotkey's 8 shares of its 10 alpha are 5 alpha.
    await setStakeShares(net, { coldkey: BOB, hotkey: ALICE, netuid: 1, shares: 4n * TAO, hotkeyShares: 8n * TAO, hotkeyAlpha: 10n * TAO })
    await seedPool(net, 1, { tao: 100n * TAO, alpha: 200n * TAO })
  })
  afterAll(() => net?.stop())

  it('shows free, reserved and stake per subnet with what unstaking pays and its spot value, as exact strings', async () => {
    const r = await tao(['wallet', 'balance', '-w', 'bob', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [bob] = r.json.accounts
    expect(bob).toMatchObject({
      wallet: 'bob',
      wallets: ['bob'],
      coldkey: BOB,
      free: { rao: '42000000005', tao: '42.000000005' },
      reserved: { rao: '0', tao: '0' },
      stakeUnavailable: null,
    })
    // Selling 5 alpha into 100 TAO / 200 alpha pays what the runtime's constant product gives, less than 5 × 0.5.
    const swap = alphaToTao({ taoIn: 100n * TAO, alphaIn: 200n * TAO, dynamic: true }, 5n * TAO).tao
    expect(swap).toBeLessThan(2_500_000_000n)
    expect(bob.stakes).toEqual([
      {
        hotkey: ALICE,
        netuid: 1,
        alpha: { rao: '5000000000', tao: '5' },
        spotValue: { rao: '2500000000', tao: '2.5' },
        swapValue: amountJson(swap),
      },
    ])
    expect(r.json.block).toBe(parseInt((await net.rpc('chain_getHeader', [])).number, 16))
    expect(bob.stakedSpotValue).toEqual({ rao: '2500000000', tao: '2.5' })
    expect(bob.stakedSwapValue).toEqual(amountJson(swap))
    expect(bob.total).toEqual(amountJson(42n * TAO + 5n + swap))
  })

  it('--all covers every wallet, with totals', async () => {
    const r = await tao(['wallet', 'balance', '--all', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.accounts.map((w: any) => w.wallet).sort()).toEqual(['alice', 'bob'])
    const alice = r.json.accounts.find((w: any) => w.wallet === 'alice')
    expect(BigInt(r.json.totals.free.rao)).toBe(BigInt(alice.free.rao) + 42n * TAO + 5n)
    expect(r.json.totals.stakedSpotValue.rao).toBe('2500000000')
    expect(r.json.totals.stakedSwapValue.rao).toBe(
      alphaToTao({ taoIn: 100n * TAO, alphaIn: 200n * TAO, dynamic: true }, 5n * TAO).tao.toString(),
    )
    const human = await tao(['wallet', 'balance', '--all'])
    expect(human.stdout).toContain('TOTAL')
    expect(human.stdout).toContain('subnet 1')
  })

  it('--all counts an address two wallets share once, naming both', async () => {
    const twin = await runTao(['wallet', 'regen-coldkeypub', '-w', 'bob-twin', '--ss58', BOB, '--wallet-path', wallets, '--json'])
    expect(twin.code, twin.stderr).toBe(0)
    try {
      const r = await tao(['wallet', 'balance', '--all', '--ss58', BOB, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const bobs = r.json.accounts.filter((w: any) => w.coldkey === BOB)
      expect(bobs).toHaveLength(1)
      expect(bobs[0]).toMatchObject({ wallet: 'bob', wallets: ['bob', 'bob-twin'] })
      const alice = r.json.accounts.find((w: any) => w.wallet === 'alice')
      expect(BigInt(r.json.totals.free.rao)).toBe(BigInt(alice.free.rao) + 42n * TAO + 5n)
      expect(r.json.totals.stakedSpotValue.rao).toBe('2500000000')
      const human = await tao(['wallet', 'balance', '--all'])
      expect(human.stdout).toContain('bob, bob-twin')
    } finally {
      rmSync(join(wallets, 'bob-twin'), { recursive: true, force: true })
    }
  })

  it("warns when a wallet's coldkeypub.txt is not its coldkey (the balance shown is the public file's)", async () => {
    const words = join(wallets, '..', 'words')
    writeFileSync(words, 'bottom drive obey lake curtain smoke basket hold race lonely fit walk')
    const made = await runTao([
      'wallet',
      'regen-coldkey',
      '-w',
      'odd',
      '--mnemonic-file',
      words,
      '--no-password',
      '--wallet-path',
      wallets,
      '--no-prompt',
      '--json',
    ])
    expect(made.code, made.stderr).toBe(0)
    const pub = await runTao([
      'wallet',
      'regen-coldkeypub',
      '-w',
      'odd',
      '--ss58',
      BOB,
      '--overwrite',
      '--allow-mismatch',
      '--wallet-path',
      wallets,
      '--json',
    ])
    expect(pub.code, pub.stderr).toBe(0)
    try {
      const r = await tao(['wallet', 'balance', '-w', 'odd', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.accounts[0].coldkey).toBe(BOB)
      expect(r.json.warnings).toEqual([expect.stringMatching(/wallet "odd": coldkeypub.txt .* does not match the coldkey/)])
      expect(r.stderr).toMatch(/does not match/)
    } finally {
      rmSync(join(wallets, 'odd'), { recursive: true, force: true })
    }
  })

  it('reads any address with --ss58; refuses a bad one (exit 2) and an unknown wallet (exit 2)', async () => {
    const r = await tao(['wallet', 'balance', '--ss58', ALICE, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.accounts[0]).toMatchObject({ wallet: null, wallets: [], coldkey: ALICE })
    expect((await tao(['wallet', 'balance', '--ss58', ALICE.slice(0, -1) + 'Z'])).code).toBe(2)
    expect((await tao(['wallet', 'balance', '-w', 'nobody'])).code).toBe(2)
  })

  it('an unreachable node exits 3 quickly', async () => {
    const r = await runTao(['wallet', 'balance', '--ss58', ALICE, '--network', 'ws://127.0.0.1:1'], {
      env: { TAO_CONNECT_TIMEOUT: '2000' },
    })
    expect(r.code).toBe(3)
  })
})
