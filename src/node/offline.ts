/**
 * Signing on a machine that never talks to a node (an air-gapped coldkey). The online side writes one file with
 * everything a signature depends on (`offlineContext`): the runtime metadata, the genesis hash, the spec and
 * transaction versions, the signer's next nonce and balance, and a recent finalized block for the era to start
 * at. The offline side (`offlineChain`) answers from that file what a signing command asks: call building, the
 * signer's account and nonce, constants; anything else needs a node and says so (exit 2, NEEDS_NODE). What it
 * signs is a dry run: the hex for `tao tx submit`, with the fee unknown (no node to ask).
 */
import { withMetadataHash } from 'polkadot-api/signer'
import { KNOWN_GENESIS, METADATA_HASH_TOKEN } from './metadata-hash.js'
import { trust } from './signing-trust.js'
import { amountJson, type AmountJson } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import { fromHex, toHex } from '../core/hex.js'
import { decodeAddress } from '../core/ss58.js'
import type { AccountInfo, Chain, ChainProperties } from './chain.js'
import { eraPeriod } from './era.js'
import { ExtensionGap, extensionParts } from './extensions.js'
import { decodeExtrinsic, extrinsicHash } from './extrinsic.js'
import { decodeChecked } from './call-check.js'
import { decodeMetadata, type RuntimeMetadata } from './metadata.js'
import { ss58Address, toPolkadotSigner, type Sr25519Keypair } from './signer.js'
import { buildCall, checkEraLife, type PreparedTx, type SignedTx, type SignOptions, type TxCall } from './tx.js'

export const OFFLINE_FORMAT = 'tao-offline-context'
export const OFFLINE_VERSION = 1

/** The file an offline signer is given (JSON; `metadata` is the SCALE metadata as 0x hex). */
export interface OfflineContext {
  format: typeof OFFLINE_FORMAT
  version: typeof OFFLINE_VERSION
  /** The network it was read from, as resolved on the online machine. */
  network: string
  createdAt: string
  genesisHash: `0x${string}`
  specName: string | null
  specVersion: number
  transactionVersion: number
  ss58Prefix: number
  signer: string
  /** The signer's next nonce when the file was written (its pool counted). */
  nonce: number
  /** A finalized block: a mortal era starts here. */
  block: { number: number; hash: `0x${string}` }
  /** The signer's balance at the best block then. */
  account: { free: AmountJson; reserved: AmountJson; frozen: AmountJson }
  /**
   * CheckMetadataHash mode the connected machine settled for this chain (1: the runtime checks the metadata
   * digest, always on finney and test); the offline signature uses the same.
   */
  metadataHashMode: 0 | 1
  metadata: `0x${string}`
}

/** Read everything an offline signer of `signer` needs from a connected chain. */
export async function offlineContext(chain: Chain, network: string, signer: string): Promise<OfflineContext> {
  const view = chain.metadata
  if (view.specVersion === undefined || view.transactionVersion === undefined)
    throw failed(
      `the runtime's metadata does not give its spec and transaction versions ${view.where}; it cannot be signed for offline`,
      'NO_VERSION',
    )
  // The metadata goes into the file only once tao vouches for it (or the runtime will): the same check as signing.
  const [genesisHash, block, nonce, account, trusted] = await Promise.all([
    chain.rpc<`0x${string}`>('chain_getBlockHash', [0]),
    chain.head('finalized'),
    chain.rpc<number>('system_accountNextIndex', [signer]),
    chain.account(signer),
    chain.signingTrust(),
  ])
  return {
    format: OFFLINE_FORMAT,
    version: OFFLINE_VERSION,
    network,
    createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    genesisHash,
    specName: view.specName ?? null,
    specVersion: view.specVersion,
    transactionVersion: view.transactionVersion,
    ss58Prefix: view.ss58Prefix ?? 42,
    signer,
    nonce: Number(nonce),
    block: { number: block.number, hash: block.hash as `0x${string}` },
    account: { free: amountJson(account.free), reserved: amountJson(account.reserved), frozen: amountJson(account.frozen) },
    metadataHashMode: trusted.mode,
    metadata: toHex(view.raw),
  }
}

