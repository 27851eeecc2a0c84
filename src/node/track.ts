import { fromHex } from '../core/hex.js'
import { sleep } from './deadline.js'
import { extrinsicHash } from './extrinsic.js'
import type { ChainEvent, DispatchErrorInfo, RuntimeMetadata } from './metadata.js'

/**
 * What the tracker needs from a connection: legacy JSON-RPC reads, which every Subtensor node serves. A read
 * that fails with `RpcLost` (the socket dropped, or no answer in `timeoutMs`) is tried again on a new socket.
 */
export interface TrackContext {
  rpc<T>(method: string, params: unknown[], timeoutMs?: number): Promise<T>
  metadata(): RuntimeMetadata
  /** Wakes the poll when the node announces a new block; without it the tracker only polls. */
  heads?: HeadSignal
}

/** "A new block may be there": lets a poll run at once instead of at its next tick. Never relied on. */
export interface HeadSignal {
  /** Resolves at the next announced block (or at once if one came since the last wait), or after `ms`. */
  wait(ms: number): Promise<void>
  close(): void
}

/**
 * A HeadSignal from a subscription. A node that cannot subscribe, or a dropped socket, leaves plain polling:
 * the tracker's correctness comes from reading blocks by number, the signal only shortens the wait.
 */
export function headSignal(subscribe: (onHead: () => void) => Promise<() => void>): HeadSignal {
  let fresh = false
  let wake: (() => void) | undefined
  const unsubscribe = subscribe(() => {
    fresh = true
    wake?.()
  }).catch(() => undefined)
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          wake = undefined
          fresh = false
          resolve()
        }
        const timer = setTimeout(done, fresh ? 0 : ms)
        wake = done
      }),
    close: () => void unsubscribe.then((u) => u?.()),
  }
}

export interface TxEvent {
  pallet: string
  name: string
  data: unknown
}

/** What every outcome of following a transaction names. */
interface TxTracked {
  txHash: `0x${string}`
  hex: `0x${string}`
  /** The connection failed after the transaction was sent; the outcome was read back from the chain. */
  connectionLost: boolean
}

/** The transaction is in a block. `ok` is false when its dispatch failed (then `error` says why). */
export interface TxLanded extends TxTracked {
  status: 'landed'
  blockHash: `0x${string}`
  blockNumber: number
  /** Position in the block. */
  index: number
  finalized: boolean
  /** What the account paid (TransactionPayment.TransactionFeePaid actual_fee, tip included). */
  fee: bigint | undefined
  events: TxEvent[]
  ok: boolean
  error?: DispatchErrorInfo & { via?: string }
  note?: string
}

/** It did not land and can no longer land (nonce used by another transaction, or era expired). */
export interface TxNotLanded extends TxTracked {
  status: 'not-landed'
  reason: string
}

/** Not found within the time allowed; it may still land until `validUntil` (mortal era end). */
export interface TxUnknown extends TxTracked {
  status: 'unknown'
  reason: string
  validUntil?: number
}

export interface WatchRequest {
  txHash: `0x${string}`
  hex: `0x${string}`
  /** Scan from this block number (the best block when the transaction was sent). */
  fromBlock: number
  signer?: string
  nonce?: number
  /** First block number that can no longer include it (mortal era), if mortal. */
  death?: number
  waitFor: 'inclusion' | 'finalization'
  timeoutMs: number
  pollMs: number
  connectionLost: boolean
  /** Lines for a person while it takes long: a lost connection, each reconnect, the blocks checked so far. */
  onProgress?: (line: string) => void
}

export type WatchResult = TxLanded | TxNotLanded | TxUnknown

interface Header {
  number: string
}
interface SignedBlock {
  block: { extrinsics: string[] }
}

const num = (hexOrNumber: string | number): number => (typeof hexOrNumber === 'number' ? hexOrNumber : Number.parseInt(hexOrNumber, 16))

/** The longest one read may take: a node that does not answer within it is treated as gone, and asked anew. */
const READ_MS = 15_000
/** How often a long wait says which blocks were checked: every 20 s at the default 200 ms poll. */
const progressEvery = (pollMs: number): number => pollMs * 100

/** After the n-th failure in a row: 1 s, 2 s, 4 s, then every 5 s (at the default 200 ms poll). */
export const retryDelay = (failures: number, pollMs: number): number => Math.min(pollMs * 25, pollMs * 5 * 2 ** Math.max(0, failures - 1))

/**
 * Follow the chain block by block (by number, so nothing is missed across a reconnect) until the transaction
 * is found, or the chain proves it cannot land, or time runs out. Reads only; never submits.
 */
