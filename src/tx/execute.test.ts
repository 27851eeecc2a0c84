import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import { failed, TaoError, unreachable } from '../core/errors.js'
import type { Chain, PreparedTx, SendOptions, SigningTrust, Sr25519Keypair, TxCall, TxResult } from '../node/index.js'
import { executeTx, mayHaveLanded, type TxIO, type TxRequest } from './execute.js'
import type { Plan, TxIntent } from './intent.js'

// The signing path with every piece of IO faked: a node that answers only what executeTx asks of it (fee,
// next nonce, send, close) and a terminal whose answers and output the test reads back.

const SIGNER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const LABEL = 'coldkey of wallet "alice"'
const CALL: TxCall = { pallet: 'Balances', name: 'transfer_keep_alive', args: { value: 1n }, callData: '0x0503' }
const TX_HASH = `0x${'ab'.repeat(32)}` as const
const HEX = `0x${'cd'.repeat(24)}` as const
const BLOCK_HASH = `0x${'ef'.repeat(32)}` as const
const FEE = 125_000n
const KEYPAIR = { publicKey: new Uint8Array(32), sign: () => new Uint8Array(64) } as Sr25519Keypair

const landed = (over: Partial<Extract<TxResult, { status: 'landed' }>> = {}): TxResult => ({
  status: 'landed',
  txHash: TX_HASH,
  hex: HEX,
  blockHash: BLOCK_HASH,
  blockNumber: 42,
  index: 2,
  finalized: false,
  fee: 130_000n,
  events: [{ pallet: 'Balances', name: 'Transfer', data: { amount: 1n } }],
  ok: true,
  connectionLost: false,
  ...over,
})

const dryRun = (_options: SendOptions, p: PreparedTx): TxResult => ({
  status: 'dry-run',
  txHash: TX_HASH,
  hex: HEX,
  signer: SIGNER,
  nonce: p.nonce,
  tip: p.tip,
  era: p.era,
  fee: p.fee + p.tip,
  pallet: 'Balances',
  call: 'transfer_keep_alive',
})

interface FakeNode {
  chain: Chain
  fees: Array<{ call: TxCall; from: unknown; options: unknown }>
  prepared: Array<{ call: TxCall; signer: string; options: SendOptions }>
  sent: Array<{ prepared: PreparedTx; keypair: Sr25519Keypair; options: SendOptions }>
  rpc: Array<{ method: string; params: unknown }>
  /** What was asked of the node, in order: `prefetch`, `plan`, `prepare`. */
  order: string[]
  closed: number
}

const GENESIS = `0x${'5f'.repeat(32)}` as const
const ENDPOINT = 'ws://127.0.0.1:9944'

/**
 * A node with only the members executeTx uses: `prepare` decodes the call as the runtime would (`decode`: by
 * default, the call itself), `sendPrepared` answers with `outcome` (a result, or a throw).
 */
function fakeNode(
  outcome: (options: SendOptions, prepared: PreparedTx) => Promise<TxResult> = async () => landed(),
  nextNonce = 7,
  trust: () => Promise<SigningTrust> = async () => ({ mode: 1, verifiedBy: 'runtime', words: 'mode 1' }),
  decode: (call: TxCall) => PreparedTx['decoded'] = (call) => ({ pallet: call.pallet, name: call.name, args: call.args }),
): FakeNode {
  const node = { fees: [], prepared: [], sent: [], rpc: [], order: [], closed: 0 } as Omit<FakeNode, 'chain'>
  const chain = {
    endpoint: { network: 'local', url: ENDPOINT },
    signingTrust: trust,
    prefetch(signer: string) {
      node.order.push(`prefetch ${signer}`)
    },
    async estimateFee(call: TxCall, from: unknown, options: unknown) {
      node.fees.push({ call, from, options })
      return FEE
    },
    async prepare(call: TxCall, signer: string, options: SendOptions): Promise<PreparedTx> {
      node.prepared.push({ call, signer, options })
      node.order.push('prepare')
      return {
        call,
        decoded: decode(call),
        signer,
        nonce: options.nonce ?? nextNonce,
        tip: options.tip ?? 0n,
        era: { type: 'mortal', period: 64, birth: 40, death: 104 },
        at: { hash: BLOCK_HASH, number: 40 },
        fee: FEE,
        genesisHash: GENESIS,
        specVersion: 218,
        transactionVersion: 1,
      }
    },
    async rpc(method: string, params: unknown) {
      node.rpc.push({ method, params })
      if (method !== 'system_accountNextIndex') throw new Error(`unexpected rpc ${method}`)
      return nextNonce
    },
    async sendPrepared(prepared: PreparedTx, keypair: Sr25519Keypair, options: SendOptions) {
      node.sent.push({ prepared, keypair, options })
      return outcome(options, prepared)
    },
    close() {
      node.closed++
    },
  }
  return Object.assign(node, { chain: chain as unknown as Chain })
}

