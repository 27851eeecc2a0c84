import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { badInput, failed, TaoError, unreachable } from '../../core/errors.js'
import type { Chain, PreparedTx, SendOptions, Sr25519Keypair, TxCall, TxResult } from '../../node/index.js'
import { executeTx, type TxIO } from '../../tx/execute.js'
import type { TxRunner } from '../../tx/intent.js'
import { pendingFile, readPending, updatePending } from './commit-store-file.js'
import { toEmitWeights } from './rules.js'
import { submitWeights, type WeightsRequest } from './submit.js'

// A weight commit's record (salt, uids, values) is written before signing, because the chain keeps only the
// hash. These tests run submitWeights through the real signing path (executeTx) over a fake node and
// terminal, and check when the record leaves the store again: only when the commit surely is not on chain.

const HOTKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const NETUID = 3
const GENESIS = `0x${'11'.repeat(32)}` as const
const TX_HASH = `0x${'ab'.repeat(32)}` as const
const HEX = `0x${'cd'.repeat(24)}` as const
const BLOCK = 100

let stateDir: string
let previousStateDir: string | undefined
beforeAll(() => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'tao-submit-weights-'))
  previousStateDir = process.env.TAO_STATE_DIR
  process.env.TAO_STATE_DIR = stateDir
})
afterAll(() => {
  if (previousStateDir === undefined) delete process.env.TAO_STATE_DIR
  else process.env.TAO_STATE_DIR = previousStateDir
  rmSync(stateDir, { recursive: true, force: true })
})
afterEach(() => {
  rmSync(path.join(stateDir, 'weights'), { recursive: true, force: true })
  vi.restoreAllMocks()
})

type Outcome = (call: TxCall, options: SendOptions) => Promise<TxResult>

const landed = (over: Partial<Extract<TxResult, { status: 'landed' }>> = {}): TxResult => ({
  status: 'landed',
  txHash: TX_HASH,
  hex: HEX,
  blockHash: `0x${'ef'.repeat(32)}`,
  blockNumber: BLOCK + 1,
  index: 1,
  finalized: false,
  fee: 1000n,
  events: [],
  ok: true,
  connectionLost: false,
  ...over,
})

/**
 * A subnet with commit-reveal on (or off), the hotkey registered as uid 0, on a runtime with block-formula
 * epochs; a commit that lands appears in WeightCommits as (commit block, first reveal block, last reveal block).
 */
function fakeSubnet(outcome: Outcome, { commitReveal = true, queued = [] as unknown[] } = {}) {
  const weightCommits: unknown[] = [...queued]
  const values: Record<string, unknown> = {
    NetworksAdded: true,
    SubnetworkN: 4,
    Tempo: 10,
    MinAllowedWeights: 1,
    MaxWeightsLimit: 65535,
    WeightsVersionKey: 0n,
    CommitRevealWeightsEnabled: commitReveal,
    RevealPeriodEpochs: 1n,
    WeightsSetRateLimit: 0n,
    Uids: 0,
    ValidatorPermit: [true, true, true, true],
    LastUpdate: [0n, 0n, 0n, 0n],
  }
  const sent: TxCall[] = []
  const chain = {
    metadata: {
      where: '(spec 218)',
      storage: (_pallet: string, item: string) => (item in values || item === 'WeightCommits' ? {} : undefined),
      runtimeApi: () => undefined,
    },
    hasCall: () => true,
    call: (pallet: string, name: string, args: Record<string, unknown>): TxCall => ({ pallet, name, args, callData: '0x00' }),
    blockNumber: async () => BLOCK,
    properties: async () => ({ genesisHash: GENESIS }),
    storage: async (_pallet: string, item: string) => (item === 'WeightCommits' ? weightCommits : values[item]),
    estimateFee: async () => 1000n,
    rpc: async () => 0,
    signingTrust: async () => ({ mode: 1, verifiedBy: 'runtime', words: 'mode 1' }),
    endpoint: { network: 'local', url: 'ws://127.0.0.1:9944' },
    // The signing path prepares the call (its bytes decoded back) and signs exactly that preparation.
    prepare: async (call: TxCall, signer: string, options: SendOptions): Promise<PreparedTx> => ({
      call,
      decoded: { pallet: call.pallet, name: call.name, args: call.args },
      signer,
      nonce: 0,
      tip: options.tip ?? 0n,
      era: { type: 'immortal' },
      at: { hash: GENESIS, number: BLOCK },
      fee: 1000n,
      genesisHash: GENESIS,
      specVersion: 218,
      transactionVersion: 1,
    }),
    sendPrepared: (p: PreparedTx, keypair: Sr25519Keypair, options: SendOptions) => chain.send(p.call, keypair, options),
    async send(call: TxCall, _keypair: Sr25519Keypair, options: SendOptions) {
      sent.push(call)
      const result = await outcome(call, options)
      if (result.status === 'landed' && result.ok) weightCommits.push([call.args.commit_hash, BigInt(BLOCK + 1), 110n, 120n])
      return result
    },
    close: () => undefined,
  }
  return { chain: chain as unknown as Chain, sent }
}

