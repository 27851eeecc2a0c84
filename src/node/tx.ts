import type { PolkadotClient, PolkadotSigner } from 'polkadot-api'
import { deadlineLeftMs, setDeadlineOutcome } from '../core/command-deadline.js'
import { badInput, failed, outcomeUnknown, unreachable, type TaoError } from '../core/errors.js'
import { setInterruptNote } from '../core/interrupt.js'
import { fromHex, toHex } from '../core/hex.js'
import { withDeadline } from './deadline.js'
import { eraPeriod } from './era.js'
import { decodeExtrinsic, eraBirth, extrinsicHash, type Era } from './extrinsic.js'
import type { RuntimeMetadata } from './metadata.js'
import { ss58Address, type Sr25519Keypair } from './signer.js'
import { PlainRpc, RpcError, RpcLost } from './plain-rpc.js'
import { describeRejection } from './rejection.js'
import { watchTx, type TrackContext, type WatchResult } from './track.js'

/** A call built and checked against the runtime's metadata. */
export interface TxCall {
  pallet: string
  name: string
  args: Record<string, unknown>
  callData: `0x${string}`
}

export type WaitFor = 'inclusion' | 'finalization' | 'none'

export interface SignOptions {
  /** Account nonce; default: the node's next index for the account (transactions in its pool counted). */
  nonce?: number
  /** Tip in rao; default 0. */
  tip?: bigint
  /** Mortal era length in blocks (rounded up to a power of two, 4..65536), or 'immortal'; default 64. */
  era?: number | 'immortal'
  /** The partial fee (tip excluded) when the caller already estimated it for this very call: saves a round trip. */
  knownFee?: bigint
}

export interface SendOptions extends SignOptions {
  /** default 'inclusion' */
  waitFor?: WaitFor
  /** Sign and report hex + fee, submit nothing. */
  dryRun?: boolean
  /**
   * How long to follow the chain for the transaction; default 180 s for inclusion, 300 s for finalization,
   * and never past the command's deadline (src/core/command-deadline.ts).
   */
  timeoutMs?: number
  /** Poll interval while following blocks; default 200 ms. */
  pollMs?: number
  /** Lines for a person while following takes long (a lost connection, reconnects, blocks checked). */
  onProgress?: (line: string) => void
}

export type TxEra = { type: 'immortal' } | { type: 'mortal'; period: number; birth: number; death: number }

/** A signed extrinsic ready to submit (what a dry run returns). */
export interface SignedTx {
  txHash: `0x${string}`
  hex: `0x${string}`
  signer: string
  nonce: number
  tip: bigint
  era: TxEra
  /** Estimated fee in rao before signing (TransactionPaymentApi.query_info partial fee + tip); unknown when signed offline. */
  fee: bigint | undefined
  pallet: string
  call: string
}

export type TxResult = WatchResult | { status: 'submitted'; txHash: `0x${string}`; hex: `0x${string}` } | ({ status: 'dry-run' } & SignedTx)

/** What the transaction code needs from a connection. */
export interface TxContext extends TrackContext {
  label: string
  client: PolkadotClient
  /** Submission and tracking: never re-sends anything by itself (see plain-rpc.ts). */
  plain: PlainRpc
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- polkadot-api's unsafe (descriptor-less) API: its types are generic over descriptors we do not have
  api: any
  requestTimeoutMs: number
  /** The signer over a keypair, in the CheckMetadataHash mode this chain gets (src/node/signing-trust.ts). */
  signer(keypair: Sr25519Keypair): Promise<PolkadotSigner>
}

const DEFAULT_ERA = 64
const DEFAULT_TIMEOUT_MS = { inclusion: 180_000, finalization: 300_000 }
/** Following stops this long before the command's deadline, so the report of an unknown outcome gets out. */
const REPORT_MARGIN_MS = 5_000
// One header request per poll: cheap for a node, and a result within a fifth of a second of its block.
const DEFAULT_POLL_MS = 200

export { eraPeriod, MAX_ERA } from './era.js'

/**
 * A mortal transaction is checked against its birth block's hash, which the runtime keeps only for the last
 * `System.BlockHashCount` blocks: an era longer than that promises a life the transaction cannot have.
 */
