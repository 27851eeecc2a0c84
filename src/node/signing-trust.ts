import type { PolkadotSigner } from 'polkadot-api'
import { withMetadataHash } from 'polkadot-api/signer'
import { failed, TaoError } from '../core/errors.js'
import { codeHashOf, metadataFromCode, metadataVersion, sameBytes, type RunRuntime } from './derive-metadata.js'
import { checkAgainstPackage, KNOWN_RUNTIMES, type KnownRuntimes } from './known-runtimes.js'
import type { CachedVerification, MetadataCache, MetadataKey } from './metadata-cache.js'
import {
  decideMode,
  downgradeRefused,
  KNOWN_GENESIS,
  METADATA_HASH_TOKEN,
  metadataMismatch,
  mode1Requirement,
  short,
  type Mode1Memory,
  type ProbeAnswer,
} from './metadata-hash.js'
import { toPolkadotSigner, type Sr25519Keypair } from './signer.js'

/**
 * What vouches for the metadata a transaction is built from, decided once per connection before anything is
 * signed. A node serves the metadata, and in CheckMetadataHash mode 0 the runtime never sees it: a node that
 * swapped two call indices would make tao sign a different call than the one shown. So:
 * - mode 1 wherever the runtime checks it (finney, test, a genesis that accepted it before, or a runtime that
 *   says so when asked): the runtime refuses a transaction built from metadata that is not its own;
 * - else mode 0, and only with metadata tao verified itself: the digest this package ships for a runtime it
 *   knows, or the metadata the runtime's own code (`:code`) produces, run here by Chopsticks' executor;
 * - else nothing is signed, unless the user takes the node's word (`--trust-node-metadata`).
 */

/** Who vouches: the runtime (mode 1), this package's digest, the runtime code run here, or only the node. */
export type VerifiedBy = 'runtime' | 'package' | 'derived' | 'node' | 'offline-context'

export interface SigningTrust {
  mode: 0 | 1
  verifiedBy: VerifiedBy
  /** One line for the preview. */
  words: string
}

/** How the metadata loaded at connect was checked then: as cached, against this package, or not yet. */
export type Loaded = CachedVerification | 'unchecked'

/** The genesis a named network must have (archive is finney's archive node); undefined for local and URLs. */
export function expectedGenesis(network: string): string | undefined {
  if (network === 'finney' || network === 'archive') return KNOWN_GENESIS.finney
  if (network === 'test') return KNOWN_GENESIS.test
  return undefined
}

/**
 * The check at connect, on metadata a node just served: against this package's digest for a runtime it knows
 * (a mismatch is refused at once: nothing is read, cached or signed with it), or vouched for by a runtime
 * that checks every transaction. Anything else stays unchecked until something is to be signed.
 */
export function checkServedMetadata(opts: {
  label: string
  codeHash: string
  metadata: Uint8Array
  genesis: string
  remembered: ReadonlySet<string>
  known?: KnownRuntimes
}): Loaded {
  const check = checkAgainstPackage(opts.codeHash, opts.metadata, opts.known ?? KNOWN_RUNTIMES)
  if (check.result === 'mismatch')
    throw metadataMismatch(
      `the metadata ${opts.label} served for runtime ${short(opts.codeHash)} (spec ${check.runtime.specVersion}) is not the one ${check.runtime.source} has`,
    )
  if (check.result === 'match') return 'package'
  return mode1Requirement(opts.genesis, opts.remembered) ? 'runtime' : 'unchecked'
}

/** What deciding needs from the connection; injected so every branch is tested without a node. */
export interface TrustContext {
  label: string
  genesis: string
  codeHash: string
  /** The metadata as loaded (the exact bytes calls are built from). */
  metadata: Uint8Array
  specVersion: number | undefined
  loaded: Loaded
  /** The block the metadata was loaded at. */
  block: { hash: string; number: number }
  remembered: ReadonlySet<string>
  memory: Mode1Memory
  cache?: MetadataCache
  cacheKey?: MetadataKey
  known?: KnownRuntimes
  probe(): Promise<ProbeAnswer>
  /** `:code` at a block, or null when the node does not serve it. */
  readCode(blockHash: string): Promise<Uint8Array | null>
  loadRunner(): Promise<RunRuntime | undefined>
  trustNodeMetadata: boolean
}

const MODE_1 = 'CheckMetadataHash mode 1: the runtime checks that this transaction was built from its own metadata'
const mode0 = (spec: number | undefined, how: string) =>
  `CheckMetadataHash mode 0: this runtime${spec === undefined ? '' : ` (spec ${spec})`} cannot check the metadata; ${how}`
const HOW: Record<Exclude<VerifiedBy, 'runtime'>, string> = {
  package: 'tao verified it against the digest it ships for this runtime',
  derived: "tao verified it against the runtime's own code (:code), run here by Chopsticks' executor",
  node: "NOT verified: signed on the node's word (--trust-node-metadata)",
  'offline-context': 'the metadata comes from the offline context file, checked by tao on the connected machine that wrote it',
}

export const trust = (mode: 0 | 1, verifiedBy: VerifiedBy, spec: number | undefined): SigningTrust => ({
  mode,
  verifiedBy,
  words: mode === 1 ? MODE_1 : mode0(spec, HOW[verifiedBy as Exclude<VerifiedBy, 'runtime'>]),
})

