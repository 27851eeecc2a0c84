/**
 * The node client against a real local chain (Chopsticks on the spec-218 genesis): connect, metadata cache,
 * reads, fees, transfers with exact balance checks, decoded dispatch errors, dry run + submitSigned,
 * unreachable endpoints, and a connection cut right after (or instead of) the submission.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as sr from '@scure/sr25519'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExitCode, TaoError } from '../../src/core/errors.js'
import { connect, txError, type BlockRef, type Chain, type Sr25519Keypair, type TxLanded, type TxResult } from '../../src/node/index.js'
import { ss58Address } from '../../src/node/signer.js'
import { startCutProxy } from '../helpers/cut-proxy.js'
import { freePort, startChain, type LocalChain } from './support/chopsticks.js'

const TAO = 1_000_000_000n

function keypair(n: number): Sr25519Keypair & { address: string } {
  const secret = sr.secretFromSeed(new Uint8Array(32).fill(n))
  const publicKey = sr.getPublicKey(secret)
  return { publicKey, sign: (m) => sr.sign(secret, m), address: ss58Address(publicKey) }
}

const landed = (r: TxResult): TxLanded => {
  if (r.status !== 'landed') throw new Error(`expected landed, got ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`)
  return r
}

let local: LocalChain
let cacheDir: string
let chain: Chain
const timings: Record<string, number> = {}
const noise: string[] = []
const restore: Array<() => void> = []

/** Everything written to stderr or console.error/warn while the tests run (polkadot-api must stay quiet). */
function captureNoise() {
  const origWrite = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    noise.push(String(chunk))
    return (origWrite as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stderr.write
  restore.push(() => (process.stderr.write = origWrite))
  for (const level of ['error', 'warn'] as const) {
    const orig = console[level]
    console[level] = (...args: unknown[]) => {
      noise.push(args.map(String).join(' '))
      orig(...args)
    }
    restore.push(() => (console[level] = orig))
  }
}

beforeAll(async () => {
  captureNoise()
  cacheDir = mkdtempSync(path.join(tmpdir(), 'taocli-cache-'))
  const t = performance.now()
  local = await startChain()
  timings.chainStart = performance.now() - t
})

afterAll(async () => {
  chain?.close()
  await local?.stop()
  rmSync(cacheDir, { recursive: true, force: true })
  for (const r of restore) r()
  console.log('timings (ms):', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))
})

