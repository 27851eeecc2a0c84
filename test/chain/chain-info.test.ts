/**
 * `tao chain info` against the local chain (spec 218): every figure equals the storage read here on its own
 * (raw state_getStorage at the block the command names), and the emission it computes is the one the runtime
 * computes, seen in the BlockEmission item the next block writes, on both sides of the first halving.
 */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockEmissionForIssuance, blocksToEmit, halvingIssuance, halvingsAt } from '../../src/subtensor/emission.js'
import { connect, type Chain } from '../../src/node/index.js'
import { cleanEnv, repoRoot, runTao, taoBin } from '../helpers/cli.js'
import { assertJsonContract } from '../helpers/json-contract.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const TAO = 1_000_000_000n
const CAP = 21_000_000n * TAO

describe('chain info against a real local chain', { timeout: 240_000 }, () => {
  let net: Localnet
  let chain: Chain
  /** A storage value at a block, read with plain state_getStorage and decoded with the runtime's metadata. */
  const stored = async (at: string, pallet: string, item: string, ...keys: unknown[]) => {
    const info = chain.metadata.requireStorage(pallet, item)
    const raw: string | null = await net.rpc('state_getStorage', [info.encodeKey(...keys), at])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const info = async () => {
    const r = await runTao(['chain', 'info', '--json', '--network', net.endpoint])
    expect(r.code, r.stderr).toBe(0)
    return r.json
  }
  const amount = (rao: bigint) => ({ rao: rao.toString(), tao: expect.any(String) })

  beforeAll(async () => {
    net = await startLocalnet()
    chain = await connect(net.endpoint)
  })
  afterAll(async () => {
    chain?.close()
    await net?.stop()
  })

  it('reports every figure exactly as the chain stores it, at the block it names', async () => {
    await net.newBlock(2)
    const j = await info()
    const at: string = j.blockHash
    const header = await net.rpc('chain_getHeader', [at])
    expect(j.block).toBe(parseInt(header.number, 16))
    expect(j.finalizedBlock).toBeLessThanOrEqual(j.block)
    expect(j.runtime).toEqual({ specName: 'node-subtensor', specVersion: 218 })

    const issuance = BigInt((await stored(at, 'SubtensorModule', 'TotalIssuance')) as bigint)
    expect(j.issuance).toEqual({ rao: issuance.toString(), tao: expect.any(String) })
    expect(j.balancesIssuance).toEqual(amount(BigInt((await stored(at, 'Balances', 'TotalIssuance')) as bigint)))
    expect(j.totalStake).toEqual(amount(BigInt((await stored(at, 'SubtensorModule', 'TotalStake')) as bigint)))
    expect(j.subnetCount).toBe(Number(await stored(at, 'SubtensorModule', 'TotalNetworks')))
    expect(j.subnetLimit).toBe(Number(await stored(at, 'SubtensorModule', 'SubnetLimit')))
    expect(j.timestamp).toBe(new Date(Number(await stored(at, 'Timestamp', 'Now'))).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    expect(j.supplyCap).toEqual({ rao: CAP.toString(), tao: '21000000' })
    expect(j.issuedShare).toBe(Number(issuance) / Number(CAP))

    // Spec 218 keeps TAO weight per subnet: one entry per subnet, the item's default where none is stored.
    expect(j.taoWeight).toBeNull()
    const netuids = (await chain.entries('SubtensorModule', 'NetworksAdded')).map((e) => Number(e.keys[0])).sort((a, b) => a - b)
    expect(j.taoWeightBySubnet.map((w: { netuid: number }) => w.netuid)).toEqual(netuids)
    for (const w of j.taoWeightBySubnet) expect(w.raw).toBe(String(await stored(at, 'SubtensorModule', 'TaoWeight', w.netuid)))

    // The emission is computed from the issuance (not echoed from BlockEmission), and the estimate from it.
    const emission = blockEmissionForIssuance(issuance)
    expect(j.blockEmission).toEqual(amount(emission))
    expect(j.halvings).toBe(halvingsAt(issuance))
    expect(j.blockTimeMs).toBe(Number(await chain.runtimeApi('AuraApi', 'slot_duration')))
    const blocks = blocksToEmit(halvingIssuance(1) - issuance, emission)!
    expect(j.nextHalving).toMatchObject({
      halving: 1,
      issuance: { rao: halvingIssuance(1).toString(), tao: '10500000' },
      remaining: amount(halvingIssuance(1) - issuance),
      blockEmission: { rao: '500000000', tao: '0.5' },
      blocks: Number(blocks),
      block: j.block + Number(blocks),
      date: new Date(Date.parse(j.timestamp) + Number(blocks) * j.blockTimeMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    })
    expect(j.notInRuntime).toEqual([])
  })

  it('computes the block emission as the runtime does, on both sides of the first halving', async () => {
    // With subnet 1 stable (mechanism 0, the item's default), a block's BlockEmission is the TAO emission the
    // runtime computed for the issuance at the block's start (no alpha emission overwrites it).
    const cases: Array<[bigint, bigint, number, bigint]> = [
      [halvingIssuance(1) - 1n, TAO, 0, halvingIssuance(1)],
      [halvingIssuance(1), TAO / 2n, 1, halvingIssuance(2)],
      [halvingIssuance(2) - 1n, TAO / 2n, 1, halvingIssuance(2)],
      [halvingIssuance(2), TAO / 4n, 2, halvingIssuance(3)],
    ]
    for (const [issuance, emission, halvings, next] of cases) {
      await net.setStorage({
        SubtensorModule: {
          TotalIssuance: issuance.toString(),
          BlockEmission: '7',
          SubnetMechanism: [[[1], null]],
          SubnetTAO: [[[1], (1000n * TAO).toString()]],
        },
      })
      const j = await info()
      expect(j.issuance.rao, 'the issuance just written').toBe(issuance.toString())
      expect(j.blockEmission).toEqual(amount(emission))
      expect(j.halvings).toBe(halvings)
      expect(j.nextHalving.issuance.rao).toBe(next.toString())
      expect(j.nextHalving.remaining.rao).toBe((next - issuance).toString())
      expect(j.nextHalving.blocks).toBe(Number(blocksToEmit(next - issuance, emission)))
      await net.newBlock()
      const best = await net.rpc('chain_getBlockHash', [])
      expect(BigInt((await stored(best, 'SubtensorModule', 'BlockEmission')) as bigint), `the runtime's emission at ${issuance}`).toBe(
        emission,
      )
    }
  })

  it('--watch prints one JSON document a line at each new block, and Ctrl-C ends it with 130', async () => {
    const child = spawn(process.execPath, [taoBin, 'chain', 'info', '--watch', '--json', '--network', net.endpoint], {
      cwd: repoRoot,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const lines = () => stdout.split('\n').filter((l) => l.trim() !== '')
    const waitFor = async (n: number) => {
      for (let i = 0; i < 900 && lines().length < n; i++) await new Promise((r) => setTimeout(r, 100))
      expect(lines().length, stderr).toBeGreaterThanOrEqual(n)
    }
    try {
      await waitFor(1)
      const first = JSON.parse(lines()[0]!).block as number
      await net.newBlock()
      await waitFor(2)
      await net.newBlock()
      await waitFor(3)
      child.kill('SIGINT')
      expect(await exited).toBe(130)
      // Each line is a whole `chain info` document (docs/schemas/chain-info.schema.json).
      assertJsonContract(['chain', 'info', '--watch', '--json'], { code: 130, stdout })
      const docs = lines().map((l) => JSON.parse(l))
      expect(docs.map((d) => d.block).slice(0, 3)).toEqual([first, first + 1, first + 2])
      for (const d of docs) expect(d.issuance.rao).toMatch(/^\d+$/)
      expect(stderr).toBe('')
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('--watch for people re-prints the view, and Ctrl-C ends it with 130', async () => {
    const child = spawn(process.execPath, [taoBin, 'chain', 'info', '--watch', '--network', net.endpoint], {
      cwd: repoRoot,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const views = () => stdout.match(/^Runtime /gm)?.length ?? 0
    try {
      for (let i = 0; i < 900 && views() < 1; i++) await new Promise((r) => setTimeout(r, 100))
      await net.newBlock()
      for (let i = 0; i < 900 && views() < 2; i++) await new Promise((r) => setTimeout(r, 100))
      expect(views()).toBe(2)
      child.kill('SIGINT')
      expect(await exited).toBe(130)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('a node that is not there exits 3', async () => {
    const r = await runTao(['chain', 'info', '--network', 'ws://127.0.0.1:1'], { env: { TAO_CONNECT_TIMEOUT: '2000' } })
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/cannot reach/)
  })
})
