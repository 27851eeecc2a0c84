/**
 * The node client: everything tao says to a Subtensor node goes through src/node/. polkadot-api's client works
 * underneath (the WebSocket, following the chain, building and signing extrinsics) and stays inside this folder:
 * callers get a `Chain` with plain data, blocks and callbacks of our own (only the metadata's type registry,
 * `chain.metadata.lookup`, is polkadot-api's: src/subtensor/runtime/ and identity.ts walk it). Import lazily, so
 * `tao --version` never loads polkadot-api:
 *
 *     const { connect, txError } = await import('../../node/index.js')
 *
 * (src/node/networks.ts, `resolveEndpoint` / `NETWORKS`, costs nothing to import, for flag validation; nor does
 * src/node/read-at.ts, the small read helpers below.)
 *
 * Connecting (src/node/chain.ts)
 * - `connect(network = 'finney', { timeoutMs?, requestTimeoutMs?, cache?, trace?, onDisconnect?, trustNodeMetadata?, insecure? }): Promise<Chain>`:
 *   network is finney | test | archive | local or a ws:// / wss:// URL (else exit 2; plain ws:// to a host that is
 *   not this machine only with `insecure`: src/node/networks.ts `checkTransport`). Deadline
 *   TAO_CONNECT_TIMEOUT ms (default 10 s), then `unreachable` (exit 3) naming the endpoint and why (a refused
 *   port fails at once: src/node/probe.ts). finney / test / archive must report their own genesis hash
 *   (WRONG_GENESIS). Metadata a node serves for a runtime this package knows must match the digest it ships
 *   (src/node/known-runtimes.ts), else METADATA_MISMATCH at once. Verified metadata is cached on disk by genesis
 *   hash, spec version and runtime code hash (src/node/metadata-cache.ts: TAO_CACHE_DIR, default
 *   ~/.cache/taocli; `metadata/` inside). `chain.close()` when done.
 *
 * Following the chain (no request: the connection follows it)
 * - `head('best' | 'finalized') → { hash, number }`, `blockNumber('best' | 'finalized')`.
 * - `followBlocks('best' | 'finalized', onBlock(block, finalized), onError) → stop()`: each new best (or finalized)
 *   block, the current one at once; `tao watch` (src/tui/chain-source.ts) and `chain info --watch`
 *   (src/subtensor/chain-info.ts) follow the chain this way.
 *
 * Reads: one path. Every read is a legacy `state_*` request with a block hash (`state_queryStorageAt`,
 * `state_getKeysPaged`, `state_call`), sent on the client's own socket (src/node/socket-requests.ts), decoded
 * with the metadata loaded at connect (reconnect after a runtime upgrade). Any block the node still has works.
 * - At one block, one consistent view (src/node/reads.ts): `chain.at(blockHash) → BlockReads`,
 *   `await chain.atHead('best' | 'finalized') → BlockReads`: `{ hash, blockNumber(), storage(pallet, item, ...keys),
 *   storageMany([[pallet, item, ...keys], …]) (one request), storageRawMany(…), entries(pallet, item, ...partialKeys),
 *   runtimeApi(api, method, ...args) }`. A block's number is known without a request when the block came from
 *   head() or followBlocks().
 *
 *       const reads = chain.at(finalizedHash)
 *       const [tempo, burn] = await reads.storageMany([['SubtensorModule', 'Tempo', 1], ['SubtensorModule', 'Burn', 1]])
 *
 * - At the best block as it is now (what a user expects right after a transaction): `storage(pallet, item, ...keys)`,
 *   `entries(pallet, item, ...partialKeys) → [{ keys, value }]`, `runtimeApi(api, method, ...args)`,
 *   `account(ss58) → { nonce, free, reserved, frozen, consumers, providers }` (amounts bigint rao); the same
 *   item asked twice while the head stays costs one request. Also `constant(pallet, name)`,
 *   `existentialDeposit() → bigint`, `properties() → { name, genesisHash, ss58Format, tokenDecimals, tokenSymbol }`,
 *   `specVersion`, and `rpc(method, params)` for anything else.
 * - Helpers (src/node/read-at.ts): `readsAt(chain, at?)` (a hash, or the best block), `readAt` / `readRawAt`
 *   (several items in one request), `optionalStorage` (items a runtime may lack), `headBlocks(chain)`.
 * - Values are the metadata's decoding (bigint, SS58 strings, `{ type, value }` enums, Uint8Array bytes);
 *   `toPlain` / `toJsonSafe` turn them into printable data. A pallet item, call or API the runtime lacks fails
 *   with "… is not in this runtime (spec N)".
 *
 * Metadata (src/node/metadata.ts): `chain.metadata` is a `RuntimeMetadata`: calls, storage items, constants,
 * events, errors and runtime APIs with their codecs, `where` ("(spec N)") for messages.
 *
 * Calls that change between runtimes
 * - `hasCall(pallet, call)`, `callArgs(pallet, call) → [{ name, type, typeName }] | undefined`.
 * - `call(pallet, name, args, { ignoreExtra })` builds and checks call data (integers against their declared
 *   width: src/node/range-check.ts); missing call → `badInput('<Pallet>.<call> is not in this runtime (spec N)')`
 *   (exit 2). Arguments are named as in the metadata:
 *   `chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: ss58 }, value: rao })`.
 *   With `ignoreExtra`, arguments this runtime does not take are dropped (register_network's `mechid`).
 *
 * What vouches for the metadata (src/node/signing-trust.ts, decided once per connection before anything is signed)
 * - `signingTrust() → { mode: 0 | 1, verifiedBy: 'runtime' | 'package' | 'derived' | 'node', words }`:
 *   CheckMetadataHash mode 1 where the runtime checks it (finney, test, a genesis remembered to accept it:
 *   src/node/metadata-hash.ts; elsewhere the runtime is asked once, src/node/metadata-probe.ts), else mode 0 with
 *   metadata tao verified (the shipped digest, or derived from `:code` in Chopsticks' executor:
 *   src/node/derive-metadata.ts). Refused (exit 1) with METADATA_MISMATCH / METADATA_UNVERIFIED; `words` is the
 *   line a preview shows in mode 0. Every signature below goes through it.
 *
 * Transactions (src/node/tx.ts; keypair: `{ publicKey, sign(msg) }`, sr25519, signed locally)
 * - `prepare(call, signerSs58, { nonce?, tip?, era? }) → PreparedTx`: the call's bytes decoded back and checked
 *   against the call asked for (CALL_MISMATCH, exit 1, otherwise), the nonce, the finalized block, the genesis hash,
 *   the spec version and the fee of exactly those bytes, read once per connection (estimateFee shares them).
 *   `signPrepared(prepared, keypair) → SignedTx` and `sendPrepared(prepared, keypair, { waitFor?, dryRun? })`
 *   sign exactly `prepared.call.callData` (src/node/signer.ts, extensions from src/node/extensions.ts).
 * - `estimateFee(call, keypairOrAddress, opts) → bigint` (partial fee, tip excluded).
 * - `sign(call, keypair, { nonce?, tip?, era? }) → SignedTx { txHash, hex, signer, nonce, tip, era, fee }`:
 *   the dry run; era default 64 blocks (mortal), nonce from the node unless given; `fee` is the estimate
 *   with the tip included, comparable to a landed result's `fee` (TransactionFeePaid.actual_fee); undefined
 *   when signed offline (no node to ask).
 * - `send(call, keypair, { ...sign options, waitFor: 'inclusion' | 'finalization' | 'none', dryRun?, timeoutMs? })`
 *   and `submitSigned(hex, { waitFor?, timeoutMs? })` → TxResult, one of:
 *     `{ status: 'landed', txHash, blockHash, blockNumber, index, finalized, fee, events: [{ pallet, name, data }],
 *        ok, error?: { pallet, name, docs, via? }, connectionLost, note? }`
 *     `{ status: 'not-landed', reason }` (nonce used by another transaction, or era over)
 *     `{ status: 'unknown', reason, validUntil? }` (not seen in time; may still land until validUntil)
 *     `{ status: 'submitted' }` (waitFor 'none') | `{ status: 'dry-run', ...SignedTx }`.
 *   A node that refuses the transaction outright throws `failed(…, 'TX_REJECTED')` (its words:
 *   src/node/rejection.ts). Submission uses its own socket (src/node/plain-rpc.ts) and is never repeated;
 *   following the transaction (src/node/track.ts) reads the chain (blocks since submission, the account's
 *   nonce, the era), so a connection that drops after sending still learns the real outcome. `txError(result)`
 *   gives the TaoError a command should throw for a result that is not a success.
 * - `decodeExtrinsic(hex)` → what a signed or unsigned extrinsic does, JSON-safe (src/node/extrinsic.ts).
 *
 * - A transaction that was sent and cannot be followed to an outcome is `unknown` (exit 5, TX_UNKNOWN): it may or
 *   may not have landed. Following it never outlasts the command's deadline (src/core/command-deadline.ts), and
 *   `onProgress` hears about a lost connection, each reconnect and the blocks checked.
 *
 * Offline (no node): `decodeMetadata(rawMetadata)` gives the same call/storage/event/error/runtime-API codecs,
 * `decodeExtrinsic(view, hex)` / `readExtrinsic(view, hex)` (the decoded extrinsic and the bytes its signature
 * covers), `checkSignature(view, parts, { genesisHash, birthHash, … })`, `markAmounts(view, pallet, call, args)`
 * (amount arguments as {rao, tao}). Signing without a node: './offline.js' (`offlineContext(chain, network,
 * signer)` on the connected side, `parseOfflineContext` + `offlineChain` on the offline one).
 */