describe('connect and metadata cache', () => {
  it('downloads metadata once, then reads it from the disk cache', async () => {
    const cache = (await import('../../src/node/metadata-cache.js')).diskMetadataCache(path.join(cacheDir, 'metadata'))
    const count = { metadata: 0, messages: 0 }
    const trace = (dir: 'out' | 'in', msg: string) => {
      if (dir !== 'out') return
      count.messages++
      if (msg.includes('Metadata_metadata')) count.metadata++
    }

    let t = performance.now()
    const cold = await connect(local.url, { cache, trace })
    timings.connectCold = performance.now() - t
    expect(cold.metadataSource).toBe('node')
    expect(count.metadata).toBeGreaterThan(0)
    expect(cold.specVersion).toBe(218)
    // The runtime tao ships (spec 218) is verified against the package's digest, then cached under genesis/spec-code.
    expect(await cold.signingTrust()).toMatchObject({ mode: 0, verifiedBy: 'package' })
    cold.close()
    const [genesisDir, ...others] = readdirSync(path.join(cacheDir, 'metadata'))
    expect(others).toEqual([])
    expect(genesisDir).toMatch(/^0x[0-9a-f]{64}$/)
    const files = readdirSync(path.join(cacheDir, 'metadata', genesisDir!))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^218-0x[0-9a-f]{64}\.scale$/)
    const key = { genesis: genesisDir!, specVersion: 218, codeHash: files[0]!.slice('218-'.length, -'.scale'.length) }

    count.metadata = 0
    t = performance.now()
    const warm = await connect(local.url, { cache, trace })
    timings.connectWarm = performance.now() - t
    expect(warm.metadataSource).toBe('cache')
    expect(count.metadata).toBe(0) // no Metadata_metadata* runtime call went out
    expect(warm.specVersion).toBe(218)
    expect(await warm.signingTrust()).toMatchObject({ mode: 0, verifiedBy: 'package' })
    warm.close()

    // A corrupt cache file is noticed, replaced by a fresh download, and rewritten intact.
    const file = path.join(cacheDir, 'metadata', genesisDir!, files[0]!)
    const bytes = readFileSync(file)
    bytes[bytes.length - 10]! ^= 0xff
    writeFileSync(file, bytes)
    const repaired = await connect(local.url, { cache, trace })
    expect(repaired.metadataSource).toBe('node')
    expect(count.metadata).toBeGreaterThan(0)
    repaired.close()
    await new Promise((r) => setTimeout(r, 100))
    expect(await cache.get(key)).toMatchObject({ verifiedBy: 'package' })

    chain = await connect(local.url, { cache })
    expect(chain.metadataSource).toBe('cache')
  })

  it('fails with exit code 3: at the deadline when nothing answers, at once when the port is closed', async () => {
    // A TCP port that accepts but never speaks WebSocket: polkadot-api alone would retry for ever.
    const silent: Server = createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as { port: number }).port
    const closed = await freePort()
    const attempt = async (url: string) => {
      const t = performance.now()
      const err = await connect(url).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(TaoError)
      expect((err as TaoError).exitCode).toBe(ExitCode.Unreachable)
      expect((err as TaoError).message).toContain(url)
      return { message: (err as TaoError).message, took: performance.now() - t }
    }
    try {
      process.env.TAO_CONNECT_TIMEOUT = '3000'
      const quiet = await attempt(`ws://127.0.0.1:${port}`)
      expect(quiet.message).toContain('within 3 s')
      expect(quiet.took).toBeGreaterThanOrEqual(2900)
      expect(quiet.took).toBeLessThan(4500)

      const refused = await attempt(`ws://127.0.0.1:${closed}`)
      expect(refused.message).toBe(`cannot reach ws://127.0.0.1:${closed} (connection refused)`)
      expect(refused.took).toBeLessThan(1500)
    } finally {
      delete process.env.TAO_CONNECT_TIMEOUT
      silent.close()
    }
  })

  it('rejects an unknown network name as bad input', async () => {
    await expect(connect('mainnet')).rejects.toMatchObject({ exitCode: ExitCode.BadInput, code: 'UNKNOWN_NETWORK' })
  })
})

