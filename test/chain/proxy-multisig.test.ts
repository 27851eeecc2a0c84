import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const TAO = 1_000_000_000n
const DEST = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy' // //Dave

describe('proxies and multisig against a real local chain', { timeout: 300_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  const w: Record<string, string> = {}
  const walletPath = () => join(dir, 'wallets')
  const tao = (args: string[]) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', walletPath()], {
      env: { TAO_CONFIG_DIR: join(dir, 'config') },
      cwd: dir,
      timeoutMs: 240_000,
    })
  const read = (args: string[]) => runTao([...args, '--network', net.endpoint], { cwd: dir })
  const offline = (args: string[]) => runTao(args, { env: { TAO_CONFIG_DIR: join(dir, 'config') }, cwd: dir })
  const fund = (ss58: string, free: bigint) =>
    net.setStorage({ System: { Account: [[[ss58], { providers: 1, data: { free: free.toString() } }]] } })
  const free = async (ss58: string) => (await chain.account(ss58)).free
  const nonce = async (ss58: string) => (await chain.account(ss58)).nonce
  const proxiesOf = async (ss58: string) =>
    (await chain.storage('Proxy', 'Proxies', ss58)) as [Array<{ delegate: string; proxy_type: { type: string }; delay: number }>, bigint]

  async function createWallet(name: string): Promise<void> {
    const r = await runTao(['wallet', 'create', '-w', name, '--no-password', '--wallet-path', walletPath(), '--json', '-y'], {
      timeoutMs: 240_000,
    })
    expect(r.code, r.stderr).toBe(0)
    w[name] = r.json.coldkey.ss58
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-proxy-'))
    net = await startLocalnet()
    chain = await connect(net.endpoint, { cache: false })
    for (const name of ['real', 'delegate', 'staker', 'a', 'b', 'c']) await createWallet(name)
    for (const name of ['real', 'delegate', 'staker', 'a', 'b', 'c']) await fund(w[name]!, 1_000n * TAO)
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('proxy add records the proxy (Proxy.Proxies), proxy list shows it, and a transfer with --proxy moves the real account’s funds', async () => {
    const add = await tao(['proxy', 'add', '-w', 'real', '--delegate', w.delegate!, '--type', 'transfer', '-y', '--json'])
    expect(add.code, add.stderr).toBe(0)
    expect(add.json.call).toBe('Proxy.add_proxy')
    expect(add.json.type).toBe('Transfer')
    const [defs, deposit] = await proxiesOf(w.real!)
    expect(defs.map((d) => [d.delegate, d.proxy_type.type, Number(d.delay)])).toEqual([[w.delegate, 'Transfer', 0]])
    expect(add.json.deposit.rao).toBe(deposit.toString())

    const staking = await tao(['proxy', 'add', '-w', 'real', '--delegate', w.staker!, '--type', 'Staking', '-y', '--json'])
    expect(staking.code, staking.stderr).toBe(0)

    const list = await read(['proxy', 'list', '--ss58', w.real!, '--json'])
    expect(list.code, list.stderr).toBe(0)
    const [defs2, deposit2] = await proxiesOf(w.real!)
    expect(list.json.proxies).toEqual(defs2.map((d) => ({ delegate: d.delegate, type: d.proxy_type.type, delay: Number(d.delay) })))
    expect(list.json.deposit.rao).toBe(deposit2.toString())

    const [real0, dest0, dele0] = [await free(w.real!), await free(DEST), await free(w.delegate!)]
    const r = await tao(['wallet', 'transfer', '-w', 'delegate', '--proxy', w.real!, '--dest', DEST, '--amount', '2', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('Proxy.proxy')
    expect(r.json.innerCall).toBe('Balances.transfer_keep_alive')
    expect(r.json.proxy).toMatchObject({ real: w.real, type: 'Transfer', announced: false })
    expect(r.json.from).toBe(w.real)
    expect(r.json.amount.rao).toBe((2n * TAO).toString())
    expect(await free(DEST)).toBe(dest0 + 2n * TAO)
    expect(await free(w.real!)).toBe(real0 - 2n * TAO)
    expect(await free(w.delegate!)).toBe(dele0 - BigInt(r.json.fee.rao))
  })

  it('a Staking proxy is refused a transfer before signing (exit 1), and so is an account that is no proxy at all', async () => {
    const n = await nonce(w.staker!)
    const r = await tao(['wallet', 'transfer', '-w', 'staker', '--proxy', w.real!, '--dest', DEST, '--amount', '1', '-y'])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toMatch(/Staking proxy may not make Balances\.transfer_keep_alive/)
    expect(await nonce(w.staker!)).toBe(n)

    const m = await nonce(w.a!)
    const none = await tao(['wallet', 'transfer', '-w', 'a', '--proxy', w.real!, '--dest', DEST, '--amount', '1', '-y'])
    expect(none.code, none.stderr).toBe(1)
    expect(none.stderr).toMatch(/is not a proxy of/)
    expect(await nonce(w.a!)).toBe(m)
  })

  it.each([
    ['an unknown --proxy name', ['--proxy', 'nobody'], /neither an address nor a name/],
    [
      '--proxy with --multisig-signatories',
      ['--proxy', DEST, '--multisig-signatories', DEST, '--multisig-threshold', '1'],
      /cannot also be provided|exclusive/i,
    ],
    [
      'a threshold above the signatories',
      ['--multisig-signatories', `${DEST},${DEST.replace('D', 'D')}`, '--multisig-threshold', '3'],
      /twice|threshold/,
    ],
    ['--announce-only without --proxy', ['--announce-only'], /proxy/],
  ])('refuses %s with exit 2, nothing signed', async (_, args, re) => {
    const n = await nonce(w.delegate!)
    const r = await tao(['wallet', 'transfer', '-w', 'delegate', '--dest', DEST, '--amount', '1', ...args, '-y'])
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(re)
    expect(await nonce(w.delegate!)).toBe(n)
  })

  it('an unknown proxy type exits 2 listing the runtime’s types; proxy remove takes the entry out', async () => {
    const bad = await tao(['proxy', 'add', '-w', 'real', '--delegate', w.delegate!, '--type', 'Everything', '-y'])
    expect(bad.code, bad.stderr).toBe(2)
    expect(bad.stderr).toMatch(/Staking.*Transfer|Transfer.*Staking/)

    const missing = await tao(['proxy', 'remove', '-w', 'real', '--delegate', w.delegate!, '--type', 'Staking', '-y'])
    expect(missing.code, missing.stderr).toBe(1)
    expect(missing.stderr).toMatch(/is not a Staking proxy.*Transfer/)

    const r = await tao(['proxy', 'remove', '-w', 'real', '--delegate', w.staker!, '--type', 'Staking', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [defs] = await proxiesOf(w.real!)
    expect(defs.map((d) => d.delegate)).toEqual([w.delegate])
  })

  it('the proxy address book gives --proxy a name', async () => {
    const add = await offline(['config', 'proxy', 'add', 'treasury', w.real!, '--type', 'Transfer', '--json'])
    expect(add.code, add.stderr).toBe(0)
    const list = await offline(['config', 'proxy', 'list', '--json'])
    expect(list.json.proxies).toEqual([{ name: 'treasury', ss58: w.real, type: 'Transfer' }])
    const dest0 = await free(DEST)
    const r = await tao(['wallet', 'transfer', '-w', 'delegate', '--proxy', 'treasury', '--dest', DEST, '--amount', '0.5', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(await free(DEST)).toBe(dest0 + TAO / 2n)
    const rm = await offline(['config', 'proxy', 'remove', 'treasury', '--json'])
    expect(rm.code, rm.stderr).toBe(0)
  })

  it('multisig address matches polkadot-js’ derivation, whatever the order', async () => {
    const { encodeMultiAddress } = await import('@polkadot/util-crypto')
    const r = await offline(['multisig', 'address', '--signatories', [w.c, w.a, w.b].join(','), '--threshold', '2', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.address).toBe(encodeMultiAddress([w.a!, w.b!, w.c!], 2, 42))
    const dup = await offline(['multisig', 'address', '--signatories', [w.a, w.a, w.b].join(','), '--threshold', '2'])
    expect(dup.code).toBe(2)
  })

  it('a 2-of-3 transfer: the first signer proposes, the second executes; pending lists it, then empties; cancel', async () => {
    const signatories = [w.a!, w.b!, w.c!].join(',')
    const ms = (await offline(['multisig', 'address', '--signatories', signatories, '--threshold', '2', '--json'])).json.address as string
    await fund(ms, 100n * TAO)
    const args = [
      'wallet',
      'transfer',
      '--dest',
      DEST,
      '--amount',
      '3',
      '--multisig-signatories',
      signatories,
      '--multisig-threshold',
      '2',
      '-y',
      '--json',
    ]
    const dest0 = await free(DEST)

    const first = await tao([...args, '-w', 'a'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.json.call).toBe('Multisig.as_multi')
    expect(first.json.multisig).toMatchObject({ address: ms, approval: 1, executes: false, timepoint: null })
    const callHash = first.json.multisig.callHash as string
    const stored = (await chain.storage('Multisig', 'Multisigs', ms, callHash)) as { approvals: string[]; depositor: string } | undefined
    expect(stored?.approvals).toEqual([w.a])
    expect(stored?.depositor).toBe(w.a)
    expect(await free(DEST)).toBe(dest0)

    const again = await tao([...args, '-w', 'a'])
    expect(again.code, again.stderr).toBe(1)
    expect(again.stderr).toMatch(/already approved/)

    const pending = await read(['multisig', 'pending', '--signatories', signatories, '--threshold', '2', '--json'])
    expect(pending.code, pending.stderr).toBe(0)
    expect(pending.json.pending).toHaveLength(1)
    expect(pending.json.pending[0]).toMatchObject({ callHash, call: 'Balances.transfer_keep_alive', approvals: [w.a], depositor: w.a })

    const second = await tao([...args, '-w', 'b'])
    expect(second.code, second.stderr).toBe(0)
    expect(second.json.multisig).toMatchObject({ approval: 2, executes: true })
    expect(second.json.amount.rao).toBe((3n * TAO).toString())
    expect(await free(DEST)).toBe(dest0 + 3n * TAO)
    expect(await chain.storage('Multisig', 'Multisigs', ms, callHash)).toBeUndefined()
    const empty = await read(['multisig', 'pending', '--signatories', signatories, '--threshold', '2', '--json'])
    expect(empty.json.pending).toEqual([])

    // Another proposal, cancelled by its depositor only.
    const open = await tao([
      'wallet',
      'transfer',
      '--dest',
      DEST,
      '--amount',
      '4',
      '--multisig-signatories',
      signatories,
      '--multisig-threshold',
      '2',
      '-y',
      '--json',
      '-w',
      'c',
    ])
    expect(open.code, open.stderr).toBe(0)
    const hash2 = open.json.multisig.callHash as string
    const notMine = await tao([
      'multisig',
      'cancel',
      '-w',
      'a',
      '--signatories',
      signatories,
      '--threshold',
      '2',
      '--call-hash',
      hash2,
      '-y',
    ])
    expect(notMine.code, notMine.stderr).toBe(1)
    expect(notMine.stderr).toMatch(/only the depositor/)
    const cancel = await tao([
      'multisig',
      'cancel',
      '-w',
      'c',
      '--signatories',
      signatories,
      '--threshold',
      '2',
      '--call-hash',
      hash2,
      '-y',
      '--json',
    ])
    expect(cancel.code, cancel.stderr).toBe(0)
    expect(await chain.storage('Multisig', 'Multisigs', ms, hash2)).toBeUndefined()
  })

  it('a signer outside the signatories is refused before signing (exit 2)', async () => {
    const n = await nonce(w.delegate!)
    const r = await tao([
      'wallet',
      'transfer',
      '-w',
      'delegate',
      '--dest',
      DEST,
      '--amount',
      '1',
      '--multisig-signatories',
      [w.a, w.b].join(','),
      '--multisig-threshold',
      '2',
      '-y',
    ])
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/not one of --multisig-signatories/)
    expect(await nonce(w.delegate!)).toBe(n)
  })
})
