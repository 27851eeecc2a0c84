import { compactBn, Struct, u128, u8 } from '@polkadot-api/substrate-bindings'
import type { PolkadotClient, PolkadotSigner } from 'polkadot-api'
import { deadlineLeftMs, setDeadlineOutcome } from '../core/command-deadline.js'
import { badInput, failed, outcomeUnknown, unreachable, type TaoError } from '../core/errors.js'
import { setInterruptNote } from '../core/interrupt.js'
import { fromHex, toHex } from '../core/hex.js'
import { withDeadline } from './deadline.js'
import { decodeChecked } from './call-check.js'
import { eraPeriod } from './era.js'
import { ExtensionGap, extensionParts, type ExtensionPart } from './extensions.js'
import { decodeExtrinsic, eraBirth, extrinsicHash, type Era } from './extrinsic.js'
import type { DecodedCall, RuntimeMetadata } from './metadata.js'
import { publicKeyOf, signedExtrinsic, ss58Address, type Sr25519Keypair } from './signer.js'
import { PlainRpc, RpcError, RpcLost } from './plain-rpc.js'
import { describeRejection } from './rejection.js'
import { headSignal, watchTx, type HeadSignal, type TrackContext, type WatchResult } from './track.js'

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
  /**
   * The partial fee (tip excluded) when the caller already estimated it for these very bytes: saves a round trip.
   * (Within one connection an estimate of the same extrinsic is reused anyway.)
   */
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
  withDeadline(p, ctx.requestTimeoutMs, () =>
    unreachable(`${ctx.label} did not answer (${what}) within ${Math.round(ctx.requestTimeoutMs / 1000)} s; nothing was sent`),
  )

/**
 * A transaction ready to be shown and signed: the exact call bytes, the call decoded back from them, and all the
 * chain told us to sign them. What a person confirms is this; signing it reads nothing more from the node.
 */
export interface PreparedTx {
  /** The call as built; `call.callData` is what is signed. */
  call: TxCall
  /** `call.callData` decoded with the runtime's metadata (checked to be the call asked for). */
  decoded: DecodedCall
  /** SS58 of the key that will sign. */
  signer: string
  nonce: number
  tip: bigint
  /** The era planned from `at`; signing starts it at the latest finalized block then (same size, same fee). */
  era: TxEra
  /** The finalized block the fee was estimated at. */
  at: { hash: string; number: number }
  /** Partial fee in rao (tip excluded) of an extrinsic of exactly these bytes and this size. */
  fee: bigint
  genesisHash: `0x${string}`
  specVersion: number
  transactionVersion: number
  /** Where these facts come from when not from a connection: the network an offline context was read from. */
  network?: string
}

/**
 * What one connection has read for the transaction it is preparing: each account's nonce and block, and fees by
 * extrinsic. Kept from a plan's fee estimate to the confirmation (seconds), forgotten once something is signed or
 * submitted (the nonce moves on) and after a minute (a long-lived connection must not sign with old reads).
 */
interface Reads {
  basics: Map<string, Basics & { readAt: number }>
  fees: Map<string, Promise<bigint>>
  genesis?: Promise<`0x${string}`>
}

/** The finalized block a transaction starts from, and the account's nonce: the node's next index (pool counted). */
interface Basics {
  at: Promise<{ hash: string; number: number }>
  nonce: Promise<number>
  /** The nonce as stored at `at` (fast to read), or the one given: the fee is asked with it while `nonce` comes. */
  early: Promise<number | undefined>
}

// Keyed by the connection: the plan's fee estimate and the signature that follows share one nonce and head read.
const readsOf = new WeakMap<TxContext, Reads>()
const reads = (ctx: TxContext): Reads => {
  let r = readsOf.get(ctx)
  if (!r) readsOf.set(ctx, (r = { basics: new Map(), fees: new Map() }))
  return r
}

const REUSE_MS = 60_000

/** After a signature or a submission the account's nonce moves on: read it again for the next transaction. */
const forgetReads = (ctx: TxContext) => {
  const r = reads(ctx)
  r.basics.clear()
  r.fees.clear()
}

