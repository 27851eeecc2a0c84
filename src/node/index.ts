/**
 * Node client and transaction lifecycle. Import lazily, so `tao --version` never loads polkadot-api:
 *
 *     const { connect, txError } = await import('../../node/index.js')
 *
 * (`resolveEndpoint` / `NETWORKS` in './networks.js' cost nothing to import, for flag validation.)
 *
 * Connecting
 * - `connect(network = 'finney', { timeoutMs?, requestTimeoutMs?, cache?, trace? }): Promise<Chain>`:
 *   network is finney | test | archive | local or a ws:// / wss:// URL (else exit 2). Deadline
 *   TAO_CONNECT_TIMEOUT ms (default 10 s), then `unreachable` (exit 3) naming the endpoint. Runtime metadata
 *   is cached on disk by runtime code hash (TAO_CACHE_DIR, default ~/.cache/taocli; `metadata/` inside).
 *   `chain.close()` when done.
 *
 * Reads (amounts are bigint rao; all at the best block unless read through `at`)
 * - `account(ss58) → { nonce, free, reserved, frozen, consumers, providers }`, `existentialDeposit() → bigint`,
 *   `properties() → { name, genesisHash, ss58Format, tokenDecimals, tokenSymbol }`, `specVersion`,
 *   `blockNumber('best' | 'finalized')`, `head('best' | 'finalized') → { hash, number }` (as the client
 *   follows the chain; no request).
 * - Generic: `storage(pallet, item, ...keys)`, `entries(pallet, item, ...partialKeys) → [{ keys, value }]`,
 *   `constant(pallet, name)`, `runtimeApi(api, method, ...args)`, `rpc(method, params)`. Values are
 *   polkadot-api's decoding (bigint, SS58 strings, `{ type, value }` enums, Uint8Array bytes); `toPlain` /
 *   `toJsonSafe` turn them into printable data. A pallet item, call or API the runtime lacks fails with
 *   "… is not in this runtime (spec N)".
 *
 * Reads at one block (a view that must be consistent, the live TUI following finalized blocks)
 * - `chain.at(blockHash) → BlockReads`, `await chain.atHead('best' | 'finalized') → BlockReads`:
 *   `{ hash, blockNumber(), storage(pallet, item, ...keys), storageMany([[pallet, item, ...keys], …]),
 *   entries(pallet, item, ...partialKeys), runtimeApi(api, method, ...args) }`, decoded as above. Every read
 *   goes through `state_*` with the hash (`state_queryStorageAt`, `state_getKeysPaged`, `state_call`), so any
 *   block the node still has works, pinned by the client or not; `storageMany` reads several values in one
 *   request. Decoding uses the metadata loaded at connect (reconnect after a runtime upgrade).
 *
 *       const reads = chain.at(finalizedHash)
 *       const [tempo, burn] = await reads.storageMany([['SubtensorModule', 'Tempo', 1], ['SubtensorModule', 'Burn', 1]])
 *
 * Calls that change between runtimes
 * - `hasCall(pallet, call)`, `callArgs(pallet, call) → [{ name, type, typeName }] | undefined`.
 * - `call(pallet, name, args, { ignoreExtra })` builds and checks call data; missing call →
 *   `badInput('<Pallet>.<call> is not in this runtime (spec N)')` (exit 2). Arguments are named as in the metadata:
 *   `chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: ss58 }, value: rao })`.
 *   With `ignoreExtra`, arguments this runtime does not take are dropped (register_network's `mechid`).
 *
 * Transactions (keypair: `{ publicKey, sign(msg) }`, sr25519, signed locally)
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
 *   A node that refuses the transaction outright throws `failed(…, 'TX_REJECTED')`. Submission uses its own
 *   socket and is never repeated; if the connection drops after sending, the chain is read (blocks since
 *   submission, the account's nonce, the era) to learn the real outcome. `txError(result)` gives the TaoError
 *   a command should throw for a result that is not a success.
 * - `decodeExtrinsic(hex)` → what a signed or unsigned extrinsic does, JSON-safe.
 *
 * - A transaction that was sent and cannot be followed to an outcome is `unknown` (exit 5, TX_UNKNOWN): it may or
 *   may not have landed. Following it never outlasts the command's deadline (src/core/command-deadline.ts), and
 *   `onProgress` hears about a lost connection, each reconnect and the blocks checked.
 *
 * Offline (no node): `metadataView(rawMetadata)` gives the same call/storage/event/error/runtime-API codecs,
 * `decodeExtrinsic(view, hex)` / `readExtrinsic(view, hex)` (the decoded extrinsic and the bytes its signature
 * covers), `checkSignature(view, parts, { genesisHash, birthHash, … })`, `markAmounts(view, pallet, call, args)`
 * (amount arguments as {rao, tao}). Signing without a node: './offline.js' (`offlineContext(chain, network,
 * signer)` on the connected side, `parseOfflineContext` + `offlineChain` on the offline one).
 */
export { connect } from './chain.js'
export type { AccountInfo, Chain, ChainProperties, ConnectOptions } from './chain.js'
export { decodeExtrinsic, decodeEra, eraBirth, extrinsicHash, readExtrinsic } from './extrinsic.js'
export type { DecodedExtrinsic, Era, SignedParts } from './extrinsic.js'
export { markAmounts } from './call-amounts.js'
export { checkSignature } from './signature-check.js'
export type { SignatureCheck } from './signature-check.js'
export { toJsonSafe, toPlain } from '../core/json.js'
export { diskMetadataCache, metadataCacheDir } from './metadata-cache.js'
export type { MetadataCache } from './metadata-cache.js'
export { metadataView } from './metadata.js'
export type { CallArg, CallInfo, ChainEvent, DispatchErrorInfo, EncodeOptions, MetadataView } from './metadata.js'
export { NETWORKS, resolveEndpoint } from './networks.js'
export type { Endpoint, NetworkName } from './networks.js'
export { blockReads } from './reads.js'
export type { BlockReads, StorageQuery } from './reads.js'
export { publicKeyOf, ss58Address } from './signer.js'
export type { Sr25519Keypair } from './signer.js'
export type { TxEvent, TxLanded, TxNotLanded, TxUnknown } from './track.js'
export { txError } from './tx.js'
export type { SendOptions, SignedTx, SignOptions, TxCall, TxEra, TxResult, WaitFor } from './tx.js'