/** Decide (once; later calls get the same answer), refusing with one clear line when nothing can vouch. */
export async function decideTrust(ctx: TrustContext): Promise<SigningTrust> {
  const spec = ctx.specVersion
  if (mode1Requirement(ctx.genesis, ctx.remembered)) return trust(1, 'runtime', spec)
  if (ctx.loaded === 'package') {
    const runtime = (ctx.known ?? KNOWN_RUNTIMES)[ctx.codeHash.toLowerCase()]
    return runtime?.metadataHash ? trust(1, 'runtime', spec) : trust(0, 'package', spec)
  }
  // Verified from the runtime code before, after the runtime was found unable to check (a genesis that accepts
  // mode 1 is remembered, and then required above).
  if (ctx.loaded === 'derived') return trust(0, 'derived', spec)

  const answer = await ctx.probe()
  if (answer !== 'unsupported') await ctx.memory.add(ctx.genesis)
  if (decideMode(undefined, answer, ctx.genesis) === 1) {
    await remember(ctx, 'runtime')
    return trust(1, 'runtime', spec)
  }
  const derived = await derive(ctx)
  if (derived === 'match') {
    await remember(ctx, 'derived')
    return trust(0, 'derived', spec)
  }
  if (ctx.trustNodeMetadata) return trust(0, 'node', spec)
  throw failed(
    `cannot verify the metadata ${ctx.label} serves for runtime ${short(ctx.codeHash)}${spec === undefined ? '' : ` (spec ${spec})`}: ` +
      `this runtime cannot check it (CheckMetadataHash mode 0 only), tao does not ship its digest, and ${derived.why}; ` +
      `${derived.remedy}, or pass --trust-node-metadata to sign on this node's word`,
    'METADATA_UNVERIFIED',
  )
}

async function remember(ctx: TrustContext, verifiedBy: CachedVerification): Promise<void> {
  if (ctx.cache && ctx.cacheKey) await ctx.cache.set(ctx.cacheKey, { metadata: ctx.metadata, verifiedBy })
}

/** The metadata against what the runtime code at its block produces: 'match', a refusal, or why it could not be done. */
async function derive(ctx: TrustContext): Promise<'match' | { why: string; remedy: string }> {
  const run = await ctx.loadRunner()
  if (!run)
    return {
      why: "Chopsticks' executor, which derives it from the runtime code, is not installed",
      remedy: `install Chopsticks (npm install -g @acala-network/chopsticks@'^1.5.1' --ignore-scripts) so tao can derive it`,
    }
  const otherNode = 'use a node that serves it'
  const code = await ctx.readCode(ctx.block.hash)
  if (!code) return { why: `${ctx.label} did not serve the runtime code (:code) at block #${ctx.block.number}`, remedy: otherNode }
  if (codeHashOf(code) !== ctx.codeHash.toLowerCase())
    throw metadataMismatch(`the runtime code ${ctx.label} served does not hash to the code hash it reported (${short(ctx.codeHash)})`)
  let own: Uint8Array | undefined
  try {
    own = await metadataFromCode(run, code, metadataVersion(ctx.metadata))
  } catch (err) {
    return { why: `running the runtime code failed (${(err as Error).message})`, remedy: otherNode }
  }
  if (!own || !sameBytes(own, ctx.metadata))
    throw metadataMismatch(`the metadata ${ctx.label} served is not what its runtime code (:code at block #${ctx.block.number}) produces`)
  return 'match'
}

/**
 * The signer for this chain: mode 1 signs the metadata digest (token TAO, 9 decimals, as the runtime build does).
 * It signs only with the metadata that was vouched for: should the runtime change while the command runs,
 * polkadot-api would build the payload from the new runtime's metadata, which nothing checked.
 */
export function signerFor(trustOf: SigningTrust, keypair: Sr25519Keypair, verified: Uint8Array): PolkadotSigner {
  const base = toPolkadotSigner(keypair)
  const signer = trustOf.mode === 1 ? withMetadataHash(METADATA_HASH_TOKEN, base) : base
  return {
    ...signer,
    signTx: (callData, extensions, metadata, ...rest) => {
      if (metadata !== verified && !sameBytes(metadata, verified))
        throw failed(
          'the runtime changed while the command ran (its new metadata was not verified); nothing was signed: run the command again',
          'RUNTIME_CHANGED',
        )
      return signer.signTx(callData, extensions, metadata, ...rest)
    },
  }
}

/**
 * A refusal at submission, read against the mode: "cannot look up" in mode 1 is the runtime (or the node)
 * saying it cannot check the hash, which on a network that requires it is refused as a downgrade; a bad proof in
 * mode 1 may be the runtime refusing the metadata digest, so a cached copy is dropped (the next run downloads it).
 */
export async function explainRejection(
  err: unknown,
  chosen: SigningTrust,
  ctx: Pick<TrustContext, 'genesis' | 'remembered' | 'cache' | 'cacheKey'>,
): Promise<unknown> {
  if (!(err instanceof TaoError) || err.code !== 'TX_REJECTED' || chosen.mode !== 1) return err
  const reason = (err.data?.rejection as { reason?: string } | undefined)?.reason
  if (reason === 'cannotLookup') {
    const required = mode1Requirement(ctx.genesis, ctx.remembered)
    if (!required) return err
    const refused = downgradeRefused(required, ctx.genesis)
    refused.data = err.data
    return refused
  }
  if (reason === 'badProof') {
    if (ctx.cache && ctx.cacheKey) await ctx.cache.delete(ctx.cacheKey)
    const words = failed(
      `${err.message} — in CheckMetadataHash mode 1 this also means the runtime did not recognise the metadata digest; tao dropped its cached copy of this runtime's metadata`,
      err.code,
      err.detail,
    )
    words.data = err.data
    return words
  }
  return err
}