/** The signing path over the fake node; the person answers `answer` at the prompt. */
interface Terminal {
  answer?: boolean
  dryRun?: boolean
  unlockError?: TaoError
}
function runnerOver(chain: Chain, { answer = true, dryRun = false, unlockError }: Terminal = {}) {
  const logs: string[] = []
  const io: TxIO = {
    log: (line) => logs.push(line),
    note: () => undefined,
    interruptNote: () => undefined,
    signer: async () => ({ ss58: HOTKEY, label: 'hotkey "default" of wallet "alice"' }),
    connect: async () => chain,
    confirm: async () => answer,
    async unlock() {
      if (unlockError) throw unlockError
      return { publicKey: new Uint8Array(32), sign: () => new Uint8Array(64) }
    },
  }
  const runTx: TxRunner = (_kind, plan) =>
    executeTx(
      io,
      { options: { dryRun }, wallet: { path: '/wallets', name: 'alice', hotkey: 'default' }, force: false, noPrompt: false },
      plan,
    )
  return { runTx, logs }
}

const commitRequest: WeightsRequest = { netuid: NETUID, emit: toEmitWeights([0, 1, 2], [1, 2, 3]), mode: 'commit', timelock: false }

/** Commit through a node that answers `outcome`; the error it ends with, if any. */
async function commit(outcome: Outcome, options: Terminal = {}) {
  const node = fakeSubnet(outcome)
  const { runTx, logs } = runnerOver(node.chain, options)
  const result = await submitWeights(runTx, (line) => logs.push(line), commitRequest).then(
    (report) => ({ report, error: undefined }),
    (error: unknown) => ({ report: undefined, error }),
  )
  return { ...result, logs, sent: node.sent }
}

const stored = async () => (await readPending(HOTKEY, NETUID)).commits