const genesisOf = (ctx: TxContext): Promise<`0x${string}`> => {
  const r = reads(ctx)
  if (!r.genesis) {
    r.genesis = ctx.rpc<string>('chain_getBlockHash', [0]).then((h) => h.toLowerCase() as `0x${string}`)
    r.genesis.catch(() => (r.genesis = undefined))
  }
  return r.genesis
}

/** The finalized block and the account's next nonce (or the one given), read once per connection. */
function basicsOf(ctx: TxContext, address: string, given: number | undefined): Basics {
  const key = `${address} ${given ?? 'next'}`
  const known = reads(ctx).basics.get(key)
  if (known && performance.now() - known.readAt < REUSE_MS) return known
  const at = answer(ctx, 'the finalized block', ctx.client.getFinalizedBlock()).then((b) => ({ hash: b.hash, number: b.number }))
  const nonce = Promise.resolve(given ?? nextNonce(ctx, address)).then((n) => {
    if (!Number.isInteger(n) || n < 0) throw badInput(`nonce must be a whole number, not ${n}`, 'BAD_NONCE')
    return n
  })
  const early = given !== undefined ? Promise.resolve(given) : at.then((b) => storedNonce(ctx, address, b.hash)).catch(() => undefined)
  const basics = { at, nonce, early, readAt: performance.now() }
  reads(ctx).basics.set(key, basics)
  Promise.all([at, nonce]).catch(() => reads(ctx).basics.delete(key))
  return basics
}

/**
 * Start reading what signing for this account needs (its nonce, the finalized block, the genesis hash) while the
 * caller plans its call: prepareTx then finds them read. A failure here surfaces there, when it is read again.
 */
export function prefetchSigning(ctx: TxContext, address: string, options: SignOptions = {}): void {
  const basics = basicsOf(ctx, address, options.nonce)
  Promise.all([basics.at, basics.nonce, basics.early, genesisOf(ctx)]).catch(() => undefined)
}

/** System.Account's nonce at a block (a storage read, no runtime call); undefined where the runtime lacks it. */
async function storedNonce(ctx: TxContext, address: string, at: string): Promise<number | undefined> {
  const item = ctx.metadata().storage('System', 'Account')
  if (!item) return undefined
  const raw = await ctx.rpc<string | null>('state_getStorage', [item.encodeKey(address), at])
  if (raw === null) return 0
  const nonce = (item.decodeValue(raw) as { nonce?: unknown }).nonce
  return typeof nonce === 'number' || typeof nonce === 'bigint' ? Number(nonce) : undefined
}

/** Bytes a SCALE compact integer takes: what the nonce adds to the extrinsic's size. */
const compactSize = (n: number): number => (n < 1 << 6 ? 1 : n < 1 << 14 ? 2 : n < 2 ** 30 ? 4 : 5)

type EraChoice = { type: 'immortal' } | { type: 'mortal'; period: number }

/** Tip, nonce and era checked against this runtime before the node is asked anything. */
function checkChoices(meta: RuntimeMetadata, options: SignOptions): { tip: bigint; era: EraChoice } {
  const tip = options.tip ?? 0n
  if (tip < 0n) throw badInput('tip cannot be negative', 'BAD_TIP')
  meta.checkExtension('ChargeTransactionPayment', tip, 'tip')
  if (options.nonce !== undefined) meta.checkExtension('CheckNonce', options.nonce, 'nonce')
  if (options.era === 'immortal') return { tip, era: { type: 'immortal' } }
  const blocks = options.era ?? DEFAULT_ERA
  const period = eraPeriod(blocks)
  checkEraLife(meta, blocks)
  return { tip, era: { type: 'mortal', period } }
}

/** The era as signed from block `at`: a mortal one is born there (its phase is exact up to MAX_ERA). */
function eraFrom(choice: EraChoice, at: { number: number }): TxEra {
  if (choice.type === 'immortal') return choice
  const birth = eraBirth({ period: choice.period, phase: at.number % choice.period }, at.number)
  return { type: 'mortal', period: choice.period, birth, death: birth + choice.period }
}

