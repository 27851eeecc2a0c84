import { createClient, type PolkadotClient } from 'polkadot-api'
import { getWsProvider, type StatusChange } from 'polkadot-api/ws'
import { failed, TaoError, unreachable } from '../core/errors.js'
import { fromHex } from '../core/hex.js'
import { connectTimeoutMs, withDeadline } from './deadline.js'
import { decodeExtrinsic, type DecodedExtrinsic } from './extrinsic.js'
import { sameBytes, type RunRuntime } from './derive-metadata.js'
import type { KnownRuntimes } from './known-runtimes.js'
import { diskMetadataCache, type CachedMetadata, type MetadataCache, type MetadataKey } from './metadata-cache.js'
import { mode1Memory, type Mode1Memory } from './metadata-hash.js'
import { probeMetadataHash } from './metadata-probe.js'
import { decodeMetadata, type CallArg, type EncodeOptions, type RuntimeMetadata } from './metadata.js'
import { checkTransport, endpointLabel, resolveEndpoint, type Endpoint } from './networks.js'
import { PlainRpc } from './plain-rpc.js'
import { blockReads, type BlockReads } from './reads.js'
import { probeEndpoint, type ProbeResult } from './probe.js'
import { muteDisjointNoise, quietly } from './quiet.js'
import { publicKeyOf, type Sr25519Keypair } from './signer.js'
import {
  checkServedMetadata,
  decideTrust,
  expectedGenesis,
  explainRejection,
  signerFor,
  type Loaded,
  type SigningTrust,
} from './signing-trust.js'
import { SocketClosedError, socketRequests } from './socket-requests.js'
import {
  buildCall,
  estimateFee,
  prefetchSigning,
  prepareTx,
  sendPrepared,
  sendTx,
  signPrepared,
  signTx,
  submitSigned,
  type PreparedTx,
  type SendOptions,
  type SignedTx,
  type SignOptions,
  type TxCall,
  type TxContext,
  type TxResult,
} from './tx.js'

export interface ConnectOptions {
  /** Deadline for connecting and loading the runtime; default TAO_CONNECT_TIMEOUT or 10 s. */
  timeoutMs?: number
  /** Deadline for each read afterwards; default 60 s. */
  requestTimeoutMs?: number
  /** Metadata cache; default the disk cache (TAO_CACHE_DIR or ~/.cache/taocli/metadata); false: none. */
  cache?: MetadataCache | false
  /** Every JSON-RPC message of the main connection, for --verbose and tests. */
  trace?: (direction: 'out' | 'in', message: string) => void
  /**
   * Called once when the connection drops after connect() succeeded (not on close()). polkadot-api would
   * retry on its own; a caller that follows the chain (tao watch) closes this Chain and connects anew.
   */
  onDisconnect?: (reason: string) => void
  /**
   * Sign in CheckMetadataHash mode 0 with metadata nothing could verify (this package does not know the runtime,
   * Chopsticks is not installed to derive it): the user takes the node's word for what the transaction means.
   */
  trustNodeMetadata?: boolean
  /** The runtimes whose metadata digests tao ships (default: src/node/known-runtimes.ts); for tests. */
  knownRuntimes?: KnownRuntimes
  /** Where the genesis hashes that accepted CheckMetadataHash mode 1 are remembered (default: tao's state folder). */
  mode1Memory?: Mode1Memory
  /** What runs a runtime's code here (default: Chopsticks' executor, when installed); for tests. */
  runtimeRunner?: () => Promise<RunRuntime | undefined>
  /** Allow plain ws:// to a host that is not this machine (exit 2, INSECURE_ENDPOINT, otherwise). */
  insecure?: boolean
}

export interface AccountInfo {
  nonce: number
  free: bigint
  reserved: bigint
  frozen: bigint
  consumers: number
  providers: number
}

/** A block, by hash and number. */
export interface BlockRef {
  hash: string
  number: number
}

export interface ChainProperties {
  name: string
  genesisHash: string
  ss58Format: number
  tokenDecimals: number
  tokenSymbol: string
}

