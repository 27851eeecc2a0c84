import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient, type PolkadotClient } from 'polkadot-api'
import { getPolkadotSigner } from 'polkadot-api/signer'
import { getWsProvider } from 'polkadot-api/ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount, DEV_ACCOUNT_NAMES, type DevAccount } from '../helpers/dev-accounts.js'
import { isLocalnetProcess } from '../../src/localnet/state.js'
import { cleanEnv, runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { connectNode } from '../helpers/subnet-setup.js'

// Chains in this file: the harness's (relaxed), a fork of it, and a detached --realistic one.
const TAO = 1_000_000_000n
const alice = devAccount('Alice')
const bob = devAccount('Bob')
const extra = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key: funded by --fund only

/** polkadot-api's untyped (metadata-driven) storage reads. */
const query = (client: PolkadotClient): any => client.getUnsafeApi().query

const signer = (a: DevAccount) => getPolkadotSigner(a.publicKey, 'Sr25519', a.sign)

interface TxOutcome {
  ok: boolean
  error?: string
  events: Array<{ pallet: string; name: string; value: any }>
}

/** Submit with polkadot-api's unsafe API and wait for the block; error as "Pallet.Name". */
async function submit(client: PolkadotClient, pallet: string, call: string, args: object, from: DevAccount): Promise<TxOutcome> {
  const tx = (client.getUnsafeApi().tx as any)[pallet][call](args)
  const r = await tx.signAndSubmit(signer(from))
  const events = r.events.map((e: any) => ({ pallet: e.type, name: e.value.type, value: e.value.value }))
  const d = r.dispatchError
  const error = d ? (d.type === 'Module' ? `${d.value.type}.${d.value.value.type}` : d.type) : undefined
  return { ok: r.ok, error, events }
}

describe('tao localnet start (relaxed, via the shared harness)', () => {
  let chain: Localnet
  let client: PolkadotClient

  beforeAll(async () => {
    const started = Date.now()
    chain = await startLocalnet({ fund: { [extra]: 12n * TAO + 5n } })
    console.info(`localnet ready in ${Date.now() - started} ms`)
    client = createClient(getWsProvider(chain.endpoint))
  })
  afterAll(async () => {
    client?.destroy()
    await chain?.stop()
  })

  it('reports what it set up', () => {
    expect(chain.endpoint).toBe(`ws://127.0.0.1:${chain.port}`)
    expect(chain.info.sudo).toBe(alice.ss58)
    expect(chain.info.funded.map((f) => f.name)).toEqual([...DEV_ACCOUNT_NAMES, null])
    expect(chain.info.funded.at(-1)).toEqual({ name: null, ss58: extra, free: { rao: '12000000005', tao: '12.000000005' } })
    expect(chain.info.relaxed).toEqual(expect.arrayContaining(['SubtensorModule.NetworkRateLimit', 'SubtensorModule.WeightsSetRateLimit']))
  })

  it('funds the dev accounts and --fund addresses, and makes Alice sudo', async () => {
    const api = query(client)
    for (const name of DEV_ACCOUNT_NAMES) {
      const account = await api.System.Account.getValue(devAccount(name).ss58)
      expect(account.data.free, name).toBe(1_000_000n * TAO)
      expect(account.providers).toBeGreaterThanOrEqual(1)
    }
    expect((await api.System.Account.getValue(extra)).data.free).toBe(12n * TAO + 5n)
    expect(await api.Sudo.Key.getValue()).toBe(alice.ss58)
    expect(await chain.rpc('system_accountNextIndex', [bob.ss58])).toBe(0)
  })

  it('counts the funded TAO in both issuance figures: they agree with the accounts', async () => {
    const node = await connectNode(chain.endpoint)
    try {
      const sum = (entries: Array<{ value: unknown }>, pick: (v: any) => bigint) => entries.reduce((s, e) => s + pick(e.value), 0n)
      const held = sum(await node.entries('System', 'Account'), (v) => BigInt(v.data.free) + BigInt(v.data.reserved))
      expect(held).toBeGreaterThanOrEqual(6_000_000n * TAO)
      expect(await node.storage('Balances', 'TotalIssuance')).toBe(held)
      // SubtensorModule's counts TAO held, staked and locked (the runtime adds a rao or so per block of its own).
      const issuance = BigInt((await node.storage('SubtensorModule', 'TotalIssuance')) as bigint)
      const stake = BigInt((await node.storage('SubtensorModule', 'TotalStake')) as bigint)
      const locked = sum(await node.entries('SubtensorModule', 'SubnetLocked'), (v) => BigInt(v))
      expect(issuance).toBeGreaterThanOrEqual(held + locked)
      expect(issuance - (held + stake + locked)).toBeLessThan(TAO)
    } finally {
      node.close()
    }
    const info = await runTao(['chain', 'info', '--network', chain.endpoint, '--json'])
    expect(info.code, info.stderr).toBe(0)
    expect(BigInt(info.json.balancesIssuance.rao)).toBeGreaterThanOrEqual(6_000_000n * TAO)
    expect(BigInt(info.json.issuance.rao)).toBeGreaterThanOrEqual(BigInt(info.json.balancesIssuance.rao))
  })

  it('lets a subnet be created, a neuron registered and weights set in consecutive blocks', async () => {
    const charlie = devAccount('Charlie')
    const dave = devAccount('Dave')
    const t0 = Date.now()
    const created = await submit(client, 'SubtensorModule', 'register_network', { hotkey: charlie.ss58, mechid: 1 }, alice)
    console.info(`one extrinsic, one block: ${Date.now() - t0} ms`)
    expect(created.error).toBeUndefined()
    const netuid = created.events.find((e) => e.name === 'NetworkAdded')!.value[0] as number
    expect(netuid).toBeGreaterThan(1)

    const registered = await submit(client, 'SubtensorModule', 'burned_register', { netuid, hotkey: dave.ss58 }, bob)
    expect(registered.error).toBeUndefined()
    const uid = registered.events.find((e) => e.name === 'NeuronRegistered')!.value[1] as number

    // Right after registration: with the chain's limit (100 blocks) this is SettingWeightsTooFast.
    const weights = await submit(
      client,
      'SubtensorModule',
      'set_weights',
      { netuid, dests: [uid], weights: [65535], version_key: 0n },
      dave,
    )
    expect(weights.error).toBeUndefined()

    // A second subnet in the very next block: NetworkRateLimit is 0.
    const second = await submit(client, 'SubtensorModule', 'register_network', { hotkey: devAccount('Eve').ss58, mechid: 1 }, alice)
    expect(second.error).toBeUndefined()
  })

  it("--fork serves another chain's state, fetched as needed, with its own changes on top", async () => {
    await chain.setStorage({ SubtensorModule: { Tempo: [[[1], 42]] } })
    const fork = await startLocalnet({ fork: chain.endpoint, fund: { [extra]: 3n * TAO } })
    const forkClient = createClient(getWsProvider(fork.endpoint))
    try {
      expect(fork.info.genesis).toEqual({ kind: 'fork', location: chain.endpoint, runtime: 218 })
      const api = query(forkClient)
      expect(await api.SubtensorModule.Tempo.getValue(1)).toBe(42)
      expect((await api.System.Account.getValue(extra)).data.free).toBe(3n * TAO)
      expect((await query(client).System.Account.getValue(extra)).data.free).toBe(12n * TAO + 5n)
    } finally {
      forkClient.destroy()
      await fork.stop()
    }
  })

  it('newBlock and setStorage reach the node', async () => {
    const before = Number((await chain.rpc('chain_getHeader')).number)
    await chain.newBlock(2)
    expect(Number((await chain.rpc('chain_getHeader')).number)).toBe(before + 2)
    await chain.setStorage({ SubtensorModule: { Tempo: [[[1], 7]] } })
    expect(await query(client).SubtensorModule.Tempo.getValue(1, { at: 'best' })).toBe(7)
  })

  it('--network local is the localnet tao recorded as running, on the port it has', async () => {
    const state = mkdtempSync(path.join(tmpdir(), 'tao-local-record-'))
    try {
      // What `localnet start --detach` records, naming this running localnet.
      writeFileSync(
        path.join(state, 'localnet.json'),
        JSON.stringify({ pid: chain.info.pid, endpoint: chain.endpoint, port: chain.port, log: 'x', startedAt: '' }),
      )
      const r = await runTao(['chain', 'info', '--network', 'local', '--json'], {
        env: { TAO_STATE_DIR: state, TAO_CONNECT_TIMEOUT: '5000' },
      })
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.network).toBe('local')
      expect(r.json.blockHash).toBe(await chain.rpc('chain_getBlockHash', [r.json.block]))
    } finally {
      rmSync(state, { recursive: true, force: true })
    }
  })

  it('refuses a port in use with one line and exit 2, before loading anything', async () => {
    const r = await runTao(['localnet', 'start', '--port', String(chain.port)])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      `Error: port ${chain.port} on 127.0.0.1 is already in use: pick another with --port, or --port 0 for any free one`,
    )
    const j = await runTao(['localnet', 'start', '--port', String(chain.port), '--json'])
    expect(j.code).toBe(2)
    expect(j.json.error.code).toBe('PORT_IN_USE')
  })

  it('refuses bad input clearly', async () => {
    const spec = await runTao(['localnet', 'start', '--chain-spec', '/nonexistent/spec.json'])
    expect(spec.code).toBe(2)
    expect(spec.stderr).toContain('no such chain spec file')
    const fund = await runTao(['localnet', 'start', '--fund', `${extra}=1.0000000001`])
    expect(fund.code).toBe(2)
    expect(fund.stderr).toContain('more than 9 decimals')
    const fork = await runTao(['localnet', 'start', '--fork', 'http://example.com'])
    expect(fork.code).toBe(2)
    const both = await runTao(['localnet', 'start', '--fork', 'test', '--chain-spec', 'x.json'])
    expect(both.code).toBe(2)
    expect(both.stderr.trim()).toBe('Error: give one of --chain-spec, --fork and --runtime, not --chain-spec and --fork')
    const runtime = await runTao(['localnet', 'start', '--runtime', '300', '--fork', 'test'])
    expect(runtime.stderr.trim()).toBe('Error: give one of --chain-spec, --fork and --runtime, not --fork and --runtime')
    expect(runtime.code).toBe(2)
    const unknown = await runTao(['localnet', 'start', '--runtime', '381'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/218, 300/)
  })
})