describe('reads', () => {
  const alice = keypair(21)
  beforeAll(() => local.fund(alice.address, 1000n * TAO))

  it('reads account, existential deposit, properties, block number and generic items', async () => {
    const t = performance.now()
    const account = await chain.account(alice.address)
    timings.accountQuery = performance.now() - t
    expect(account).toEqual({ nonce: 0, free: 1000n * TAO, reserved: 0n, frozen: 0n, consumers: 0, providers: 1 })
    expect(chain.existentialDeposit()).toBe(500n)
    expect(await chain.properties()).toMatchObject({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' })
    expect(await chain.blockNumber()).toBeGreaterThanOrEqual(1)
    expect(await chain.blockNumber('finalized')).toBeGreaterThanOrEqual(1)
    expect(await chain.storage('SubtensorModule', 'TotalNetworks')).toBeGreaterThanOrEqual(2)
    const added = await chain.entries('SubtensorModule', 'NetworksAdded')
    expect(added).toEqual(
      expect.arrayContaining([
        { keys: [0], value: true },
        { keys: [1], value: true },
      ]),
    )
    const accounts = await chain.entries('System', 'Account')
    expect(accounts.find((e) => e.keys[0] === alice.address)?.value).toMatchObject({ data: { free: 1000n * TAO } })
    expect(typeof chain.constant('System', 'SS58Prefix')).toBe('number')
    // spec 218's runtime APIs return SCALE bytes (Vec<u8>); newer runtimes return typed structs.
    const info = await chain.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_info', 1)
    expect(info).toBeInstanceOf(Uint8Array)
    await expect(chain.storage('SubtensorModule', 'NoSuchItem')).rejects.toThrow(
      'storage SubtensorModule.NoSuchItem is not in this runtime (spec 218)',
    )
    await expect(chain.runtimeApi('NoSuchApi', 'x')).rejects.toThrow('runtime API NoSuchApi.x is not in this runtime (spec 218)')
    await expect(chain.account('not-an-address')).rejects.toMatchObject({ exitCode: ExitCode.BadInput })
  })

  it('follows best and finalized blocks; reads at the best block and at a followed block go through state_* at its hash', async () => {
    const cache = (await import('../../src/node/metadata-cache.js')).diskMetadataCache(path.join(cacheDir, 'metadata'))
    const sent: string[] = []
    const traced = await connect(local.url, { cache, trace: (dir, msg) => dir === 'out' && sent.push(String(JSON.parse(msg).method)) })
    const until = async (what: string, ok: () => boolean) => {
      for (const end = Date.now() + 60_000; !ok(); await new Promise((r) => setTimeout(r, 50)))
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    }
    try {
      expect('client' in traced).toBe(false)
      const best: Array<{ block: BlockRef; finalized: BlockRef }> = []
      const finalized: BlockRef[] = []
      const failures: unknown[] = []
      const stopBest = traced.followBlocks(
        'best',
        (block, fin) => best.push({ block, finalized: fin }),
        (e) => failures.push(e),
      )
      const stopFinalized = traced.followBlocks(
        'finalized',
        (block) => finalized.push(block),
        (e) => failures.push(e),
      )
      // The current blocks come at once.
      expect(best).toEqual([{ block: await traced.head('best'), finalized: await traced.head('finalized') }])
      expect(finalized).toEqual([await traced.head('finalized')])

      const start = best[0]!.block.number
      await local.rpc('dev_newBlock', [{ count: 1 }])
      await until('the next best block', () => best.some((b) => b.block.number > start))
      await until('the next finalized block', () => finalized.some((b) => b.number > start))
      const next = best.find((b) => b.block.number > start)!
      expect(next.finalized.number).toBeLessThanOrEqual(next.block.number)

      // A followed block's number needs no header request; reads at the best block use state_* with its hash.
      sent.length = 0
      expect(await traced.at(next.block.hash).blockNumber()).toBe(next.block.number)
      const networks = await traced.storage('SubtensorModule', 'TotalNetworks')
      expect(networks).toBeGreaterThanOrEqual(2)
      // The same item again while the head stays: answered from the first read, no second request.
      expect(await traced.storage('SubtensorModule', 'TotalNetworks')).toBe(networks)
      expect((await traced.account(alice.address)).free).toBe(1000n * TAO)
      expect(await traced.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_info', 1)).toBeInstanceOf(Uint8Array)
      expect(await traced.entries('SubtensorModule', 'NetworksAdded')).toEqual(expect.arrayContaining([{ keys: [1], value: true }]))
      // (the client's own follow-up of the chain, such as unpinning blocks, is not a read)
      const reads = sent.filter((m) => /^(state_|chain_|chainHead_v1_(storage|call))/.test(m))
      expect(reads).toEqual(['state_queryStorageAt', 'state_queryStorageAt', 'state_call', 'state_getKeysPaged', 'state_queryStorageAt'])

      // Stopped: the other follower sees the next block, the stopped one does not.
      stopBest()
      const seen = best.length
      const last = finalized.at(-1)!.number
      await local.rpc('dev_newBlock', [{ count: 1 }])
      await until('another finalized block', () => finalized.at(-1)!.number > last)
      expect(best).toHaveLength(seen)
      stopFinalized()
      expect(failures).toEqual([])
    } finally {
      traced.close()
    }
  })

  it('inspects call arguments so callers can adapt across runtimes', () => {
    expect(chain.callArgs('SubtensorModule', 'register_network')?.map((a) => a.name)).toEqual(['hotkey', 'mechid'])
    expect(chain.hasCall('SubtensorModule', 'no_such_call')).toBe(false)
    expect(() => chain.call('SubtensorModule', 'no_such_call')).toThrow('SubtensorModule.no_such_call is not in this runtime (spec 218)')
    expect(() => chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: alice.address } })).toThrow('needs value')
  })
})