export function checkEraLife(meta: RuntimeMetadata, era: number): void {
  if (!meta.hasConstant('System', 'BlockHashCount')) return
  const kept = Number(meta.constant('System', 'BlockHashCount'))
  if (era > kept)
    throw badInput(
      `--era ${era} is longer than this runtime keeps block hashes (System.BlockHashCount = ${kept}) ${meta.where}: use --era ${kept} or less, or 0 for immortal`,
      'BAD_ERA',
    )
}

export function buildCall(meta: RuntimeMetadata, pallet: string, name: string, args: Record<string, unknown>, ignoreExtra = false): TxCall {
  const callData = meta.encodeCall(pallet, name, args, { ignoreExtra })
  const info = meta.requireCall(pallet, name)
  const kept = Object.fromEntries(info.args.map((a) => [a.name, args[a.name]]))
  return { pallet, name, args: kept, callData: toHex(callData) }
}

const unsafeTx = (ctx: TxContext, call: TxCall) => ctx.api.tx[call.pallet][call.name](call.args)

/** Next nonce as the node sees it (pool included); AccountNonceApi where the RPC is missing. */
export async function nextNonce(ctx: TxContext, address: string): Promise<number> {
  try {
    return Number(await ctx.rpc<number>('system_accountNextIndex', [address]))
  } catch {
    return Number(await answer(ctx, 'AccountNonceApi.account_nonce', ctx.api.apis.AccountNonceApi.account_nonce(address)))
  }
}

/** polkadot-api's own requests wait for ever on a node that stopped answering: each gets the request deadline. */
const answer = <T>(ctx: TxContext, what: string, p: Promise<T>): Promise<T> =>
  withDeadline(p, ctx.requestTimeoutMs, () => unreachable(`${ctx.label} did not answer (${what}) within ${Math.round(ctx.requestTimeoutMs / 1000)} s; nothing was sent`))

interface Prepared {
  at: { hash: string; number: number }
  nonce: number
  tip: bigint
  era: TxEra
  mortality: { mortal: false } | { mortal: true; period: number }
}

async function prepare(ctx: TxContext, address: string, options: SignOptions): Promise<Prepared> {
  const tip = options.tip ?? 0n
  if (tip < 0n) throw badInput('tip cannot be negative', 'BAD_TIP')
  // Everything the user chose is checked against this runtime before asking the node anything.
  const meta = ctx.metadata()
  meta.checkExtension('ChargeTransactionPayment', tip, 'tip')
  if (options.nonce !== undefined) meta.checkExtension('CheckNonce', options.nonce, 'nonce')
  const blocks = options.era === 'immortal' ? undefined : (options.era ?? DEFAULT_ERA)
  const period = blocks === undefined ? undefined : eraPeriod(blocks)
  if (blocks !== undefined) checkEraLife(meta, blocks)
  const [at, nonce] = await Promise.all([answer(ctx, 'the finalized block', ctx.client.getFinalizedBlock()), options.nonce ?? nextNonce(ctx, address)])
  if (!Number.isInteger(nonce) || nonce < 0) throw badInput(`nonce must be a whole number, not ${nonce}`, 'BAD_NONCE')
  if (period === undefined) return { at, nonce, tip, era: { type: 'immortal' }, mortality: { mortal: false } }
  const birth = eraBirth({ period, phase: at.number % period }, at.number)
  return { at, nonce, tip, era: { type: 'mortal', period, birth, death: birth + period }, mortality: { mortal: true, period } }
}

const txOptions = (p: Prepared) => ({ at: p.at.hash, nonce: p.nonce, tip: p.tip, mortality: p.mortality })

/** Fee estimate (rao, tip excluded) from TransactionPaymentApi.query_info over a same-sized unsigned copy. */
export async function estimateFee(ctx: TxContext, call: TxCall, from: Sr25519Keypair | string, options: SignOptions = {}): Promise<bigint> {
  const address = typeof from === 'string' ? from : ss58Address(from.publicKey)
  const p = await prepare(ctx, address, options)
  return partialFee(ctx, call, address, p)
}