/** A connection to a Subtensor node; every layout comes from the metadata it serves. */
export interface Chain {
  readonly endpoint: Endpoint
  /** Where the runtime metadata came from on connect. */
  readonly metadataSource: 'cache' | 'node'
  /** Milliseconds from connect() to a usable runtime. */
  readonly connectMs: number
  /** The runtime's metadata (at connect time). */
  readonly metadata: RuntimeMetadata
  /**
   * How transactions signed here are protected against metadata a node could have tampered with: the
   * CheckMetadataHash mode and who vouches for the metadata, with a line for the preview. Decided once, before
   * anything is signed (it may ask the runtime, or run the runtime code locally); refused (exit 1,
   * METADATA_UNVERIFIED / METADATA_MISMATCH) when nothing can vouch. Every signature on this chain uses it.
   */
  signingTrust(): Promise<SigningTrust>
  readonly specVersion: number | undefined

  properties(): Promise<ChainProperties>
  blockNumber(which?: 'best' | 'finalized'): Promise<number>
  /** The best or finalized block's hash and number, as the connection follows the chain (no request). */
  head(which?: 'best' | 'finalized'): Promise<BlockRef>
  /**
   * Follow the chain: `onBlock` for each new best block ('best') or finalized block ('finalized'), the first
   * at once with the current one, along with the latest finalized block at that moment (for 'finalized', the
   * block itself). A block's number is known to reads at its hash without a request. `onError` when the
   * following fails (the connection was closed). Returns the function that stops it.
   */
  followBlocks(
    which: 'best' | 'finalized',
    onBlock: (block: BlockRef, finalized: BlockRef) => void,
    onError: (err: unknown) => void,
  ): () => void
  /** Reads that all see the block with this hash (any block the node still has); see BlockReads. */
  at(blockHash: string): BlockReads
  /** Reads at the best (default) or finalized block as it is now: one consistent snapshot. */
  atHead(which?: 'best' | 'finalized'): Promise<BlockReads>
  /** The account at the best block. */
  account(address: string): Promise<AccountInfo>
  existentialDeposit(): bigint
  /** One storage value at the best block: `(await atHead()).storage(…)`, the item and keys checked first. */
  storage(pallet: string, item: string, ...keys: unknown[]): Promise<unknown>
  /** Every entry of a map at the best block. */
  entries(pallet: string, item: string, ...partialKeys: unknown[]): Promise<Array<{ keys: unknown[]; value: unknown }>>
  constant(pallet: string, name: string): unknown
  /** A runtime API call at the best block. */
  runtimeApi(api: string, method: string, ...args: unknown[]): Promise<unknown>
  /** Raw JSON-RPC on the main connection (with the request deadline). */
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>

  hasCall(pallet: string, name: string): boolean
  /** The call's arguments in this runtime, or undefined when the call does not exist. */
  callArgs(pallet: string, name: string): CallArg[] | undefined
  /** Build and check a call; `badInput('<Pallet>.<call> is not in this runtime (spec N)')` (exit 2) when missing. */
  call(pallet: string, name: string, args?: Record<string, unknown>, options?: EncodeOptions): TxCall
  estimateFee(call: TxCall, from: Sr25519Keypair | string, options?: SignOptions): Promise<bigint>
  /**
   * Everything shown before signing: the call decoded back from its bytes (CALL_MISMATCH unless it is the call
   * asked for), nonce, era, the fee of exactly these bytes, genesis hash and spec version. The nonce, block and
   * fee are read once per connection and shared with estimateFee.
   */
  prepare(call: TxCall, signer: string, options?: SignOptions): Promise<PreparedTx>
  /** Start reading what `prepare` needs for this signer (nonce, head, genesis) while a plan runs; nothing waits on it. */
  prefetch?(signer: string, options?: SignOptions): void
  /** Sign exactly what was prepared (the era started at the latest finalized block). */
  signPrepared(prepared: PreparedTx, keypair: Sr25519Keypair): Promise<SignedTx>
  sendPrepared(prepared: PreparedTx, keypair: Sr25519Keypair, options?: Omit<SendOptions, keyof SignOptions>): Promise<TxResult>
  sign(call: TxCall, keypair: Sr25519Keypair, options?: SignOptions): Promise<SignedTx>
  send(call: TxCall, keypair: Sr25519Keypair, options?: SendOptions): Promise<TxResult>
  submitSigned(hex: string, options?: Omit<SendOptions, keyof SignOptions | 'dryRun'>): Promise<TxResult>
  decodeExtrinsic(hex: string): DecodedExtrinsic

  close(): void
}

const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