describe('transactions', () => {
  const sender = keypair(31)
  const receiver = keypair(32)
  beforeAll(async () => {
    await local.fund(sender.address, 1000n * TAO)
  })

  const transfer = (value: bigint, to = receiver.address) =>
    chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: to }, value })

  it('estimates the fee, signs, submits, and the balances move by exactly amount + fee', async () => {
    const before = [await chain.account(sender.address), await chain.account(receiver.address)]
    const call = transfer(3n * TAO)
    let t = performance.now()
    const estimate = await chain.estimateFee(call, sender.address)
    timings.feeEstimate = performance.now() - t
    expect(estimate).toBeGreaterThan(0n)

    t = performance.now()
    const signed = await chain.sign(call, sender)
    timings.sign = performance.now() - t
    expect(signed.fee).toBe(estimate)

    t = performance.now()
    const r = landed(await chain.send(call, sender))
    timings.sendUntilInBlock = performance.now() - t
    expect(r.ok).toBe(true)
    expect(r.error).toBeUndefined()
    expect(r.connectionLost).toBe(false)
    expect(r.fee).toBe(estimate)
    expect(r.events.map((e) => `${e.pallet}.${e.name}`)).toEqual(
      expect.arrayContaining(['Balances.Transfer', 'TransactionPayment.TransactionFeePaid', 'System.ExtrinsicSuccess']),
    )
    expect(txError(r)).toBeUndefined()
    const after = [await chain.account(sender.address), await chain.account(receiver.address)]
    expect(before[0]!.free - after[0]!.free).toBe(3n * TAO + r.fee!)
    expect(after[1]!.free - before[1]!.free).toBe(3n * TAO)
    expect(after[0]!.nonce).toBe(before[0]!.nonce + 1)
  })

  it('decodes a dispatch the runtime rejects to its error name and doc text', async () => {
    const r = landed(
      await chain.send(chain.call('SubtensorModule', 'set_weights', { netuid: 1, dests: [0], weights: [65535], version_key: 0n }), sender),
    )
    expect(r.ok).toBe(false)
    expect(r.error).toEqual({
      pallet: 'SubtensorModule',
      name: 'HotKeyNotRegisteredInSubNet',
      docs: chain.metadata.errorDocs('SubtensorModule', 'HotKeyNotRegisteredInSubNet'),
    })
    expect(r.error!.docs.length).toBeGreaterThan(5)
    const err = txError(r)!
    expect(err.exitCode).toBe(ExitCode.Failed)
    expect(err.message).toBe(`SubtensorModule.HotKeyNotRegisteredInSubNet: ${r.error!.docs}`)
  })

  it('reports a failure inside Sudo.sudo (the extrinsic itself succeeds)', async () => {
    await local.rpc('dev_setStorage', [{ Sudo: { Key: sender.address } }])
    const inner = { type: 'AdminUtils', value: { type: 'sudo_set_tempo', value: { netuid: 999, tempo: 10 } } }
    const r = landed(await chain.send(chain.call('Sudo', 'sudo', { call: inner }), sender))
    expect(r.ok).toBe(false)
    expect(r.error).toMatchObject({ via: 'Sudo.Sudid' })
    expect(r.error!.name).toMatch(/SubnetDoesNotExist|NetworkDoesNotExist/)
  })

  it('dry run signs without submitting; submitSigned lands exactly that extrinsic once', async () => {
    const before = await chain.account(sender.address)
    const dry = await chain.send(transfer(2n * TAO), sender, { dryRun: true })
    if (dry.status !== 'dry-run') throw new Error('expected a dry run')
    expect(dry.hex).toMatch(/^0x[0-9a-f]+$/)
    expect(dry.fee).toBeGreaterThan(0n)
    expect(await chain.account(sender.address)).toEqual(before)

    const decoded = chain.decodeExtrinsic(dry.hex)
    expect(decoded).toMatchObject({
      txHash: dry.txHash,
      kind: 'signed',
      signer: sender.address,
      nonce: before.nonce,
      tip: '0',
      era: { type: 'mortal', period: 64 },
      pallet: 'Balances',
      call: 'transfer_keep_alive',
      args: { dest: { type: 'Id', value: receiver.address }, value: (2n * TAO).toString() },
    })
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded)

    const r = landed(await chain.submitSigned(dry.hex))
    expect(r.ok).toBe(true)
    expect(r.txHash).toBe(dry.txHash)
    const after = await chain.account(sender.address)
    expect(before.free - after.free).toBe(2n * TAO + r.fee!)
    // The same bytes again: the node refuses them (nonce used), nothing moves.
    await expect(chain.submitSigned(dry.hex)).rejects.toMatchObject({ code: 'TX_REJECTED', exitCode: ExitCode.Failed })
    expect(await chain.account(sender.address)).toEqual(after)
  })

  it('waitFor none returns at submission; finalization waits for the finalized head', async () => {
    const s = await chain.send(transfer(TAO), sender, { waitFor: 'none' })
    expect(s.status).toBe('submitted')
    await new Promise((r) => setTimeout(r, 2500)) // let the instant block be built
    const f = landed(await chain.send(transfer(TAO), sender, { waitFor: 'finalization' }))
    expect(f.finalized).toBe(true)
    expect(f.ok).toBe(true)
  })
})