interface FakeTerminal {
  io: TxIO
  logs: string[]
  notes: string[]
  questions: string[]
  interruptNotes: string[]
  unlocked: number
  connected: number
}

/** The person answers `answer` at the prompt; `unlock` may fail as a wrong password would. */
function fakeTerminal(node: FakeNode, { answer = true, unlockError }: { answer?: boolean; unlockError?: TaoError } = {}): FakeTerminal {
  const t = {
    logs: [] as string[],
    notes: [] as string[],
    questions: [] as string[],
    interruptNotes: [] as string[],
    unlocked: 0,
    connected: 0,
  }
  const io: TxIO = {
    log: (line) => t.logs.push(stripVTControlCharacters(line)),
    note: (line) => t.notes.push(stripVTControlCharacters(line)),
    interruptNote: (note) => t.interruptNotes.push(note),
    signer: async () => ({ ss58: SIGNER, label: LABEL }),
    async connect() {
      t.connected++
      return node.chain
    },
    async confirm(question) {
      t.questions.push(question)
      return answer
    },
    async unlock() {
      if (unlockError) throw unlockError
      t.unlocked++
      return KEYPAIR
    },
  }
  return Object.assign(t, { io })
}

const request = (options: SendOptions = {}, over: Partial<TxRequest> = {}): TxRequest => ({
  options,
  wallet: { path: '/wallets', name: 'alice', hotkey: 'default' },
  force: false,
  noPrompt: false,
  ...over,
})

const intent = (over: Partial<TxIntent> = {}): TxIntent => ({
  call: CALL,
  summary: 'send τ1 to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  preview: ['the recipient keeps τ0.5 after the transfer', 'existential deposit τ0.0000005'],
  context: { amount: { rao: '1000000000', tao: '1' } },
  ...over,
})
const planOf =
  (i: TxIntent = intent()): Plan =>
  async () =>
    i

/** The error executeTx throws (fails the test when it returns instead). */
async function refusal(p: Promise<unknown>): Promise<TaoError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(TaoError)
  return err as TaoError
}

const CONTEXT = {
  call: 'Balances.transfer_keep_alive',
  signer: SIGNER,
  network: 'local',
  endpoint: ENDPOINT,
  genesisHash: GENESIS,
  specVersion: 218,
  args: { value: '1' },
  callData: '0x0503',
  amount: { rao: '1000000000', tao: '1' },
  estimatedFee: { rao: '125000', tao: '0.000125' },
}