/**
 * Connect to a network name (finney, test, archive, local) or a ws/wss URL, and load the runtime
 * (metadata from the disk cache when this runtime was seen before). Fails with exit code 3 when the node
 * does not answer within the deadline: polkadot-api alone would retry for ever.
 */
export async function connect(network = 'finney', options: ConnectOptions = {}): Promise<Chain> {
  const endpoint = resolveEndpoint(network)
  checkTransport(endpoint, options.insecure ?? false)
  muteDisjointNoise()
  const label = endpointLabel(endpoint)
  const timeoutMs = options.timeoutMs ?? connectTimeoutMs()
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const cache = options.cache === false ? undefined : (options.cache ?? diskMetadataCache())
  const started = performance.now()
  let metadataSource: 'cache' | 'node' = 'node'
  let loaded: Loaded = 'unchecked'
  let codeHash = ''
  let genesis = ''
  let loadedAt: BlockRef = { hash: '', number: 0 }
  let connected = false
  // After connect() returned: a drop is reported to onDisconnect (once), unless close() caused it.
  let ready = false
  let dropped = false
  const trace = options.trace

  // Node's WebSocket errors carry no reason, so when the socket fails (or, at the latest, shortly before
  // the deadline) a hand-made upgrade request tells why. A refused port, an unknown host or a server that
  // answers plain HTTP will not change within the deadline: fail at once instead of retrying until it passes.
  const probeMs = Math.min(1500, timeoutMs)
  let probe: Promise<ProbeResult> | undefined
  let refuse: (err: TaoError) => void = () => undefined
  const refused = new Promise<never>((_, reject) => {
    refuse = reject
  })
  refused.catch(() => undefined)
  const askWhy = () => {
    if (probe) return
    probe = probeEndpoint(endpoint.url, probeMs)
    void probe.then(({ why, definite }) => {
      if (!connected && definite) refuse(unreachable(`cannot reach ${label} (${why})`))
    })
  }
  const probeTimer = setTimeout(() => {
    if (!connected) askWhy()
  }, timeoutMs - probeMs)
  const socket = getWsProvider(endpoint.url, {
    timeout: timeoutMs,
    onStatusChanged: (s: StatusChange) => {
      if (s.type === 'CONNECTED') connected = true
      else if ((s.type === 'ERROR' || s.type === 'CLOSE') && !connected) askWhy()
      else if ((s.type === 'ERROR' || s.type === 'CLOSE') && ready && !dropped) {
        dropped = true
        options.onDisconnect?.(s.type === 'CLOSE' ? 'connection closed' : 'connection error')
      }
    },
    ...(trace
      ? {
          logger: (e: { type: string; msg?: string }) => {
            if (e.type === 'OUT' && e.msg) trace('out', e.msg)
            if (e.type === 'IN' && e.msg) trace('in', e.msg)
          },
        }
      : {}),
  })
  // The legacy reads and raw requests share the client's socket (see socket-requests.ts).
  const own = socketRequests(socket)
  // The key of a cached runtime: asked at once, answered while polkadot-api starts following the chain.
  const asked = <T>(method: string, params: unknown[]) => Promise.resolve().then(() => own.request<T>(method, params))
  const genesisHash = asked<string>('chain_getBlockHash', [0]).then((h) => h.toLowerCase())
  const nodeSpec = asked<{ specVersion: number }>('state_getRuntimeVersion', []).then((v) => Number(v.specVersion))
  genesisHash.catch(() => undefined)
  nodeSpec.catch(() => undefined)
  const memory = options.mode1Memory ?? mode1Memory()
  const mode1Genesis = memory.load()
  // The metadata polkadot-api got for each runtime (code hash): from our cache (verified when written) or from
  // the node (nothing is written until it is verified, below or before signing).
  const seen = new Map<string, { metadata: Uint8Array; cached?: CachedMetadata }>()
  const client = createClient(own.provider, {
    getMetadata: async (codeHash) => {
      const [genesis, specVersion] = cache ? await Promise.all([genesisHash, nodeSpec]).catch(() => []) : []
      const hit = genesis && specVersion !== undefined ? await cache!.get({ genesis, specVersion, codeHash }) : null
      if (hit) seen.set(codeHash.toLowerCase(), { metadata: hit.metadata, cached: hit })
      return hit?.metadata ?? null
    },
    setMetadata: (codeHash, metadata) => {
      seen.set(codeHash.toLowerCase(), { metadata })
    },
  })

  let raw: Uint8Array
  const timedOut = new Error('timeout')
  const loadRuntime = async () => {
    const finalized = await client.getFinalizedBlock()
    loadedAt = { hash: finalized.hash, number: finalized.number }
    const metadata = await client.getMetadata(finalized.hash)
    genesis = await genesisHash
    const expected = expectedGenesis(endpoint.network)
    if (expected && genesis !== expected)
      throw failed(`${label} reports genesis ${genesis}, not ${endpoint.network}'s (${expected}): refusing to use it`, 'WRONG_GENESIS')
    const found = [...seen].find(([, s]) => s.metadata === metadata) ?? [...seen].find(([, s]) => sameBytes(s.metadata, metadata))
    if (found) {
      codeHash = found[0]
      metadataSource = found[1].cached ? 'cache' : 'node'
      // Metadata fresh from the node is checked now: a runtime this package knows must match its digest.
      loaded =
        found[1].cached?.verifiedBy ??
        checkServedMetadata({ label, codeHash, metadata, genesis, remembered: await mode1Genesis, known: options.knownRuntimes })
    }
    return metadata
  }
  try {
    raw = await withDeadline(Promise.race([loadRuntime(), refused]), timeoutMs, () => timedOut)
  } catch (err) {
    destroyQuietly(client)
    if (err instanceof TaoError) throw err
    if (err !== timedOut) throw unreachable(`cannot load the runtime from ${label}: ${(err as Error).message}`)
    if (connected) throw unreachable(`${label} did not serve its runtime within ${seconds(timeoutMs)}`)
    const why = probe ? (await probe).why : 'no answer'
    throw unreachable(`cannot reach ${label} within ${seconds(timeoutMs)} (${why})`)
  } finally {
    clearTimeout(probeTimer)
  }
  let meta: RuntimeMetadata | undefined
  const getMetadata = () => (meta ??= decodeMetadata(raw))
  /** Where this runtime's verified metadata is cached: under the metadata's own spec version. */
  const cacheKey = (): MetadataKey | undefined =>
    codeHash && genesis && getMetadata().specVersion !== undefined
      ? { genesis, specVersion: getMetadata().specVersion!, codeHash }
      : undefined
  // Finish writing the cache now (a few ms): a short command could otherwise exit before it lands.
  if (cache && metadataSource === 'node' && loaded !== 'unchecked') {
    const key = cacheKey()
    if (key) await cache.set(key, { metadata: raw, verifiedBy: loaded })
  }
  const closedError = () => unreachable(`the connection to ${label} was closed`)
  /** A request with no deadline of its own, for reads that the caller bounds and names (see `read`). */
  const request = <T>(method: string, params: unknown[]): Promise<T> => own.request<T>(method, params)
  const rpc = <T>(method: string, params: unknown[] = []): Promise<T> =>
    withDeadline(
      own.request<T>(method, params).catch((err: unknown) => {
        throw err instanceof SocketClosedError ? closedError() : err
      }),
      requestTimeoutMs,
      () => unreachable(`${label} did not answer ${method} within ${seconds(requestTimeoutMs)}`),
    )
  const api = client.getUnsafeApi()
  const plain = new PlainRpc(endpoint.url, timeoutMs)
  let trust: Promise<SigningTrust> | undefined
  const signingTrust = async (): Promise<SigningTrust> =>
    (trust ??= (async () =>
      decideTrust({
        label,
        genesis,
        codeHash,
        metadata: raw,
        specVersion: getMetadata().specVersion,
        loaded,
        block: loadedAt,
        remembered: await mode1Genesis,
        memory,
        cache,
        cacheKey: cacheKey(),
        known: options.knownRuntimes,
        trustNodeMetadata: options.trustNodeMetadata ?? false,
        probe: async () =>
          probeMetadataHash(
            {
              rpc,
              signRemark: async (signer, at) => {
                const signed: Uint8Array | string = await api.tx.System!.remark!({ remark: new Uint8Array(0) }).sign(signer, {
                  at,
                  nonce: 0,
                  mortality: { mortal: false },
                })
                return typeof signed === 'string' ? fromHex(signed) : signed
              },
            },
            (await client.getFinalizedBlock()).hash,
          ),
        readCode: async (at) => {
          const code = await rpc<string | null>('state_getStorage', [CODE_KEY, at])
          return code ? fromHex(code, ':code') : null
        },
        loadRunner: options.runtimeRunner ?? (async () => (await import('./derive-metadata.js')).loadRuntimeRunner()),
      }))())
  const ctx: TxContext = {
    label,
    client,
    plain,
    api,
    rpc,
    metadata: getMetadata,
    requestTimeoutMs,
    signer: async (keypair) => signerFor(await signingTrust(), keypair, raw),
  }
  /** A refusal at submission, read against the CheckMetadataHash mode the transaction was signed in. */
  const explained = async (err: unknown): Promise<never> => {
    throw trust ? await explainRejection(err, await trust, { genesis, remembered: await mode1Genesis, cache, cacheKey: cacheKey() }) : err
  }
  const read = <T>(what: string, p: Promise<T>): Promise<T> =>
    withDeadline(p, requestTimeoutMs, () => unreachable(`${label} did not answer (${what}) within ${seconds(requestTimeoutMs)}`)).catch(
      (err: unknown) => {
        if (err instanceof TaoError) throw err
        if (err instanceof SocketClosedError || (err as Error)?.name === 'DisjointError') throw closedError()
        throw failed(`reading ${what} from ${label}: ${(err as Error).message ?? String(err)}`, 'RPC_ERROR')
      },
    )
  const requireStorage = (pallet: string, item: string) => getMetadata().requireStorage(pallet, item)
  const readRpc = <T>(method: string, params: unknown[]): Promise<T> => read(method, rpc<T>(method, params))
  // Numbers of blocks seen through head() or followBlocks(), so reads at those hashes need not fetch the header.
  const knownNumbers = new Map<string, number>()
  const known = (block: BlockRef): BlockRef => {
    if (knownNumbers.size > 256) knownNumbers.clear()
    knownNumbers.set(block.hash, block.number)
    return { hash: block.hash, number: block.number }
  }
  const head = async (which: 'best' | 'finalized' = 'best') =>
    known(
      which === 'finalized'
        ? await read('finalized block', client.getFinalizedBlock())
        : (await read('best block', client.getBestBlocks()))[0]!,
    )
  const readsAt = (block: BlockRef, via: <T>(method: string, params: unknown[]) => Promise<T> = readRpc) =>
    blockReads(getMetadata(), via, block.hash, block.number)
  /**
   * The node's answers to best-block reads, by request (the block hash is among its parameters): a command that
   * reads the same item twice while the head stays (a pool before and after the price) sends one request.
   * Values are decoded afresh from the answer each time, so no caller sees another's objects.
   */
  const answers = new Map<string, Promise<unknown>>()
  const remembered = <T>(method: string, params: unknown[]): Promise<T> => {
    const key = `${method} ${JSON.stringify(params)}`
    let answer = answers.get(key)
    if (!answer) {
      if (answers.size >= 512) answers.clear()
      const asked = request(method, params)
      asked.catch(() => answers.get(key) === asked && answers.delete(key))
      answers.set(key, (answer = asked))
    }
    return answer as Promise<T>
  }
  /**
   * One read at the best block as it is now (the latest, as a user expects right after a transaction; finalized
   * lags a few blocks), the same way as every read at a block: state_* with its hash. The head comes from the
   * followed chain (no request); the read is bounded and named as `what`.
   */
  const atBest = <T>(what: string, use: (reads: BlockReads) => Promise<T>): Promise<T> =>
    read(
      what,
      head('best').then((best) => use(readsAt(best, remembered))),
    )

  const chain: Chain = {
    endpoint,
    get metadataSource() {
      return metadataSource
    },
    connectMs: Math.round(performance.now() - started),
    get metadata() {
      return getMetadata()
    },
    signingTrust,
    get specVersion() {
      return getMetadata().specVersion
    },

    async properties() {
      const spec = await read('chain properties', client.getChainSpecData())
      const props = (spec.properties ?? {}) as Record<string, unknown>
      const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
      return {
        name: spec.name,
        genesisHash: spec.genesisHash,
        ss58Format: Number(first(props.ss58Format) ?? getMetadata().ss58Prefix ?? 42),
        tokenDecimals: Number(first(props.tokenDecimals) ?? 9),
        tokenSymbol: String(first(props.tokenSymbol) ?? 'TAO'),
      }
    },
    async blockNumber(which = 'best') {
      return (await head(which)).number
    },
    head,
    followBlocks(which, onBlock, onError) {
      let last: string | undefined
      const next = (block: BlockRef | undefined, finalized: BlockRef | undefined) => {
        if (!block || !finalized || block.hash === last) return
        last = block.hash
        onBlock(known(block), { hash: finalized.hash, number: finalized.number })
      }
      // polkadot-api replays the current block to a new subscriber at once; best blocks come best first, finalized last.
      const subscription =
        which === 'best'
          ? client.bestBlocks$.subscribe({ next: (blocks) => next(blocks[0], blocks[blocks.length - 1]), error: onError })
          : client.finalizedBlock$.subscribe({ next: (block) => next(block, block), error: onError })
      return () => subscription.unsubscribe()
    },
    at: (blockHash) => blockReads(getMetadata(), readRpc, blockHash, knownNumbers.get(blockHash)),
    async atHead(which = 'best') {
      return readsAt(await head(which))
    },
    async account(address) {
      publicKeyOf(address)
      requireStorage('System', 'Account')
      const a = (await atBest(`account ${address}`, (reads) => reads.storage('System', 'Account', address))) as {
        nonce: number
        consumers: number
        providers: number
        data: Record<string, bigint>
      }
      const d = a.data
      const frozen = d.frozen ?? maxBig(d.misc_frozen ?? 0n, d.fee_frozen ?? 0n)
      return { nonce: a.nonce, free: d.free ?? 0n, reserved: d.reserved ?? 0n, frozen, consumers: a.consumers, providers: a.providers }
    },
    existentialDeposit: () => BigInt(getMetadata().constant('Balances', 'ExistentialDeposit') as bigint),
    async storage(pallet, item, ...keys) {
      requireStorage(pallet, item)
      getMetadata().checkStorageKeys(pallet, item, keys)
      return atBest(`${pallet}.${item}`, (reads) => reads.storage(pallet, item, ...keys))
    },
    async entries(pallet, item, ...partialKeys) {
      requireStorage(pallet, item)
      getMetadata().checkStorageKeys(pallet, item, partialKeys)
      const what = `${pallet}.${item} entries`
      // A map takes several requests: each has the request deadline, the whole is bounded once more.
      const best = await head('best')
      return read(what, readsAt(best, rpc).entries(pallet, item, ...partialKeys))
    },
    constant: (pallet, name) => getMetadata().constant(pallet, name),
    async runtimeApi(apiName, method, ...args) {
      getMetadata().requireRuntimeApi(apiName, method)
      getMetadata().checkApiArgs(apiName, method, args)
      return atBest(`${apiName}.${method}`, (reads) => reads.runtimeApi(apiName, method, ...args))
    },
    rpc: (method, params = []) => rpc(method, params),

    hasCall: (pallet, name) => getMetadata().call(pallet, name) !== undefined,
    callArgs: (pallet, name) => getMetadata().call(pallet, name)?.args,
    call: (pallet, name, args = {}, opts = {}) => buildCall(getMetadata(), pallet, name, args, opts.ignoreExtra),
    estimateFee: (call, from, opts) => estimateFee(ctx, call, from, opts),
    prepare: (call, signer, opts) => prepareTx(ctx, call, signer, opts),
    prefetch: (signer, opts) => prefetchSigning(ctx, signer, opts),
    signPrepared: (prepared, keypair) => signPrepared(ctx, prepared, keypair),
    sendPrepared: (prepared, keypair, opts) => sendPrepared(ctx, prepared, keypair, opts).catch(explained),
    sign: (call, keypair, opts) => signTx(ctx, call, keypair, opts),
    send: (call, keypair, opts) => sendTx(ctx, call, keypair, opts).catch(explained),
    submitSigned: (hex, opts) => submitSigned(ctx, hex, opts),
    decodeExtrinsic: (hex) => decodeExtrinsic(getMetadata(), hex),

    close: () => {
      dropped = true
      plain.close()
      destroyQuietly(client)
    },
  }
  ready = true
  return chain
}

/** The storage key of the runtime code, `:code`. */
const CODE_KEY = '0x3a636f6465'

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`)
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b)

/** Tear the client down without its "ChainHead disjointed" noise reaching the user's terminal. */
function destroyQuietly(client: PolkadotClient): void {
  quietly(() => client.destroy())
}