describe('tao localnet start --detach / stop', () => {
  const state = path.join(cleanEnv().TAO_STATE_DIR ?? '', '')

  it('runs a --realistic chain in the background, keeps the real limits, and stops it', async () => {
    const t0 = Date.now()
    const secrets = { TAO_PASSWORD: 'pw-1', TAO_NEW_PASSWORD: 'pw-2', TAO_JSON_PASSWORD: 'pw-3', BT_PW__ROOT_WALLETS_W: 'pw-4' }
    const r = await runTao(['localnet', 'start', '--detach', '--port', '0', '--realistic', '--json'], { env: secrets })
    expect(r.code, r.stderr).toBe(0)
    // The background node lives on after this command: the command's secrets do not go with it.
    const environ = readFileSync(`/proc/${r.json.pid}/environ`, 'utf8').split('\0')
    for (const [name, value] of Object.entries(secrets)) {
      expect(environ.some((e) => e.startsWith(`${name}=`))).toBe(false)
      expect(environ.some((e) => e.includes(value))).toBe(false)
    }
    expect(environ.some((e) => e.startsWith('TAO_STATE_DIR='))).toBe(true)
    console.info(`detached localnet ready in ${Date.now() - t0} ms`)
    expect(r.json.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
    expect(r.json.relaxed).toEqual([])
    expect(r.json.log).toBe(path.join(state, 'localnet.log'))
    expect(isLocalnetProcess(r.json.pid)).toBe(true)

    // Only one per state directory.
    const again = await runTao(['localnet', 'start', '--detach', '--port', '0'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`a localnet is already running at ${r.json.endpoint}`)

    const client = createClient(getWsProvider(r.json.endpoint))
    try {
      expect(await query(client).SubtensorModule.NetworkRateLimit.getValue()).toBe(10n)
      const created = await submit(client, 'SubtensorModule', 'register_network', { hotkey: bob.ss58, mechid: 1 }, alice)
      expect(created.error).toBe('SubtensorModule.NetworkTxRateLimitExceeded')
    } finally {
      client.destroy()
    }

    const stop = await runTao(['localnet', 'stop', '--json'])
    expect(stop.code, stop.stderr).toBe(0)
    expect(stop.json).toEqual({ pid: r.json.pid, endpoint: r.json.endpoint, forced: false })
    expect(isLocalnetProcess(r.json.pid)).toBe(false) // gone, or a zombie nobody has reaped yet

    const none = await runTao(['localnet', 'stop'])
    expect(none.code).toBe(1)
    expect(none.stderr.trim()).toBe('Error: no detached localnet is running (start one with `tao localnet start --detach`)')
  })

  it('stop handles a stale record', async () => {
    const file = path.join(state, 'localnet.json')
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 - 1, endpoint: 'ws://127.0.0.1:1', port: 1, log: 'x', startedAt: '' }))
    const r = await runTao(['localnet', 'stop'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is gone; removed its stale record')
    expect((await runTao(['localnet', 'stop'])).stderr).toContain('no detached localnet is running')
  })
})