export { connect } from './chain.js'
export type { AccountInfo, BlockRef, Chain, ChainProperties, ConnectOptions } from './chain.js'
export { decodeExtrinsic, decodeEra, eraBirth, extrinsicHash, readExtrinsic } from './extrinsic.js'
export type { DecodedExtrinsic, Era, SignedParts } from './extrinsic.js'
export { markAmounts } from './call-amounts.js'
export { checkSignature } from './signature-check.js'
export type { SignatureCheck } from './signature-check.js'
export { toJsonSafe, toPlain } from '../core/json.js'
export { diskMetadataCache, metadataCacheDir } from './metadata-cache.js'
export type { CachedMetadata, MetadataCache, MetadataKey } from './metadata-cache.js'
export { KNOWN_GENESIS, mode1GenesisFile, mode1Memory } from './metadata-hash.js'
export type { Mode1Memory } from './metadata-hash.js'
export type { SigningTrust, VerifiedBy } from './signing-trust.js'
export { decodeMetadata } from './metadata.js'
export type { CallArg, CallInfo, ChainEvent, DecodedCall, DispatchErrorInfo, EncodeOptions, RuntimeMetadata } from './metadata.js'
export { NETWORKS, resolveEndpoint } from './networks.js'
export type { Endpoint, NetworkName } from './networks.js'
export { blockReads } from './reads.js'
export type { BlockReads, StorageQuery } from './reads.js'
export { publicKeyOf, ss58Address } from './signer.js'
export type { Sr25519Keypair } from './signer.js'
export type { TxEvent, TxLanded, TxNotLanded, TxUnknown } from './track.js'
export { txError } from './tx.js'
export type { PreparedTx, SendOptions, SignedTx, SignOptions, TxCall, TxEra, TxResult, WaitFor } from './tx.js'