async function partialFee(ctx: TxContext, call: TxCall, address: string, p: Prepared): Promise<bigint> {
  try {
    const info = await answer(ctx, 'the fee estimate', unsafeTx(ctx, call).getPaymentInfo(address, txOptions(p)) as Promise<{ partial_fee: bigint }>)
    return BigInt(info.partial_fee)
  } catch (err) {
    if ((err as TaoError).exitCode === 3) throw err
    const message = (err as Error).message
    // A runtime panic ("wasm `unreachable`") says nothing to a person; the raw text stays for --verbose.
    const why = describeRejection(0, message)
    const words = why?.kind === 'runtimePanic' ? why.words : message
    throw failed(`could not estimate the fee of ${call.pallet}.${call.name}: ${words}`, 'FEE_ESTIMATE', message)
  }
}

/** Estimate the fee, then sign locally. Nothing is sent: this is the dry run. */
export async function signTx(ctx: TxContext, call: TxCall, keypair: Sr25519Keypair, options: SignOptions = {}): Promise<SignedTx> {
  const signer = await ctx.signer(keypair)
  const address = ss58Address(keypair.publicKey, ctx.metadata().ss58Prefix ?? 42)
  const p = await prepare(ctx, address, options)
  const fee = (options.knownFee ?? (await partialFee(ctx, call, address, p))) + p.tip
  const signed: Uint8Array | string = await answer(ctx, 'signing', unsafeTx(ctx, call).sign(signer, txOptions(p)) as Promise<Uint8Array | string>)
  const bytes = typeof signed === 'string' ? fromHex(signed) : signed
  return {
    txHash: extrinsicHash(bytes),
    hex: toHex(bytes),
    signer: address,
    nonce: p.nonce,
    tip: p.tip,
    era: p.era,
    fee,
    pallet: call.pallet,
    call: call.name,
  }
}

/** Sign and submit; by default wait until it is in a block and report what happened. */
export async function sendTx(ctx: TxContext, call: TxCall, keypair: Sr25519Keypair, options: SendOptions = {}): Promise<TxResult> {
  // Open the submission socket while the fee is estimated and the payload signed.
  if (!options.dryRun) ctx.plain.warm()
  const signed = await signTx(ctx, call, keypair, options)
  if (options.dryRun) return { status: 'dry-run', ...signed }
  return submit(ctx, signed.hex, options, { signer: signed.signer, nonce: signed.nonce, era: signed.era })
}

/** Submit an extrinsic signed earlier (e.g. by a dry run) and follow it like sendTx. */
export async function submitSigned(
  ctx: TxContext,
  hex: string,
  options: Omit<SendOptions, keyof SignOptions | 'dryRun'> = {},
): Promise<TxResult> {
  const decoded = decodeExtrinsic(ctx.metadata(), hex)
  if (decoded.kind === 'bare') throw badInput('this extrinsic is not signed; the node would not accept it', 'NOT_SIGNED')
  const head = await headBeforeSubmission(ctx)
  const era = decoded.era && txEra(decoded.era, head)
  return submit(ctx, toHex(fromHex(hex, 'extrinsic')), options, { signer: decoded.signer, nonce: decoded.nonce, era }, head)
}

/** Reads for following a transaction go over the plain socket, with a bounded wait per request. */
const trackerOf = (ctx: TxContext): TrackContext => ({
  metadata: ctx.metadata,
  rpc: <T>(method: string, params: unknown[], timeoutMs = 15_000) => ctx.plain.request<T>(method, params, Math.min(ctx.requestTimeoutMs, timeoutMs)),
})

/** A decoded era in blocks: a mortal one is alive from its birth (at or before `head`) for one period. */
function txEra(era: Era, head: number): TxEra {
  if (era.type === 'immortal') return era
  const birth = eraBirth(era, head)
  return { type: 'mortal', period: era.period, birth, death: birth + era.period }
}

/** The best block number, read where the transaction will be sent: tracking starts there. */
async function headBeforeSubmission(ctx: TxContext): Promise<number> {
  try {
    const header = await trackerOf(ctx).rpc<{ number: string }>('chain_getHeader', [])
    return Number.parseInt(header.number, 16)
  } catch (err) {
    throw unreachable(`cannot reach ${ctx.label} to submit (${(err as Error).message}); nothing was sent`)
  }
}