describe('executeTx', () => {
  it('shows the call, the signer, the preview and the fee, asks, unlocks, sends and reports the landed transaction', async () => {
    const node = fakeNode()
    const t = fakeTerminal(node)
    const report = await executeTx(t.io, request(), planOf())

    expect(t.interruptNotes).toEqual(['interrupted; nothing was submitted'])
    expect(t.notes).toEqual([
      `Balances.transfer_keep_alive signed by the ${LABEL} (${SIGNER})\n` +
        '  send τ1 to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\n' +
        '  the recipient keeps τ0.5 after the transfer\n' +
        '  existential deposit τ0.0000005\n' +
        `  network: local (${ENDPOINT}), genesis 0x5f5f5f5f…, spec 218\n` +
        '  call as signed: Balances.transfer_keep_alive(value: 1)\n' +
        '  estimated fee: τ0.000125',
    ])
    expect(t.questions).toEqual(['Sign and submit?'])
    expect(t.unlocked).toBe(1)
    // The call is prepared once (fee of its exact bytes) and exactly that preparation is signed and sent.
    expect(node.fees).toEqual([])
    expect(node.prepared).toEqual([{ call: CALL, signer: SIGNER, options: {} }])
    expect(node.sent).toEqual([
      {
        prepared: expect.objectContaining({ call: CALL, fee: FEE, nonce: 7 }),
        keypair: KEYPAIR,
        options: { onProgress: expect.any(Function) },
      },
    ])
    expect(node.rpc).toEqual([])
    expect(t.logs).toEqual([`included in block #42 ${BLOCK_HASH}\n  fee paid: τ0.00013\n  extrinsic: ${TX_HASH}`])
    expect(report).toEqual({
      ...CONTEXT,
      status: 'landed',
      txHash: TX_HASH,
      hex: HEX,
      block: 42,
      blockHash: BLOCK_HASH,
      index: 2,
      finalized: false,
      fee: { rao: '130000', tao: '0.00013' },
      ok: true,
      dispatchError: null,
      events: [{ pallet: 'Balances', name: 'Transfer', data: { amount: '1' } }],
      connectionLost: false,
      note: null,
    })
    expect(node.closed).toBe(1)
  })

  it('the plan sees the connection, the signer, the wallet and the options, and estimates fees for this signer', async () => {
    const node = fakeNode()
    const t = fakeTerminal(node)
    const options = { tip: 5n, era: 128 }
    const seen: unknown[] = []
    await executeTx(t.io, request(options), async (ctx) => {
      seen.push(ctx.chain, ctx.signer, ctx.wallet, ctx.options, await ctx.estimateFee(CALL))
      return intent()
    })
    expect(seen).toEqual([node.chain, SIGNER, { path: '/wallets', name: 'alice', hotkey: 'default' }, options, FEE])
    // The plan's own estimate is used: no second request for the same call.
    expect(node.fees).toEqual([{ call: CALL, from: SIGNER, options }])
    // What is shown and signed is prepared from the call the plan returned, with the same options.
    expect(node.prepared).toEqual([{ call: CALL, signer: SIGNER, options }])
    expect(node.sent[0]!.prepared.tip).toBe(5n)
  })

  it("the signer's nonce and the head are read while the plan runs, then the call is prepared", async () => {
    const node = fakeNode()
    await executeTx(fakeTerminal(node).io, request(), async () => {
      node.order.push('plan')
      return intent()
    })
    expect(node.order).toEqual([`prefetch ${SIGNER}`, 'plan', 'prepare'])
  })

  it('stops at a refusal at the prompt: CANCELLED, exit 2, nothing unlocked or sent, the connection closed', async () => {
    const node = fakeNode()
    const t = fakeTerminal(node, { answer: false })
    const err = await refusal(executeTx(t.io, request(), planOf()))
    expect([err.code, err.exitCode, err.message]).toEqual(['CANCELLED', 2, 'cancelled; nothing was signed'])
    expect(t.questions).toEqual(['Sign and submit?'])
    expect(t.notes).toHaveLength(1)
    expect(t.unlocked).toBe(0)
    expect(node.sent).toEqual([])
    expect(t.logs).toEqual([])
    expect(node.closed).toBe(1)
  })

  it('with -y / --no-prompt signs without asking', async () => {
    const node = fakeNode()
    const t = fakeTerminal(node, { answer: false })
    const report = await executeTx(t.io, request({}, { noPrompt: true }), planOf())
    expect(report.status).toBe('landed')
    expect(t.questions).toEqual([])
    expect(t.notes).toHaveLength(1)
    expect(t.unlocked).toBe(1)
    expect(node.sent).toHaveLength(1)
  })

  it('a dry run asks nothing, signs, puts the hex alone on stdout and the label on stderr', async () => {
    const node = fakeNode(async (options, p) => dryRun(options, p))
    const t = fakeTerminal(node, { answer: false })
    let readBack = 0
    const report = await executeTx(
      t.io,
      request({ dryRun: true }),
      planOf(
        intent({
          readBack: async () => {
            readBack++
            return {}
          },
        }),
      ),
    )
    expect(t.questions).toEqual([])
    expect(t.unlocked).toBe(1)
    expect(node.sent[0]!.options).toEqual({ dryRun: true, onProgress: expect.any(Function) })
    expect(t.logs).toEqual([HEX])
    expect(t.notes.slice(1)).toEqual([
      expect.stringMatching(
        /^signed, not submitted \(fee about τ0\.000125(; submit it before block #\d+ with `tao tx submit`)?\); the extrinsic:$/,
      ),
    ])
    expect(report).toEqual({
      ...CONTEXT,
      status: 'dry-run',
      txHash: TX_HASH,
      hex: HEX,
      signer: SIGNER,
      nonce: 7,
      tip: { rao: '0', tao: '0' },
      era: { type: 'mortal', period: 64, birth: 40, death: 104 },
      fee: { rao: '125000', tao: '0.000125' },
    })
    expect(readBack).toBe(0)
    expect(node.closed).toBe(1)
  })

  it('a dispatch error fails with exit 1 and carries the whole report for --json', async () => {
    const error = { pallet: 'Balances', name: 'InsufficientBalance', docs: 'Balance too low to send value.' }
    const node = fakeNode(async () => landed({ ok: false, error, events: [] }))
    const t = fakeTerminal(node)
    let readBack = 0
    const err = await refusal(
      executeTx(
        t.io,
        request(),
        planOf(
          intent({
            fromEvents: () => ({ moved: 'never' }),
            readBack: async () => {
              readBack++
              return {}
            },
          }),
        ),
      ),
    )
    expect([err.code, err.exitCode, err.message]).toEqual([
      'DISPATCH_ERROR',
      1,
      'Balances.InsufficientBalance: Balance too low to send value.',
    ])
    expect(err.data).toEqual({
      ...CONTEXT,
      status: 'landed',
      txHash: TX_HASH,
      hex: HEX,
      block: 42,
      blockHash: BLOCK_HASH,
      index: 2,
      finalized: false,
      fee: { rao: '130000', tao: '0.00013' },
      ok: false,
      dispatchError: { ...error, via: null },
      events: [],
      connectionLost: false,
      note: null,
    })
    expect(readBack).toBe(0)
    expect(t.logs).toEqual([])
    expect(node.closed).toBe(1)
  })

  it('a dispatch error inside a batch or proxy names the call it came through', async () => {
    const error = { pallet: 'SubtensorModule', name: 'NotEnoughStake', docs: '', via: 'Utility.batch' }
    const node = fakeNode(async () => landed({ ok: false, error }))
    const err = await refusal(executeTx(fakeTerminal(node).io, request(), planOf()))
    expect(err.message).toBe('SubtensorModule.NotEnoughStake (inside Utility.batch): no description in the runtime')
    expect(err.data?.dispatchError).toEqual(error)
  })

  it('a connection lost after submission with the outcome unknown: TX_UNKNOWN, exit 5, the report says so', async () => {
    const reason = 'the connection to the node was lost after sending and the transaction was not found in blocks 40–50'
    const node = fakeNode(async () => ({ status: 'unknown', txHash: TX_HASH, hex: HEX, reason, validUntil: 104, connectionLost: true }))
    const t = fakeTerminal(node)
    const err = await refusal(executeTx(t.io, request(), planOf()))
    expect([err.code, err.exitCode, err.message]).toEqual([
      'TX_UNKNOWN',
      5,
      expect.stringMatching(new RegExp(`^transaction ${TX_HASH} may or may not have landed: ${reason}`)),
    ])
    expect(err.data).toEqual({ ...CONTEXT, status: 'unknown', txHash: TX_HASH, hex: HEX, reason, validUntil: 104, connectionLost: true })
    expect(node.closed).toBe(1)
  })

  it('a connection lost after submission, the transaction found in a block afterwards: success, with the loss reported', async () => {
    const note = 'the connection dropped after sending; the outcome was read back from the chain'
    const node = fakeNode(async () => landed({ connectionLost: true, note }))
    const t = fakeTerminal(node)
    const report = await executeTx(t.io, request(), planOf())
    expect(report).toMatchObject({ status: 'landed', ok: true, connectionLost: true, note })
    expect(t.logs).toEqual([`included in block #42 ${BLOCK_HASH}\n  fee paid: τ0.00013\n  extrinsic: ${TX_HASH}\n  ${note}`])
  })

  it('a transaction that can no longer land: TX_NOT_LANDED, exit 1', async () => {
    const reason = 'nonce 7 was used by another transaction'
    const node = fakeNode(async () => ({ status: 'not-landed', txHash: TX_HASH, hex: HEX, reason, connectionLost: false }))
    const err = await refusal(executeTx(fakeTerminal(node).io, request(), planOf()))
    expect([err.code, err.exitCode]).toEqual(['TX_NOT_LANDED', 1])
    expect(err.data).toEqual({ ...CONTEXT, status: 'not-landed', txHash: TX_HASH, hex: HEX, reason, connectionLost: false })
  })

  it('a refusal at submission keeps its own data and adds what was refused: the call, the signer, the plan', async () => {
    const node = fakeNode(async () => {
      const why = 'the node refused the transaction: the account cannot pay the fee; nothing was included'
      const err = failed(why, 'TX_REJECTED', 'node answer: 1010')
      err.data = { rejection: { reason: 'payment', node: '1010: Invalid Transaction' } }
      throw err
    })
    const t = fakeTerminal(node)
    const err = await refusal(executeTx(t.io, request(), planOf()))
    expect([err.code, err.exitCode]).toEqual(['TX_REJECTED', 1])
    expect(err.data).toEqual({ ...CONTEXT, rejection: { reason: 'payment', node: '1010: Invalid Transaction' } })
    expect(t.logs).toEqual([])
    expect(node.closed).toBe(1)
  })

  it('a failure that is not a TaoError passes through unchanged', async () => {
    const boom = new Error('socket hang up')
    const node = fakeNode(async () => {
      throw boom
    })
    await expect(executeTx(fakeTerminal(node).io, request(), planOf())).rejects.toBe(boom)
    expect(node.closed).toBe(1)
  })

  it('the fee shown and reported includes the tip; the node gets the fee without it', async () => {
    const node = fakeNode()
    const t = fakeTerminal(node)
    const report = await executeTx(t.io, request({ tip: 10_000n }), planOf())
    expect(t.notes[0]).toMatch(/\n {2}estimated fee: τ0\.000135$/)
    expect(report.estimatedFee).toEqual({ rao: '135000', tao: '0.000135' })
    expect(node.prepared[0]!.options).toEqual({ tip: 10_000n })
    expect(node.sent[0]!.prepared).toMatchObject({ fee: FEE, tip: 10_000n })
  })

  it('a plan without preview lines shows the call, the summary, the chain, the call as signed and the fee', async () => {
    const t = fakeTerminal(fakeNode())
    await executeTx(t.io, request(), planOf(intent({ preview: undefined })))
    expect(t.notes[0]).toBe(
      `Balances.transfer_keep_alive signed by the ${LABEL} (${SIGNER})\n` +
        '  send τ1 to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\n' +
        `  network: local (${ENDPOINT}), genesis 0x5f5f5f5f…, spec 218\n` +
        '  call as signed: Balances.transfer_keep_alive(value: 1)\n' +
        '  estimated fee: τ0.000125',
    )
  })

  it("a preview line quoting the chain's text cannot drive the terminal", async () => {
    const t = fakeTerminal(fakeNode())
    await executeTx(t.io, request(), planOf(intent({ preview: ['current symbol: \u202eβ\u0007\u0008'] })))
    expect(t.notes[0]).toContain('  current symbol: β\n')
  })

  describe('the confirmation names the chain and shows the call decoded from the bytes signed', () => {
    it('the network as chosen (a URL alone when it is one), in the text and the JSON', async () => {
      const url = 'wss://node.example:443'
      const node = fakeNode()
      ;(node.chain as { endpoint: unknown }).endpoint = { network: 'custom', url }
      const t = fakeTerminal(node)
      const report = await executeTx(t.io, request({}, { network: url }), planOf(intent({ preview: undefined })))
      expect(t.notes[0]).toContain(`\n  network: ${url}, genesis 0x5f5f5f5f…, spec 218\n`)
      expect(report).toMatchObject({ network: url, endpoint: url, genesisHash: GENESIS, specVersion: 218 })
    })

    it('what is shown is the decoding of the bytes (a nested call, bytes as text, accounts, enums), and the JSON has them', async () => {
      const call: TxCall = { pallet: 'Sudo', name: 'sudo', args: {}, callData: '0x0f00' }
      const decoded = {
        pallet: 'Sudo',
        name: 'sudo',
        args: { call: { type: 'System', value: { type: 'remark', value: { remark: new TextEncoder().encode('hi\u001b[2J') } } } },
      }
      const t = fakeTerminal(fakeNode(undefined, 7, undefined, () => decoded))
      const report = await executeTx(t.io, request(), planOf(intent({ call, preview: undefined })))
      // A control character in bytes is never written to the terminal: such bytes are shown as hex.
      expect(t.notes[0]).toContain('\n  call as signed: Sudo.sudo(call: System(remark({ remark: 0x68691b5b324a })))\n')
      expect(t.notes[0]!.startsWith('Sudo.sudo signed by')).toBe(true)
      expect(report).toMatchObject({
        call: 'Sudo.sudo',
        args: { call: { type: 'System', value: { type: 'remark', value: { remark: '0x68691b5b324a' } } } },
        callData: '0x0f00',
      })
    })

    it('a preparation that refuses the call bytes (CALL_MISMATCH) stops before anything is shown, unlocked or sent', async () => {
      const node = fakeNode()
      node.chain.prepare = async () => {
        throw failed(
          'the call bytes built for Balances.transfer_keep_alive decode as Balances.transfer_all (spec 218); nothing was signed',
          'CALL_MISMATCH',
        )
      }
      const t = fakeTerminal(node)
      const err = await refusal(executeTx(t.io, request(), planOf()))
      expect([err.code, err.exitCode]).toEqual(['CALL_MISMATCH', 1])
      expect([t.notes, t.questions, t.unlocked, node.sent.length, node.closed]).toEqual([[], [], 0, 0, 1])
    })
  })

  it('in CheckMetadataHash mode 0 the preview says what vouches for the metadata instead of the runtime', async () => {
    const words =
      'CheckMetadataHash mode 0: this runtime (spec 218) cannot check the metadata; tao verified it against the digest it ships for this runtime'
    const t = fakeTerminal(fakeNode(undefined, 7, async () => ({ mode: 0, verifiedBy: 'package', words })))
    await executeTx(t.io, request(), planOf(intent({ preview: undefined })))
    expect(t.notes[0]).toBe(
      `Balances.transfer_keep_alive signed by the ${LABEL} (${SIGNER})\n` +
        '  send τ1 to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\n' +
        `  ${words}\n` +
        `  network: local (${ENDPOINT}), genesis 0x5f5f5f5f…, spec 218\n` +
        '  call as signed: Balances.transfer_keep_alive(value: 1)\n' +
        '  estimated fee: τ0.000125',
    )
  })

  it('metadata nothing can vouch for is refused before anything is shown, unlocked or sent', async () => {
    const node = fakeNode(undefined, 7, async () => {
      throw new TaoError(1, 'METADATA_UNVERIFIED', 'cannot verify the metadata')
    })
    const t = fakeTerminal(node)
    const err = await refusal(executeTx(t.io, request(), planOf()))
    expect([err.code, err.exitCode]).toEqual(['METADATA_UNVERIFIED', 1])
    expect(t.notes).toEqual([])
    expect(t.questions).toEqual([])
    expect(t.unlocked).toBe(0)
    expect(node.sent).toEqual([])
    expect(node.closed).toBe(1)
  })

  describe('--nonce', () => {
    it('ahead of the account next nonce is refused (NONCE_AHEAD, exit 2) before anything is shown or signed', async () => {
      const node = fakeNode(undefined, 7)
      const t = fakeTerminal(node)
      const err = await refusal(executeTx(t.io, request({ nonce: 9 }), planOf()))
      expect([err.code, err.exitCode]).toEqual(['NONCE_AHEAD', 2])
      expect(err.message).toBe(
        "--nonce 9 is ahead of the account's next nonce 7: the transaction would wait until nonces 7–8 are used; pass --force if that is meant",
      )
      expect(node.rpc).toEqual([{ method: 'system_accountNextIndex', params: [SIGNER] }])
      expect([t.notes, t.questions, t.unlocked, node.sent.length, node.closed]).toEqual([[], [], 0, 0, 1])
    })

    it('ahead with --force is sent as given', async () => {
      const node = fakeNode(undefined, 7)
      await executeTx(fakeTerminal(node).io, request({ nonce: 9 }, { force: true }), planOf())
      expect(node.sent[0]!.prepared.nonce).toBe(9)
    })

    it('already used is refused (NONCE_USED, exit 2), with --force too', async () => {
      const node = fakeNode(undefined, 7)
      const err = await refusal(executeTx(fakeTerminal(node).io, request({ nonce: 6 }, { force: true }), planOf()))
      expect([err.code, err.exitCode, err.message]).toEqual(['NONCE_USED', 2, "--nonce 6 is already used (the account's next nonce is 7)"])
      expect(node.sent).toEqual([])
    })

    it('equal to the next nonce is sent; without --nonce the node is not asked', async () => {
      const node = fakeNode(undefined, 7)
      await executeTx(fakeTerminal(node).io, request({ nonce: 7 }), planOf())
      expect(node.sent[0]!.prepared.nonce).toBe(7)
      expect(node.rpc).toHaveLength(1)
    })
  })

  describe('readBack and the command lines', () => {
    it('a landed success: readBack gets the report and its fields join it; describe adds a line; fromEvents adds fields', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node)
      const got: Array<Record<string, unknown>> = []
      const report = await executeTx(
        t.io,
        request(),
        planOf(
          intent({
            fromEvents: (events) => ({ moved: (events[0]!.data as { amount: bigint }).amount.toString() }),
            describe: (r) => `moved ${String(r.moved)} rao`,
            readBack: async (r) => {
              got.push(r)
              return { balanceAfter: '5' }
            },
          }),
        ),
      )
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({ status: 'landed', block: 42, moved: '1' })
      expect(got[0]).not.toHaveProperty('balanceAfter')
      expect(report).toMatchObject({ status: 'landed', moved: '1', balanceAfter: '5' })
      expect(t.logs[1]).toBe('moved 1 rao')
    })

    it('not after a submission not waited for', async () => {
      const node = fakeNode(async () => ({ status: 'submitted', txHash: TX_HASH, hex: HEX }))
      const t = fakeTerminal(node)
      let readBack = 0
      const report = await executeTx(
        t.io,
        request({ waitFor: 'none' }),
        planOf(
          intent({
            readBack: async () => {
              readBack++
              return { x: 1 }
            },
          }),
        ),
      )
      expect(report).toEqual({ ...CONTEXT, status: 'submitted', txHash: TX_HASH, hex: HEX })
      expect(readBack).toBe(0)
      expect(t.logs).toEqual([`submitted ${TX_HASH} (not waiting)`])
    })

    it('a readBack that fails fails the command, and the connection is still closed', async () => {
      const node = fakeNode()
      const err = await refusal(
        executeTx(
          fakeTerminal(node).io,
          request(),
          planOf(
            intent({
              readBack: async () => {
                throw unreachable('the node went away')
              },
            }),
          ),
        ),
      )
      expect(err.exitCode).toBe(3)
      expect(node.closed).toBe(1)
    })
  })

  describe('the connection is closed however it ends', () => {
    it('when the plan throws (nothing shown, asked, unlocked or sent)', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node)
      const boom = new TaoError(2, 'UNKNOWN_SUBNET', 'subnet 9 does not exist')
      await expect(executeTx(t.io, request(), async () => Promise.reject(boom))).rejects.toBe(boom)
      expect([t.notes, t.questions, t.unlocked, node.prepared.length, node.sent.length, node.closed]).toEqual([[], [], 0, 0, 0, 1])
    })

    it('when the key does not unlock (nothing sent)', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node, { unlockError: new TaoError(4, 'WRONG_PASSWORD', 'wrong password for the coldkey') })
      const err = await refusal(executeTx(t.io, request(), planOf()))
      expect([err.code, err.exitCode]).toEqual(['WRONG_PASSWORD', 4])
      expect([node.sent.length, node.closed]).toEqual([0, 1])
    })

    it('a signer that cannot be read stops before connecting', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node)
      const missing = new TaoError(2, 'NO_WALLET', 'no coldkey in wallet "alice"')
      t.io.signer = async () => Promise.reject(missing)
      await expect(executeTx(t.io, request(), planOf())).rejects.toBe(missing)
      expect([t.connected, node.closed]).toEqual([0, 0])
    })
  })

  it('mayHaveLanded: whether each way the signing path fails may have left the transaction on chain', async () => {
    const failure = async (
      outcome: (options: SendOptions) => Promise<TxResult>,
      terminal: { answer?: boolean; unlockError?: TaoError } = {},
    ) => {
      const node = fakeNode(outcome)
      return executeTx(fakeTerminal(node, terminal).io, request(), planOf()).then(
        () => undefined,
        (e: unknown) => e,
      )
    }
    const dispatchFailed = landed({ ok: false, error: { pallet: 'Balances', name: 'InsufficientBalance', docs: '' } })
    const gone: TxResult = { status: 'not-landed', txHash: TX_HASH, hex: HEX, reason: 'era over', connectionLost: false }
    const cases: Array<[string, unknown, boolean]> = [
      ['refused at the prompt', await failure(async () => landed(), { answer: false }), false],
      ['wrong password', await failure(async () => landed(), { unlockError: new TaoError(4, 'WRONG_PASSWORD', 'wrong password') }), false],
      ['refused by the node', await failure(async () => Promise.reject(failed('the node refused the transaction', 'TX_REJECTED'))), false],
      ['landed, dispatch failed', await failure(async () => dispatchFailed), false],
      ['can no longer land', await failure(async () => gone), false],
      [
        'outcome unknown',
        await failure(async () => ({ status: 'unknown', txHash: TX_HASH, hex: HEX, reason: 'lost', connectionLost: true })),
        true,
      ],
      ['node unreachable', await failure(async () => Promise.reject(unreachable('the node went away'))), true],
      ['not a TaoError', await failure(async () => Promise.reject(new Error('socket hang up'))), true],
    ]
    for (const [, err] of cases) expect(err).toBeDefined()
    expect(cases.map(([what, err]) => [what, mayHaveLanded(err)])).toEqual(cases.map(([what, , may]) => [what, may]))
  })

  describe('a typed confirmation (confirmPhrase)', () => {
    const phrase = { prompt: 'Type the last 6 characters to confirm:', answer: 'M694ty' }
    const typing = (t: FakeTerminal, typed: string) => {
      const asked: Array<[string, string]> = []
      t.io.confirmTyped = async (prompt, answer) => (asked.push([prompt, answer]), typed === answer)
      return asked
    }

    it('asks for the phrase instead of y/N, after the preview; the right answer signs', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node, { answer: false })
      const asked = typing(t, 'M694ty')
      await executeTx(t.io, request(), planOf(intent({ confirmPhrase: phrase })))
      expect(asked).toEqual([[phrase.prompt, phrase.answer]])
      expect(t.questions).toEqual([])
      expect(t.notes[0]).toMatch(/estimated fee/)
      expect(node.sent).toHaveLength(1)
    })

    it('anything else typed cancels: nothing unlocked or sent', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node)
      typing(t, 'y')
      const err = await refusal(executeTx(t.io, request(), planOf(intent({ confirmPhrase: phrase }))))
      expect([err.code, err.exitCode]).toEqual(['CANCELLED', 2])
      expect([t.unlocked, node.sent.length]).toEqual([0, 0])
    })

    it('-y and --dry-run skip it; a terminal that cannot ask for one refuses', async () => {
      const node = fakeNode()
      const t = fakeTerminal(node)
      const asked = typing(t, '')
      await executeTx(t.io, request({}, { noPrompt: true }), planOf(intent({ confirmPhrase: phrase })))
      await executeTx(t.io, request({ dryRun: true }), planOf(intent({ confirmPhrase: phrase })))
      expect(asked).toEqual([])
      const bare = fakeTerminal(fakeNode())
      const err = await refusal(executeTx(bare.io, request(), planOf(intent({ confirmPhrase: phrase }))))
      expect([err.code, err.exitCode, bare.unlocked]).toEqual(['MISSING_INPUT', 2, 0])
    })
  })
})