export async function watchTx(context: TrackContext, req: WatchRequest): Promise<WatchResult> {
  const deadline = Date.now() + req.timeoutMs
  // Every read ends by the deadline, so the answer ("unknown", with what is known) comes in time.
  const ctx: TrackContext = {
    metadata: context.metadata,
    rpc: (method, params) => context.rpc(method, params, Math.max(1000, Math.min(READ_MS, deadline - Date.now()))),
  }
  const say = req.onProgress ?? (() => undefined)
  let next = req.fromBlock
  let lastError: string | undefined
  let connectionLost = req.connectionLost
  let lastSeen = req.fromBlock
  let nonceSeen: number | undefined
  let failures = 0
  let lastWord = Date.now()
  const base = { txHash: req.txHash, hex: req.hex }

  for (;;) {
    try {
      const head = await bestHead(ctx)
      if (failures > 0) {
        say(`connection back; checking blocks #${Math.min(next, head.number)}–#${head.number} for the transaction`)
        lastWord = Date.now()
      }
      failures = 0
      lastSeen = head.number
      // Read the nonce at the head BEFORE scanning up to it: if it moved past ours and our hash is in none
      // of the scanned blocks, another transaction used the nonce and ours can never land.
      const nonceAtHead = req.signer !== undefined && req.nonce !== undefined ? await accountNonceAt(ctx, req.signer, head.hash) : undefined
      nonceSeen = nonceAtHead
      for (; next <= head.number; next++) {
        const found = await findInBlock(ctx, next, req.txHash)
        if (!found) continue
        if (req.waitFor === 'finalization') {
          const final = await waitFinalized(ctx, found, deadline, req.pollMs)
          if (final === 'reorged') break // rescan this height on the new chain
          if (final === 'timeout')
            return { status: 'unknown', ...base, reason: `in block #${found.number} but not finalized in time`, connectionLost }
        }
        return describeLanded(ctx, found, connectionLost)
      }
      if (nonceAtHead !== undefined && req.nonce !== undefined && nonceAtHead > req.nonce) {
        // Before saying "not ours", look once more at every block since submission (a reorg between the
        // reads above could have hidden it).
        for (let n = req.fromBlock; n <= head.number; n++) {
          const found = await findInBlock(ctx, n, req.txHash)
          if (found) return describeLanded(ctx, found, connectionLost)
        }
        return {
          status: 'not-landed',
          ...base,
          reason: `nonce ${req.nonce} was used by another transaction by block #${head.number}; this one can no longer land`,
          connectionLost,
        }
      }
      if (req.death !== undefined && head.number >= req.death)
        return { status: 'not-landed', ...base, reason: `its era ended at block #${req.death} without it`, connectionLost }
      if (Date.now() - lastWord >= progressEvery(req.pollMs)) {
        const nonce = nonceAtHead !== undefined ? ` (the account's nonce is still ${nonceAtHead})` : ''
        say(
          `waiting for transaction ${req.txHash.slice(0, 10)}…: blocks #${req.fromBlock}–#${head.number} checked, not in them yet${nonce}`,
        )
        lastWord = Date.now()
      }
    } catch (err) {
      // Connection and node errors are worth another look; a decoding bug is not.
      if (err instanceof TypeError || err instanceof RangeError) throw err
      lastError = (err as Error).message || String(err)
      if ((err as Error).name === 'RpcLost') connectionLost = true
      failures++
      if (Date.now() < deadline) {
        const lost = (err as Error).name === 'RpcLost'
        say(
          `${lost ? 'connection to the node lost' : 'a read failed'} (${lastError}); ${lost ? 'reconnecting' : 'trying again'} (${failures})…`,
        )
        lastWord = Date.now()
      }
    }
    if (Date.now() >= deadline) {
      const seen = `not in blocks #${req.fromBlock}–#${lastSeen}`
      const nonce = nonceSeen !== undefined ? `; the account's nonce is still ${nonceSeen}` : ''
      const until = req.death !== undefined ? `; it may still land until block #${req.death - 1}` : ''
      const conn = lastError ? `; last error: ${lastError}` : ''
      return {
        status: 'unknown',
        ...base,
        reason: `${seen}${nonce}${until}${conn}`,
        ...(req.death !== undefined ? { validUntil: req.death - 1 } : {}),
        connectionLost,
      }
    }
    const pause = Math.min(failures > 0 ? retryDelay(failures, req.pollMs) : req.pollMs, Math.max(0, deadline - Date.now()))
    await (failures === 0 && context.heads ? context.heads.wait(pause) : sleep(pause))
  }
}

interface Found {
  number: number
  hash: `0x${string}`
  index: number
  /** The extrinsic as the block holds it. */
  hex: `0x${string}`
}