/** A context read back from its file, checked field by field, with its metadata decoded. */
export interface LoadedContext {
  context: OfflineContext
  view: RuntimeMetadata
}

/** Parse and check an offline context file's text; `file` names it in errors. */
export function parseOfflineContext(text: string, file: string): LoadedContext {
  const bad = (why: string) =>
    badInput(`${file} is not an offline context written by \`tao tx offline-context\`: ${why}`, 'BAD_OFFLINE_CONTEXT')
  let c: Partial<OfflineContext>
  try {
    c = JSON.parse(text) as Partial<OfflineContext>
  } catch {
    throw bad('it is not JSON')
  }
  if (c === null || typeof c !== 'object') throw bad('it is not a JSON object')
  if (c.format !== OFFLINE_FORMAT) throw bad(`"format" is not "${OFFLINE_FORMAT}"`)
  if (c.version !== OFFLINE_VERSION) throw bad(`version ${String(c.version)} is not ${OFFLINE_VERSION} (written by another tao version?)`)
  const hash = (v: unknown, what: string): `0x${string}` => {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) throw bad(`${what} is not a 32-byte 0x hash`)
    return v.toLowerCase() as `0x${string}`
  }
  const whole = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`${what} is not a whole number`)
    return v
  }
  const rao = (v: unknown, what: string): AmountJson => {
    const r = (v as { rao?: unknown } | null)?.rao
    if (typeof r !== 'string' || !/^\d+$/.test(r)) throw bad(`${what} is not an amount`)
    return amountJson(BigInt(r))
  }
  const genesisHash = hash(c.genesisHash, 'genesisHash')
  const block = { number: whole(c.block?.number, 'block.number'), hash: hash(c.block?.hash, 'block.hash') }
  if (typeof c.signer !== 'string' || !decodeAddress(c.signer).ok) throw bad('signer is not an SS58 address')
  if (typeof c.metadata !== 'string' || !/^0x([0-9a-fA-F]{2})+$/.test(c.metadata)) throw bad('metadata is not hex')
  let view: RuntimeMetadata
  try {
    view = decodeMetadata(fromHex(c.metadata, 'metadata'))
  } catch (err) {
    throw bad(`its metadata does not decode (${(err as Error).message})`)
  }
  const specVersion = whole(c.specVersion, 'specVersion')
  const transactionVersion = whole(c.transactionVersion, 'transactionVersion')
  if (view.specVersion !== specVersion || view.transactionVersion !== transactionVersion)
    throw bad(
      `its metadata is of spec ${view.specVersion} (transaction version ${view.transactionVersion}), not the ${specVersion} (${transactionVersion}) it names`,
    )
  const context: OfflineContext = {
    format: OFFLINE_FORMAT,
    version: OFFLINE_VERSION,
    network: typeof c.network === 'string' ? c.network : 'unknown',
    createdAt: typeof c.createdAt === 'string' ? c.createdAt : '',
    genesisHash,
    specName: typeof c.specName === 'string' ? c.specName : null,
    specVersion,
    transactionVersion,
    ss58Prefix: whole(c.ss58Prefix ?? 42, 'ss58Prefix'),
    signer: c.signer,
    nonce: whole(c.nonce, 'nonce'),
    block,
    account: {
      free: rao(c.account?.free, 'account.free'),
      reserved: rao(c.account?.reserved, 'account.reserved'),
      frozen: rao(c.account?.frozen, 'account.frozen'),
    },
    // A file without the field: mode 1 wherever the chain is one that always checks it.
    metadataHashMode: c.metadataHashMode === 1 || Object.values(KNOWN_GENESIS).includes(genesisHash as never) ? 1 : 0,
    metadata: c.metadata as `0x${string}`,
  }
  return { context, view }
}

