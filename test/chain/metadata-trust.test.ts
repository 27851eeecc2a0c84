/**
 * A node that lies about the metadata, against a real local chain (spec 218): a proxy in front of the honest node
 * serves its metadata with the call indices of `SubtensorModule.add_stake` and `remove_stake` swapped, so a
 * wallet that believed it would show a stake and sign an unstake. `tao stake add` through it must be refused
 * before anything is signed, with nothing cached; the honest node afterwards must still give a real stake (the
 * cache was not poisoned), and once verified metadata is cached the proxy has nothing left to rewrite. On a runtime
 * tao does not know, the metadata is checked against the runtime's own code (Chopsticks' executor).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TaoError } from '../../src/core/errors.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { signerOf } from '../../src/node/keypair-signer.js'
import { connect, mode1Memory, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { createSubnet, seedPool, ss58Of, TAO } from '../helpers/subnet-setup.js'
import { startTamperProxy, type TamperProxy } from '../helpers/tamper-proxy.js'

const PASSWORD = 'metadata trust test password 1!'
const HOTKEY = ss58Of('//Alice//owner')

/** Every file under a folder, as paths relative to it. */
const filesUnder = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
  } catch {
    return []
  }
}

describe('metadata a node served is verified before tao signs with it', () => {
  let net: Localnet
  let chain: Chain
  let proxy: TamperProxy
  let dir: string
  let coldkey: string
  let netuid: number

  const env = () => ({ TAO_PASSWORD: PASSWORD, TAO_CACHE_DIR: join(dir, 'cache'), TAO_STATE_DIR: join(dir, 'state') })
  const stakeAdd = (network: string) =>
    runTao(
      [
        'stake',
        'add',
        '-w',
        'w',
        '--hotkey-ss58',
        HOTKEY,
        '--netuid',
        String(netuid),
        '--amount',
        '1',
        // The small pool here slips about 1 %: the price check is not what this test is about.
        '--unsafe',
        '-y',
        '--json',
        '--network',
        network,
        '--wallet-path',
        join(dir, 'wallets'),
      ],
      {
        env: env(),
      },
    )
  const stakeOf = async () => BigInt((await chain.storage('SubtensorModule', 'Alpha', HOTKEY, coldkey, netuid)) as bigint)
  /** The runtime staked: a StakeAdded of 1 TAO for some alpha, and the coldkey paid exactly 1 TAO and the fee. */
  const expectStaked = (report: any, freeBefore: bigint, freeAfter: bigint) => {
    expect(report.events.map((e: { pallet: string; name: string }) => `${e.pallet}.${e.name}`)).toContain('SubtensorModule.StakeAdded')
    expect(BigInt(report.taoStaked.rao)).toBe(TAO)
    expect(BigInt(report.alphaReceived.rao)).toBeGreaterThan(0n)
    expect(freeBefore - freeAfter).toBe(TAO + BigInt(report.fee.rao))
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-trust-'))
    const created = await runTao(['wallet', 'create', '-w', 'w', '--wallet-path', join(dir, 'wallets'), '--json', '-y'], { env: env() })
    expect(created.code, created.stderr).toBe(0)
    coldkey = created.json.coldkey.ss58
    net = await startLocalnet({ fund: { [coldkey]: 1000n * TAO } })
    chain = await connect(net.endpoint, { cache: false })
    netuid = await createSubnet(chain, { owner: '//Alice', hotkey: HOTKEY })
    await seedPool(net, netuid, { tao: 100n * TAO, alpha: 1000n * TAO })
    proxy = await startTamperProxy(net.port, { pallet: 'SubtensorModule', swap: ['add_stake', 'remove_stake'] })
  }, 180_000)
  afterAll(async () => {
    chain?.close()
    await proxy?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('stake add through a node serving tampered metadata is refused before signing; nothing is cached or sent', async () => {
    const nonce = (await chain.account(coldkey)).nonce
    const r = await stakeAdd(proxy.url)
    expect(proxy.tampered, 'the proxy rewrote the metadata it passed on').toBeGreaterThan(0)
    expect(r.code, r.stderr).toBe(1)
    expect(r.json.error.code).toBe('METADATA_MISMATCH')
    expect(r.stderr).toMatch(
      /Error: the metadata ws:\/\/127\.0\.0\.1:\d+ served for runtime 0x[0-9a-f]{8}… \(spec 218\) is not the one the raonet genesis tao ships has: refusing to use it \(nothing was signed or cached\)/,
    )
    expect(r.stderr).not.toMatch(/Sign and submit|estimated fee/)
    expect(filesUnder(join(dir, 'cache', 'metadata'))).toEqual([])
    expect((await chain.account(coldkey)).nonce).toBe(nonce)
    expect(await stakeOf()).toBe(0n)
  })

  it('the honest node afterwards: the metadata is verified against the shipped digest, cached, and a stake is a stake', async () => {
    const freeBefore = (await chain.account(coldkey)).free
    const r = await stakeAdd(net.endpoint)
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('SubtensorModule.add_stake')
    expect(r.stderr).toContain(
      'CheckMetadataHash mode 0: this runtime (spec 218) cannot check the metadata; tao verified it against the digest it ships for this runtime',
    )
    expectStaked(r.json, freeBefore, (await chain.account(coldkey)).free)
    expect(filesUnder(join(dir, 'cache', 'metadata'))).toEqual([expect.stringMatching(/^0x[0-9a-f]{64}\/218-0x[0-9a-f]{64}\.scale$/)])
  })

  it('through the lying node again, the verified cached metadata is used: nothing to rewrite, and the stake is still a stake', async () => {
    const freeBefore = (await chain.account(coldkey)).free
    const tampered = proxy.tampered
    const r = await stakeAdd(proxy.url)
    expect(r.code, r.stderr).toBe(0)
    expect(proxy.tampered).toBe(tampered)
    expect(r.json.call).toBe('SubtensorModule.add_stake')
    expectStaked(r.json, freeBefore, (await chain.account(coldkey)).free)
  })

  it('on a runtime tao does not know, the metadata is checked against the runtime code itself: a lie is refused at signing', async () => {
    const memory = mode1Memory(join(dir, 'state', 'node-level'))
    const lying = await connect(proxy.url, { cache: false, knownRuntimes: {}, mode1Memory: memory })
    try {
      // Reads may proceed on an unverified runtime; signing may not.
      expect(lying.specVersion).toBe(218)
      const call = lying.call('SubtensorModule', 'add_stake', { hotkey: HOTKEY, netuid, amount_staked: TAO })
      const alice = signerOf(keypairFromUri('//Alice'))
      const nonce = (await chain.account(ss58Of('//Alice'))).nonce
      const err = await lying.send(call, alice).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(TaoError)
      expect((err as TaoError).code).toBe('METADATA_MISMATCH')
      expect((err as TaoError).message).toMatch(/is not what its runtime code \(:code at block #\d+\) produces/)
      expect((await chain.account(ss58Of('//Alice'))).nonce).toBe(nonce)
    } finally {
      lying.close()
    }
    const honest = await connect(net.endpoint, { cache: false, knownRuntimes: {}, mode1Memory: memory })
    try {
      expect(await honest.signingTrust()).toMatchObject({ mode: 0, verifiedBy: 'derived' })
    } finally {
      honest.close()
    }
    // Neither the lie nor the runtime that cannot check made tao remember this genesis as one that checks.
    expect(await memory.load()).toEqual(new Set())
  }, 120_000)
})