/** Node messages that mean "this exact transaction is already known": not a failure, keep following it. */
const ALREADY_KNOWN = /already imported|already in the pool|known transaction/i

async function submit(
  ctx: TxContext,
  hex: `0x${string}`,
  options: SendOptions,
  known: { signer?: string; nonce?: number; era?: TxEra },
  head?: number,
): Promise<TxResult> {
  const txHash = extrinsicHash(fromHex(hex))
  const fromBlock = head ?? (await headBeforeSubmission(ctx))
  let connectionLost = false
  // From here on the node may have it: Ctrl-C, or the command's deadline, must not suggest that nothing happened.
  setInterruptNote(`interrupted after sending transaction ${txHash}: it may still land; check the account before sending it again`)
  const validUntil = known.era?.type === 'mortal' ? known.era.death - 1 : undefined
  setDeadlineOutcome((gaveUp) => {
    const err = outcomeUnknown(`${gaveUp}: transaction ${txHash} was sent and may or may not have landed; check the account before sending it again`)
    err.data = { status: 'unknown', txHash, hex, reason: 'the command ran out of time while following it', validUntil: validUntil ?? null, connectionLost }
    return err
  })
  try {
    await ctx.plain.request('author_submitExtrinsic', [hex], ctx.requestTimeoutMs)
  } catch (err) {
    if (err instanceof RpcError) {
      if (!ALREADY_KNOWN.test(err.message)) throw rejected(err)
    } else if (err instanceof RpcLost && !err.sent) {
      throw unreachable(`cannot reach ${ctx.label} to submit (${err.message}); nothing was sent`)
    } else {
      connectionLost = true
    }
  }
  const waitFor = options.waitFor ?? 'inclusion'
  if (waitFor === 'none' && !connectionLost) return { status: 'submitted', txHash, hex }
  const following = waitFor === 'finalization' ? 'finalization' : 'inclusion'
  const timeoutMs = Math.max(0, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS[following], deadlineLeftMs() - REPORT_MARGIN_MS))
  if (connectionLost) options.onProgress?.('the connection dropped while sending; reading the chain to learn whether the transaction arrived')
  const result = await watchTx(trackerOf(ctx), {
    txHash,
    hex,
    fromBlock,
    signer: known.signer,
    nonce: known.nonce,
    death: known.era?.type === 'mortal' ? known.era.death : undefined,
    waitFor: following,
    timeoutMs,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    connectionLost,
    onProgress: options.onProgress,
  })
  // The outcome is known now (an unknown one is reported as such by the caller).
  setDeadlineOutcome(undefined)
  return result
}

/** A refusal at submission in words; the node's own answer stays in the --verbose detail and the JSON. */
function rejected(err: RpcError): TaoError {
  const raw = `${err.code}: ${err.message}${err.data !== undefined && typeof err.data !== 'string' ? ` ${JSON.stringify(err.data)}` : ''}`
  const why = describeRejection(err.code, err.message, err.data)
  const error = failed(
    `the node refused the transaction: ${why?.words ?? err.message}; nothing was included`,
    'TX_REJECTED',
    `node answer: ${raw}`,
  )
  error.data = { rejection: { reason: why?.kind ?? null, node: raw } }
  return error
}

/** The error a command should raise for a result, or undefined when there is nothing to complain about. */
export function txError(result: TxResult): TaoError | undefined {
  switch (result.status) {
    case 'landed':
      if (result.ok || !result.error) return undefined
      return failed(
        `${result.error.pallet}.${result.error.name}${result.error.via ? ` (inside ${result.error.via})` : ''}: ${result.error.docs || 'no description in the runtime'}`,
        'DISPATCH_ERROR',
      )
    case 'not-landed':
      return failed(`the transaction did not land: ${result.reason}`, 'TX_NOT_LANDED')
    case 'unknown':
      // Its own exit code (5): a script must look before sending it again, and must not treat it as a refusal.
      return outcomeUnknown(`transaction ${result.txHash} may or may not have landed: ${result.reason}; check the account before sending it again`)
    default:
      return undefined
  }
}