/** Sign a call from the context alone: nothing is sent, nothing is asked of a node; the fee stays unknown. */
export async function signOffline(
  loaded: LoadedContext,
  call: { pallet: string; name: string; callData: `0x${string}` },
  keypair: Sr25519Keypair,
  options: SignOptions = {},
): Promise<SignedTx> {
  const { context, view } = loaded
  const address = ss58Address(keypair.publicKey, view.ss58Prefix ?? context.ss58Prefix)
  const tip = options.tip ?? 0n
  if (tip < 0n) throw badInput('tip cannot be negative', 'BAD_TIP')
  view.checkExtension('ChargeTransactionPayment', tip, 'tip')
  const nonce = options.nonce ?? (address === context.signer ? context.nonce : undefined)
  if (nonce === undefined)
    throw badInput(
      `the offline context is for ${context.signer}, not for the signer ${address}: give --nonce, or write a context for this key`,
      'NONCE_UNKNOWN',
    )
  view.checkExtension('CheckNonce', nonce, 'nonce')
  const birth = context.block.number
  let era: SignedTx['era']
  let choice: { type: 'immortal' } | { type: 'mortal'; period: number; phase: number }
  if (options.era === 'immortal') {
    era = { type: 'immortal' }
    choice = era
  } else {
    const blocks = options.era ?? 64
    const period = eraPeriod(blocks)
    checkEraLife(view, blocks)
    era = { type: 'mortal', period, birth, death: birth + period }
    choice = { type: 'mortal', period, phase: birth % period }
  }
  let parts
  try {
    parts = extensionParts(
      view,
      {
        genesisHash: context.genesisHash,
        specVersion: context.specVersion,
        transactionVersion: context.transactionVersion,
        birthHash: context.block.hash,
      },
      { nonce, tip, era: choice },
    )
  } catch (err) {
    if (err instanceof ExtensionGap) throw badInput(`cannot sign offline ${view.where}: ${err.message}`, 'OFFLINE_UNSUPPORTED')
    throw err
  }
  const base = toPolkadotSigner(keypair)
  const signer = context.metadataHashMode === 1 ? withMetadataHash(METADATA_HASH_TOKEN, base) : base
  const bytes = await signer.signTx(fromHex(call.callData), Object.fromEntries(parts.map((p) => [p.identifier, p])), view.raw, birth)
  return {
    txHash: extrinsicHash(bytes),
    hex: toHex(bytes),
    signer: address,
    nonce,
    tip,
    era,
    fee: undefined,
    pallet: call.pallet,
    call: call.name,
  }
}

/**
 * A call prepared from the context alone, as a connected signer prepares it: the call bytes decoded back and
 * checked against the call asked for (CALL_MISMATCH), the context's nonce, block, genesis hash and versions; the
 * fee unknown (0 here: no node to ask, and said so in the confirmation and the report).
 */
export function prepareOffline(loaded: LoadedContext, call: TxCall, signer: string, options: SignOptions = {}): PreparedTx {
  const { context, view } = loaded
  const decoded = decodeChecked(view, call)
  const tip = options.tip ?? 0n
  if (tip < 0n) throw badInput('tip cannot be negative', 'BAD_TIP')
  const nonce = options.nonce ?? (signer === context.signer ? context.nonce : undefined)
  if (nonce === undefined)
    throw badInput(
      `the offline context is for ${context.signer}, not for the signer ${signer}: give --nonce, or write a context for this key`,
      'NONCE_UNKNOWN',
    )
  const birth = context.block.number
  let era: PreparedTx['era'] = { type: 'immortal' }
  if (options.era !== 'immortal') {
    const blocks = options.era ?? 64
    const period = eraPeriod(blocks)
    checkEraLife(view, blocks)
    era = { type: 'mortal', period, birth, death: birth + period }
  }
  return {
    call,
    decoded,
    signer,
    nonce,
    tip,
    era,
    at: context.block,
    fee: 0n,
    genesisHash: context.genesisHash,
    specVersion: context.specVersion,
    transactionVersion: context.transactionVersion,
    network: context.network,
  }
}

/**
 * A Chain that answers from an offline context: the metadata (calls, constants, types), the signer's account
 * and nonce, the context's block. Every other read needs a node and fails with NEEDS_NODE (exit 2), naming it.
 */