describe('submitWeights: the local record of a commit', () => {
  it('landed: kept, with the block it landed in; the reveal window is read back from the chain', async () => {
    const { report, error, logs, sent } = await commit(async () => landed())
    expect(error).toBeUndefined()
    const hash = sent[0]!.args.commit_hash as string
    expect(sent.map((c) => c.name)).toEqual(['commit_weights'])
    const records = await stored()
    expect(records).toEqual([expect.objectContaining({ hash, genesisHash: GENESIS, uids: [0, 1, 2], block: BLOCK + 1, versionKey: '0' })])
    expect(records[0]!.salt).toHaveLength(8)
    expect(report).toMatchObject({
      mode: 'commit',
      commitHash: hash,
      pendingFile: pendingFile(HOTKEY, NETUID),
      reveal: { firstBlock: 110, lastBlock: 120, epoch: 10 },
    })
    expect(logs.at(-1)).toBe(
      `the reveal window opens at block 110 and closes after block 120: run \`tao weights reveal --netuid ${NETUID}\` then (or now, with --wait)`,
    )
  })

  it('a dry run: kept (the signed commit may be submitted later and needs its salt to be revealed), with no block', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const { report, error } = await commit(
      async (call, options) => ({
        status: 'dry-run',
        txHash: TX_HASH,
        hex: HEX,
        signer: HOTKEY,
        nonce: 0,
        tip: 0n,
        era: { type: 'mortal', period: 64, birth: BLOCK, death: BLOCK + 64 },
        fee: options.knownFee ?? 0n,
        pallet: call.pallet,
        call: call.name,
      }),
      { dryRun: true },
    )
    expect(error).toBeUndefined()
    expect(report?.status).toBe('dry-run')
    expect(await stored()).toEqual([expect.objectContaining({ hash: report!.commitHash, block: null })])
    expect(stderr).toHaveBeenCalledWith(
      expect.stringMatching(
        /^the salt is kept in .*: after submitting the commit( \(it can land until block \d+\))?, reveal it with `tao weights reveal --netuid 3`\n$/,
      ),
    )
  })

  describe('removed again when the commit surely is not on chain', () => {
    it('the person refuses at the prompt (CANCELLED)', async () => {
      const { error, sent } = await commit(async () => landed(), { answer: false })
      expect((error as TaoError).code).toBe('CANCELLED')
      expect(sent).toEqual([])
      expect(await stored()).toEqual([])
      expect(existsSync(pendingFile(HOTKEY, NETUID))).toBe(false)
    })

    it('the key does not unlock (exit 4)', async () => {
      const { error, sent } = await commit(async () => landed(), { unlockError: new TaoError(4, 'WRONG_PASSWORD', 'wrong password') })
      expect((error as TaoError).exitCode).toBe(4)
      expect(sent).toEqual([])
      expect(await stored()).toEqual([])
    })

    it('the node refuses the transaction at submission (TX_REJECTED)', async () => {
      const { error } = await commit(async () => {
        throw failed('the node refused the transaction: bad signature; nothing was included', 'TX_REJECTED')
      })
      expect((error as TaoError).code).toBe('TX_REJECTED')
      expect((error as TaoError).data).toMatchObject({ mode: 'commit', call: 'SubtensorModule.commit_weights' })
      expect(await stored()).toEqual([])
    })

    it('it landed and its dispatch failed', async () => {
      const error = { pallet: 'SubtensorModule', name: 'CommittingWeightsTooFast', docs: '' }
      const { error: err } = await commit(async () => landed({ ok: false, error }))
      expect((err as TaoError).code).toBe('DISPATCH_ERROR')
      expect(await stored()).toEqual([])
    })

    it('it can no longer land (TX_NOT_LANDED)', async () => {
      const { error } = await commit(async () => ({
        status: 'not-landed',
        txHash: TX_HASH,
        hex: HEX,
        reason: 'era ended',
        connectionLost: true,
      }))
      expect((error as TaoError).code).toBe('TX_NOT_LANDED')
      expect(await stored()).toEqual([])
    })

    it('and only its own record goes: earlier commits stay', async () => {
      const earlier = {
        hash: `0x${'22'.repeat(32)}`,
        genesisHash: GENESIS,
        uids: [1],
        values: [65535],
        salt: [1, 2, 3, 4, 5, 6, 7, 8],
        versionKey: '0',
        createdAt: '2026-01-01T00:00:00Z',
        block: 90,
      }
      await updatePending(HOTKEY, NETUID, (s) => ({ ...s, commits: [earlier] }))
      const { error } = await commit(async () => landed(), { answer: false })
      expect((error as TaoError).code).toBe('CANCELLED')
      expect(await stored()).toEqual([earlier])
    })
  })

  describe('kept when the commit may be on chain (its salt is the only way to reveal it)', () => {
    it('the connection dropped after submission and the outcome is unknown (TX_UNKNOWN)', async () => {
      const { error, sent } = await commit(async () => ({
        status: 'unknown',
        txHash: TX_HASH,
        hex: HEX,
        reason: 'not in blocks #100–#120; it may still land until block #163',
        validUntil: 163,
        connectionLost: true,
      }))
      expect((error as TaoError).code).toBe('TX_UNKNOWN')
      expect(await stored()).toEqual([expect.objectContaining({ hash: sent[0]!.args.commit_hash, block: null })])
    })

    it('the node became unreachable (exit 3)', async () => {
      const { error } = await commit(async () => {
        throw unreachable('the node went away')
      })
      expect((error as TaoError).exitCode).toBe(3)
      expect(await stored()).toHaveLength(1)
    })

    it('a failure that is not one of ours (no TaoError)', async () => {
      const { error } = await commit(async () => {
        throw new Error('socket hang up')
      })
      expect((error as Error).message).toBe('socket hang up')
      expect(await stored()).toHaveLength(1)
    })

    it('it landed and reading the reveal window back failed', async () => {
      const node = fakeSubnet(async () => landed())
      const { runTx } = runnerOver(node.chain)
      let landedOnce = false
      // The first WeightCommits read (the queue check) answers; the one after landing fails.
      const storage = node.chain.storage.bind(node.chain)
      node.chain.storage = (async (pallet: string, item: string, ...keys: unknown[]) => {
        if (item === 'WeightCommits' && node.sent.length > 0) {
          landedOnce = true
          // Exit 1 and no transaction status: were it not known to have landed, this would remove the record.
          throw failed('cannot read WeightCommits', 'READ_FAILED')
        }
        return storage(pallet, item, ...keys)
      }) as Chain['storage']
      const error = await submitWeights(runTx, () => undefined, commitRequest).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(landedOnce).toBe(true)
      expect((error as TaoError).code).toBe('READ_FAILED')
      expect(await stored()).toEqual([expect.objectContaining({ hash: node.sent[0]!.args.commit_hash, block: null })])
    })
  })

  it('nothing is written when the plan refuses before the commit (too many unrevealed commits)', async () => {
    const queued = Array.from({ length: 10 }, (_, i) => [`0x${String(i).padStart(64, '0')}`, BigInt(BLOCK - 1), 105n, 200n])
    const node = fakeSubnet(async () => landed(), { queued })
    const { runTx } = runnerOver(node.chain)
    const error = await submitWeights(runTx, () => undefined, commitRequest).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect((error as TaoError).code).toBe('TOO_MANY_COMMITS')
    expect(node.sent).toEqual([])
    expect(existsSync(pendingFile(HOTKEY, NETUID))).toBe(false)
  })

  it('set_weights (commit-reveal off) writes no record', async () => {
    const node = fakeSubnet(async () => landed(), { commitReveal: false })
    const { runTx } = runnerOver(node.chain)
    const report = await submitWeights(runTx, () => undefined, { ...commitRequest, mode: 'set' })
    expect(report).toMatchObject({ mode: 'set', status: 'landed' })
    expect(node.sent.map((c) => c.name)).toEqual(['set_weights'])
    expect(existsSync(pendingFile(HOTKEY, NETUID))).toBe(false)
  })

  it('a runner that fails before the plan ran leaves nothing behind', async () => {
    const error = await submitWeights(
      async () => {
        throw badInput('no hotkey "default" in wallet "alice"', 'NO_WALLET')
      },
      () => undefined,
      commitRequest,
    ).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect((error as TaoError).code).toBe('NO_WALLET')
    expect(existsSync(pendingFile(HOTKEY, NETUID))).toBe(false)
  })
})