const eraChoiceOf = (era: TxEra): EraChoice => (era.type === 'immortal' ? era : { type: 'mortal', period: era.period })

/** Every transaction extension's value and signed-only part for these choices, as this runtime lists them. */
function extensionsFor(
  meta: RuntimeMetadata,
  p: Pick<PreparedTx, 'genesisHash' | 'specVersion' | 'transactionVersion' | 'nonce' | 'tip'>,
  era: TxEra,
  birthHash: string,
): ExtensionPart[] {
  try {
    return extensionParts(
      meta,
      {
        genesisHash: p.genesisHash,
        specVersion: p.specVersion,
        transactionVersion: p.transactionVersion,
        birthHash: birthHash as `0x${string}`,
      },
      {
        nonce: p.nonce,
        tip: p.tip,
        era: era.type === 'immortal' ? era : { type: 'mortal', period: era.period, phase: era.birth % era.period },
      },
    )
  } catch (err) {
    if (err instanceof ExtensionGap) throw failed(`cannot sign for this runtime ${meta.where}: ${err.message}`, 'UNSUPPORTED_EXTENSION')
    throw err
  }
}

/**
 * Build what will be signed and everything shown before: decode the call bytes back (refusing bytes that are not
 * the call asked for), read the nonce, the finalized block and the genesis hash once, and estimate the fee of an
 * extrinsic of exactly these call bytes and this size (a zero signature). Nothing is signed.
 */
export async function prepareTx(ctx: TxContext, call: TxCall, address: string, options: SignOptions = {}): Promise<PreparedTx> {
  const meta = ctx.metadata()
  const { tip, era: choice } = checkChoices(meta, options)
  const decoded = decodeChecked(meta, call)
  if (meta.specVersion === undefined || meta.transactionVersion === undefined)
    throw failed(
      `the runtime's metadata does not give its spec and transaction versions ${meta.where}: nothing can be signed for it`,
      'NO_VERSION',
    )
  const basics = basicsOf(ctx, address, options.nonce)
  const [at, genesisHash] = await Promise.all([basics.at, genesisOf(ctx)])
  const base = {
    call,
    decoded,
    signer: address,
    tip,
    era: eraFrom(choice, at),
    at,
    genesisHash,
    specVersion: meta.specVersion,
    transactionVersion: meta.transactionVersion,
  }
  if (options.knownFee !== undefined) return { ...base, nonce: await basics.nonce, fee: options.knownFee }
  // The fee depends on the call, the extrinsic's size and the tip, not on the nonce's value: it is asked with the
  // stored nonce while the node's next index (its pool counted) is read, and asked again only if their sizes differ.
  const early = basics.early.then((n) => (n === undefined ? undefined : { nonce: n, fee: feeOf(ctx, { ...base, nonce: n }) }))
  early.then((e) => e?.fee.catch(() => undefined)).catch(() => undefined)
  const nonce = await basics.nonce
  const first = await early
  const fee = first && compactSize(first.nonce) === compactSize(nonce) ? await first.fee : await feeOf(ctx, { ...base, nonce })
  return { ...base, nonce, fee }
}