async function bestHead(ctx: TrackContext): Promise<{ number: number; hash: `0x${string}` }> {
  const header = await ctx.rpc<Header>('chain_getHeader', [])
  const number = num(header.number)
  const hash = await ctx.rpc<`0x${string}`>('chain_getBlockHash', [number])
  return { number, hash }
}

async function findInBlock(ctx: TrackContext, number: number, txHash: string): Promise<Found | null> {
  const hash = await ctx.rpc<`0x${string}` | null>('chain_getBlockHash', [number])
  if (!hash) throw new Error(`block #${number} is not known to the node`)
  const block = await ctx.rpc<SignedBlock | null>('chain_getBlock', [hash])
  if (!block) throw new Error(`block ${hash} is not known to the node`)
  const index = block.block.extrinsics.findIndex((x) => extrinsicHash(fromHex(x)) === txHash)
  return index < 0 ? null : { number, hash, index, hex: block.block.extrinsics[index] as `0x${string}` }
}

async function waitFinalized(ctx: TrackContext, found: Found, deadline: number, pollMs: number): Promise<'final' | 'reorged' | 'timeout'> {
  for (;;) {
    const finalizedHash = await ctx.rpc<`0x${string}`>('chain_getFinalizedHead', [])
    const finalized = num((await ctx.rpc<Header>('chain_getHeader', [finalizedHash])).number)
    if (finalized >= found.number) {
      const canonical = await ctx.rpc<string | null>('chain_getBlockHash', [found.number])
      return canonical === found.hash ? 'final' : 'reorged'
    }
    if (Date.now() >= deadline) return 'timeout'
    await sleep(pollMs)
  }
}

async function accountNonceAt(ctx: TrackContext, address: string, at: string): Promise<number> {
  const account = ctx.metadata().requireStorage('System', 'Account')
  const raw = await ctx.rpc<string | null>('state_getStorage', [account.encodeKey(address), at])
  if (!raw) return 0
  return Number((account.decodeValue(raw) as { nonce: number | bigint }).nonce)
}

/** Read the block's events and turn the transaction's own into a result. */
export async function describeLanded(ctx: TrackContext, found: Found, connectionLost: boolean): Promise<TxLanded> {
  const meta = ctx.metadata()
  const eventsKey = meta.requireStorage('System', 'Events').encodeKey()
  const [raw, finalizedHash] = await Promise.all([
    ctx.rpc<string | null>('state_getStorage', [eventsKey, found.hash]),
    ctx.rpc<`0x${string}`>('chain_getFinalizedHead', []),
  ])
  const finalizedNumber = num((await ctx.rpc<Header>('chain_getHeader', [finalizedHash])).number)
  const all: ChainEvent[] = raw ? meta.decodeEvents(raw) : []
  const own = all.filter((e) => e.phase.type === 'ApplyExtrinsic' && e.phase.value === found.index)
  const events: TxEvent[] = own.map(({ pallet, name, data }) => ({ pallet, name, data }))
  const feePaid = own.find((e) => e.pallet === 'TransactionPayment' && e.name === 'TransactionFeePaid')
  const fee = feePaid ? BigInt((feePaid.data as { actual_fee: bigint | number }).actual_fee) : undefined
  const failure = own.find((e) => e.pallet === 'System' && e.name === 'ExtrinsicFailed')
  const base = {
    status: 'landed' as const,
    ...(connectionLost ? { note: 'the connection dropped after the transaction was sent; this outcome was read back from the chain' } : {}),
    txHash: extrinsicHash(fromHex(found.hex)),
    hex: found.hex,
    blockHash: found.hash,
    blockNumber: found.number,
    index: found.index,
    finalized: finalizedNumber >= found.number,
    fee,
    events,
    connectionLost,
  }
  if (failure) {
    const err = (failure.data as { dispatch_error: unknown }).dispatch_error
    return { ...base, ok: false, error: meta.describeDispatchError(err) }
  }
  const nested = nestedFailure(meta, own)
  return nested ? { ...base, ok: false, error: nested } : { ...base, ok: true }
}

/**
 * A wrapper call (Sudo.sudo, Utility.dispatch_as, Proxy.proxy …) succeeds as an extrinsic even when the
 * call it wraps fails; the failure is in the wrapper's event as `…_result: Err(DispatchError)`.
 */
function nestedFailure(meta: RuntimeMetadata, events: ChainEvent[]): (DispatchErrorInfo & { via: string }) | undefined {
  for (const e of events) {
    if (e.data === null || typeof e.data !== 'object') continue
    for (const [key, value] of Object.entries(e.data as Record<string, unknown>)) {
      if (!key.endsWith('result')) continue
      const r = value as { success?: boolean; value?: unknown }
      if (r && r.success === false) return { ...meta.describeDispatchError(r.value), via: `${e.pallet}.${e.name}` }
    }
  }
  return undefined
}