describe('connection cut around submission', () => {
  const sender = keypair(41)
  const receiver = keypair(42)
  beforeAll(() => local.fund(sender.address, 1000n * TAO))

  it('cut right after the submission reached the node: reports landed, applied exactly once', async () => {
    const proxy = await startCutProxy(local.port)
    const via = await connect(proxy.url, { cache: false })
    try {
      const before = [await via.account(sender.address), await via.account(receiver.address)]
      proxy.arm('author_submitExtrinsic', 'after-forward')
      const call = via.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: receiver.address }, value: 5n * TAO })
      const t = performance.now()
      const r = landed(await via.send(call, sender, { timeoutMs: 60_000, pollMs: 300 }))
      timings.recoverAfterCut = performance.now() - t
      expect(r.connectionLost).toBe(true)
      expect(r.note).toMatch(/read back from the chain/)
      expect(r.ok).toBe(true)
      const after = [await chain.account(sender.address), await chain.account(receiver.address)]
      expect(before[0]!.free - after[0]!.free).toBe(5n * TAO + r.fee!)
      expect(after[1]!.free - before[1]!.free).toBe(5n * TAO)
      expect(after[0]!.nonce).toBe(before[0]!.nonce + 1)
      // Nothing was re-sent behind our back: still exactly one transfer after a while.
      await new Promise((res) => setTimeout(res, 2500))
      expect(await chain.account(receiver.address)).toEqual(after[1])
    } finally {
      via.close()
      await proxy.close()
    }
  })

  it('cut before the node got it: reports not-landed once its era is over, nothing applied', async () => {
    const proxy = await startCutProxy(local.port)
    const via = await connect(proxy.url, { cache: false })
    try {
      const before = await via.account(sender.address)
      proxy.arm('author_submitExtrinsic', 'instead-of-forward')
      const call = via.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: receiver.address }, value: 7n * TAO })
      const pending = via.send(call, sender, { era: 4, timeoutMs: 60_000, pollMs: 300 })
      await proxy.cut()
      await local.rpc('dev_newBlock', [{ count: 6 }])
      const r = await pending
      expect(r.status).toBe('not-landed')
      if (r.status !== 'not-landed') return
      expect(r.connectionLost).toBe(true)
      expect(r.reason).toMatch(/era ended/)
      expect(txError(r)?.code).toBe('TX_NOT_LANDED')
      expect(await chain.account(sender.address)).toEqual(before)
    } finally {
      via.close()
      await proxy.close()
    }
  })
})

describe('stderr', () => {
  it('stayed free of polkadot-api noise', () => {
    expect(noise.filter((l) => /disjoint|chainhead|polkadot/i.test(l))).toEqual([])
  })
})