/** TransactionPaymentApi.query_info over the extrinsic with a zero signature; one request per distinct extrinsic. */
function feeOf(ctx: TxContext, p: Omit<PreparedTx, 'fee'>): Promise<bigint> {
  const meta = ctx.metadata()
  const callData = fromHex(p.call.callData)
  const extra = extensionsFor(meta, p, p.era, p.at.hash).map((e) => e.value)
  const unsigned = signedExtrinsic(meta.metadata, publicKeyOf(p.signer), new Uint8Array(64), extra, callData)
  const key = `${toHex(unsigned)} ${p.at.hash}`
  const known = reads(ctx).fees.get(key)
  if (known) return known
  const arg = new Uint8Array(unsigned.length + 4)
  arg.set(unsigned)
  new DataView(arg.buffer).setUint32(unsigned.length, unsigned.length, true)
  const fee = ctx
    .rpc<string>('state_call', ['TransactionPaymentApi_query_info', toHex(arg), p.at.hash])
    .then((result) => BigInt(queryInfo(meta, result).partial_fee))
    .catch((err: unknown) => {
      if ((err as TaoError).exitCode === 3) throw err
      const message = (err as Error).message
      // A runtime panic ("wasm `unreachable`") says nothing to a person; the raw text stays for --verbose.
      const why = describeRejection(0, message)
      const words = why?.kind === 'runtimePanic' ? why.words : message
      throw failed(`could not estimate the fee of ${p.call.pallet}.${p.call.name}: ${words}`, 'FEE_ESTIMATE', message)
    })
  reads(ctx).fees.set(key, fee)
  fee.catch(() => reads(ctx).fees.delete(key))
  return fee
}

// RuntimeDispatchInfo as every Subtensor runtime returns it, for metadata that lists no runtime APIs (v14).
const [, queryInfoFallback] = Struct({ weight: Struct({ ref_time: compactBn, proof_size: compactBn }), class: u8, partial_fee: u128 })

const queryInfo = (meta: RuntimeMetadata, result: string): { partial_fee: bigint } =>
  (meta.runtimeApi('TransactionPaymentApi', 'query_info')?.decodeResult(result) as { partial_fee: bigint } | undefined) ??
  queryInfoFallback(fromHex(result, 'query_info result'))

/** Fee estimate (rao, tip excluded) of exactly this call, from TransactionPaymentApi.query_info. */
export async function estimateFee(ctx: TxContext, call: TxCall, from: Sr25519Keypair | string, options: SignOptions = {}): Promise<bigint> {
  const address = typeof from === 'string' ? from : ss58Address(from.publicKey, ctx.metadata().ss58Prefix ?? 42)
  return (await prepareTx(ctx, call, address, options)).fee
}

/**
 * Sign a prepared transaction locally: exactly its call bytes, with its nonce and tip, and its era started at the
 * latest finalized block the connection has seen (no request; a confirmation that took minutes does not cut the
 * transaction's life short). Nothing is sent.
 */
export async function signPrepared(ctx: TxContext, p: PreparedTx, keypair: Sr25519Keypair): Promise<SignedTx> {
  const meta = ctx.metadata()
  const address = ss58Address(keypair.publicKey, meta.ss58Prefix ?? 42)
  if (publicKeyHex(address) !== publicKeyHex(p.signer))
    throw failed(
      `the key unlocked (${address}) is not the signer the transaction was prepared for (${p.signer}); nothing was signed`,
      'KEY_MISMATCH',
    )
  const latest = await answer(ctx, 'the finalized block', ctx.client.getFinalizedBlock())
  const birth = latest.number >= p.at.number ? { hash: latest.hash, number: latest.number } : p.at
  const era = p.era.type === 'immortal' ? p.era : eraFrom(eraChoiceOf(p.era), birth)
  const extensions = Object.fromEntries(extensionsFor(meta, p, era, birth.hash).map((e) => [e.identifier, e]))
  const callData = fromHex(p.call.callData)
  const bytes = await (await ctx.signer(keypair)).signTx(callData, extensions, meta.raw, birth.number)
  // This nonce is taken now (whoever submits it): the next transaction reads the account afresh.
  forgetReads(ctx)
  // The signer is handed the bytes; make sure they are what it signed into the extrinsic, at its very end.
  if (!endsWith(bytes, callData))
    throw failed(
      `the signed extrinsic does not end with the call bytes shown (${p.call.callData}); nothing was sent`,
      'SIGNED_CALL_MISMATCH',
    )
  return {
    txHash: extrinsicHash(bytes),
    hex: toHex(bytes),
    signer: address,
    nonce: p.nonce,
    tip: p.tip,
    era,
    fee: p.fee + p.tip,
    pallet: p.call.pallet,
    call: p.call.name,
  }
}

