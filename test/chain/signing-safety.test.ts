/**
 * Habits from btcli's users, against a real local chain (spec 218), driving the built CLI: a transfer to a hotkey
 * is refused under -y unless --allow-hotkey-dest (nothing signed: the nonce and balances), dev keys with --uri on
 * a local chain (and never on a live network), and btwallet's BT_PW_<key file> password variables.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { ss58Of } from '../helpers/subnet-setup.js'

const PASSWORD = 'safety test password 1!'
const TAO = 1_000_000_000n
const HOTKEY = ss58Of('//Ferdie//hotkey')

describe('transfer to a hotkey, --uri dev keys, BT_PW_ variables', { timeout: 300_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  let coldkey = ''

  const walletPath = () => join(dir, 'wallets')
  const tao = (args: string[], env: Record<string, string> = { TAO_PASSWORD: PASSWORD }) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', walletPath()], { env, cwd: dir, timeoutMs: 240_000 })
  const account = (ss58: string) => chain.account(ss58)
  const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Error:'))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-safety-'))
    net = await startLocalnet()
    chain = await connect(net.endpoint, { cache: false })
    const r = await runTao(['wallet', 'create', '-w', 'sender', '--wallet-path', walletPath(), '--json', '-y'], {
      env: { TAO_PASSWORD: PASSWORD },
      timeoutMs: 240_000,
    })
    expect(r.code, r.stderr).toBe(0)
    coldkey = r.json.coldkey.ss58
    const funded = (ss58: string) => [[ss58], { providers: 1, data: { free: (1000n * TAO).toString() } }]
    // The hotkey is known to the chain: SubtensorModule.Owner names its coldkey (Ferdie).
    await net.setStorage({
      System: { Account: [funded(coldkey), funded(ss58Of('//Bob'))] },
      SubtensorModule: { Owner: [[[HOTKEY], ss58Of('//Ferdie')]] },
    })
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('wallet transfer -y to a registered hotkey is refused (exit 1) and signs nothing; --dry-run too', async () => {
    const [n0, d0] = [(await account(coldkey)).nonce, (await account(HOTKEY)).free]
    for (const extra of [['-y'], ['--dry-run']]) {
      const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', HOTKEY, '--amount', '1', ...extra, '--json'])
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error.code).toBe('HOTKEY_DESTINATION')
      expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/is a hotkey \(owned by coldkey 5.*--allow-hotkey-dest/)])
    }
    expect((await account(coldkey)).nonce).toBe(n0)
    expect((await account(HOTKEY)).free).toBe(d0)
  })

  it('with --allow-hotkey-dest it is sent, the preview warned, and the JSON says the destination is a hotkey', async () => {
    const d0 = (await account(HOTKEY)).free
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', HOTKEY, '--amount', '1', '--allow-hotkey-dest', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/warning: the destination is a hotkey/)
    expect(r.json.destinationIsHotkey).toBe(true)
    expect((await account(HOTKEY)).free - d0).toBe(TAO)
  })

  it('a transfer to an ordinary account says destinationIsHotkey false and asks nothing more', async () => {
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', ss58Of('//Dave'), '--amount', '1', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.destinationIsHotkey).toBe(false)
  })

  it('--uri //Bob signs with the dev key on a local chain: no wallet, no password', async () => {
    const bob = ss58Of('//Bob')
    const [n0, d0] = [(await account(bob)).nonce, (await account(ss58Of('//Eve'))).free]
    const r = await tao(['wallet', 'transfer', '--uri', '//Bob', '--dest', ss58Of('//Eve'), '--amount', '2', '-y', '--json'], {})
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.signer).toBe(bob)
    expect(r.json.from).toBe(bob)
    expect(r.stderr).toMatch(/development key \/\/Bob/)
    expect((await account(bob)).nonce).toBe(n0 + 1)
    expect((await account(ss58Of('//Eve'))).free - d0).toBe(2n * TAO)
  })

  it('--uri is refused on live networks and for anything but a //dev derivation (exit 2, before connecting)', async () => {
    for (const network of ['finney', 'test', 'wss://entrypoint-finney.opentensor.ai:443']) {
      const r = await runTao(
        ['wallet', 'transfer', '--uri', '//Alice', '--dest', ss58Of('//Eve'), '--amount', '1', '-y', '--json', '--network', network],
        { cwd: dir },
      )
      expect(r.code, r.stderr).toBe(2)
      expect(r.json.error.code).toBe('URI_ON_LIVE_NETWORK')
      expect(r.stderr).not.toMatch(/connecting/)
    }
    const phrase = await tao([
      'wallet',
      'transfer',
      '--uri',
      'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice',
      '--dest',
      ss58Of('//Eve'),
      '--amount',
      '1',
      '-y',
      '--json',
    ])
    expect(phrase.code).toBe(2)
    expect(phrase.json.error.code).toBe('BAD_URI')
  })

  it("btwallet's BT_PW_<coldkey file> variable unlocks the coldkey (no TAO_PASSWORD)", async () => {
    const file = resolve(walletPath(), 'sender', 'coldkey')
    // btwallet's rule: BT_PW_ + the path upper-cased with separators and dots as _, the value base64(password XOR name).
    const name = `BT_PW_${file.replace(/[/.]/g, '_').toUpperCase()}`
    const key = Buffer.from(name)
    const value = Buffer.from(Buffer.from(PASSWORD).map((b, i) => b ^ key[i % key.length]!)).toString('base64')
    const n0 = (await account(coldkey)).nonce
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', ss58Of('//Dave'), '--amount', '1', '-y', '--json'], {
      [name]: value,
    })
    expect(r.code, r.stderr).toBe(0)
    expect((await account(coldkey)).nonce).toBe(n0 + 1)
    const wrong = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', ss58Of('//Dave'), '--amount', '1', '-y', '--json'], {
      [name]: Buffer.from('not the password').toString('base64'),
      TAO_PASSWORD: PASSWORD,
    })
    // The key's own variable comes first: a wrong one is not rescued by TAO_PASSWORD.
    expect(wrong.code).toBe(4)
  })
})