export function offlineChain(loaded: LoadedContext, file: string): Chain {
  const { context, view } = loaded
  const needsNode = (what: string) =>
    badInput(
      `signing offline (--offline ${file}): this command needs ${what} from a node, which an offline context does not hold; sign it on a connected machine (with --dry-run to submit later)`,
      'NEEDS_NODE',
    )
  const account = (address: string): AccountInfo => {
    if (address !== context.signer) throw needsNode(`the account of ${address}`)
    return {
      nonce: context.nonce,
      free: BigInt(context.account.free.rao),
      reserved: BigInt(context.account.reserved.rao),
      frozen: BigInt(context.account.frozen.rao),
      consumers: 0,
      providers: 1,
    }
  }
  const properties: ChainProperties = {
    name: context.specName ?? 'unknown',
    genesisHash: context.genesisHash,
    ss58Format: context.ss58Prefix,
    tokenDecimals: 9,
    tokenSymbol: 'TAO',
  }
  const head = { hash: context.block.hash, number: context.block.number }
  // What each prepared transaction was asked with: signing it follows the same choices.
  const asked = new WeakMap<PreparedTx, SignOptions>()
  const signPrepared = (p: PreparedTx, keypair: Sr25519Keypair) => {
    if (ss58Address(keypair.publicKey, view.ss58Prefix ?? context.ss58Prefix) !== p.signer)
      throw failed(`the key unlocked is not the signer the transaction was prepared for (${p.signer}); nothing was signed`, 'KEY_MISMATCH')
    return signOffline(loaded, p.call, keypair, { ...asked.get(p), nonce: p.nonce, tip: p.tip })
  }
  return {
    endpoint: { network: 'custom', url: `offline:${file}` },
    metadataSource: 'cache',
    connectMs: 0,
    metadata: view,
    specVersion: view.specVersion,
    followBlocks() {
      throw needsNode('following the chain')
    },
    signingTrust: async () =>
      trust(context.metadataHashMode, context.metadataHashMode === 1 ? 'runtime' : 'offline-context', context.specVersion),
    properties: async () => properties,
    blockNumber: async () => head.number,
    head: async () => head,
    at: () => {
      throw needsNode('chain state at a block')
    },
    atHead: async () => {
      throw needsNode('chain state')
    },
    account: async (address) => account(address),
    existentialDeposit: () => BigInt(view.constant('Balances', 'ExistentialDeposit') as bigint),
    storage: async (pallet, item) => {
      throw needsNode(`${pallet}.${item}`)
    },
    entries: async (pallet, item) => {
      throw needsNode(`${pallet}.${item}`)
    },
    constant: (pallet, name) => view.constant(pallet, name),
    runtimeApi: async (api, method) => {
      throw needsNode(`${api}.${method}`)
    },
    rpc: async <T>(method: string, params: unknown[] = []): Promise<T> => {
      if (method === 'system_accountNextIndex' && params[0] === context.signer) return context.nonce as T
      if (method === 'chain_getBlockHash' && params[0] === 0) return context.genesisHash as T
      throw needsNode(method)
    },
    hasCall: (pallet, name) => view.call(pallet, name) !== undefined,
    callArgs: (pallet, name) => view.call(pallet, name)?.args,
    call: (pallet, name, args = {}, opts = {}) => buildCall(view, pallet, name, args, opts.ignoreExtra),
    // No node to ask: the fee is unknown, counted as nothing where a plan adds it up (said so in the report).
    estimateFee: async () => 0n,
    prepare: async (call, signer, opts = {}) => {
      const p = prepareOffline(loaded, call, signer, opts)
      asked.set(p, opts)
      return p
    },
    signPrepared: async (p, keypair) => signPrepared(p, keypair),
    sendPrepared: async (p, keypair) => ({ status: 'dry-run', ...(await signPrepared(p, keypair)) }),
    sign: (call, keypair, opts) => signOffline(loaded, call, keypair, opts),
    send: async (call, keypair, opts = {}) => ({ status: 'dry-run', ...(await signOffline(loaded, call, keypair, opts)) }),
    submitSigned: async () => {
      throw needsNode('submission')
    },
    decodeExtrinsic: (hex) => decodeExtrinsic(view, hex),
    close: () => undefined,
  }
}