const publicKeyHex = (address: string) => toHex(publicKeyOf(address))

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > bytes.length) return false
  const offset = bytes.length - tail.length
  return tail.every((b, i) => bytes[offset + i] === b)
}

/** Prepare (estimating the fee), then sign locally. Nothing is sent: this is the dry run. */
export async function signTx(ctx: TxContext, call: TxCall, keypair: Sr25519Keypair, options: SignOptions = {}): Promise<SignedTx> {
  const address = ss58Address(keypair.publicKey, ctx.metadata().ss58Prefix ?? 42)
  return signPrepared(ctx, await prepareTx(ctx, call, address, options), keypair)
}

/** Sign a prepared transaction and submit it; by default wait until it is in a block and report what happened. */
export async function sendPrepared(
  ctx: TxContext,
  p: PreparedTx,
  keypair: Sr25519Keypair,
  options: Omit<SendOptions, keyof SignOptions> = {},
): Promise<TxResult> {
  // Open the submission socket while the payload is signed.
  if (!options.dryRun) ctx.plain.warm()
  const signed = await signPrepared(ctx, p, keypair)
  if (options.dryRun) return { status: 'dry-run', ...signed }
  return submit(ctx, signed.hex, options, { signer: signed.signer, nonce: signed.nonce, era: signed.era })
}

/** Prepare, sign and submit; by default wait until it is in a block and report what happened. */
export async function sendTx(ctx: TxContext, call: TxCall, keypair: Sr25519Keypair, options: SendOptions = {}): Promise<TxResult> {
  if (!options.dryRun) ctx.plain.warm()
  const address = ss58Address(keypair.publicKey, ctx.metadata().ss58Prefix ?? 42)
  return sendPrepared(ctx, await prepareTx(ctx, call, address, options), keypair, options)
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
  forgetReads(ctx)
  const era = decoded.era && txEra(decoded.era, head)
  return submit(ctx, toHex(fromHex(hex, 'extrinsic')), options, { signer: decoded.signer, nonce: decoded.nonce, era }, head)
}

/** Reads for following a transaction go over the plain socket, with a bounded wait per request. */
const trackerOf = (ctx: TxContext, heads?: HeadSignal): TrackContext => ({
  metadata: ctx.metadata,
  ...(heads ? { heads } : {}),
  rpc: <T>(method: string, params: unknown[], timeoutMs = 15_000) =>
    ctx.plain.request<T>(method, params, Math.min(ctx.requestTimeoutMs, timeoutMs)),
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
    const err = outcomeUnknown(
      `${gaveUp}: transaction ${txHash} was sent and may or may not have landed; check the account before sending it again`,
    )
    err.data = {
      status: 'unknown',
      txHash,
      hex,
      reason: 'the command ran out of time while following it',
      validUntil: validUntil ?? null,
      connectionLost,
    }
    return err
  })
  const waitFor = options.waitFor ?? 'inclusion'
  // Asked before the submission, on the same socket, so the block that includes it is announced to us.
  const heads =
    waitFor === 'none'
      ? undefined
      : headSignal((onHead) =>
          ctx.plain.subscribe('chain_subscribeNewHeads', [], 'chain_unsubscribeNewHeads', onHead, ctx.requestTimeoutMs),
        )
  try {
    return await follow()
  } finally {
    heads?.close()
  }

  async function follow(): Promise<TxResult> {
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
    if (waitFor === 'none' && !connectionLost) return { status: 'submitted', txHash, hex }
    const following = waitFor === 'finalization' ? 'finalization' : 'inclusion'
    const timeoutMs = Math.max(0, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS[following], deadlineLeftMs() - REPORT_MARGIN_MS))
    if (connectionLost)
      options.onProgress?.('the connection dropped while sending; reading the chain to learn whether the transaction arrived')
    const result = await watchTx(trackerOf(ctx, heads), {
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
      return outcomeUnknown(
        `transaction ${result.txHash} may or may not have landed: ${result.reason}; check the account before sending it again`,
      )
    default:
      return undefined
  }
}
