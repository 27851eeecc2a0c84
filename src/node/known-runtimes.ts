import { createHash } from 'node:crypto'
import { metadataVersion } from './derive-metadata.js'

/**
 * Runtimes this package knows, by code hash (blake2-256 of `:code`, what a node reports for its runtime), with
 * the sha256 of each metadata version the runtime offers, as `Metadata_metadata_at_version` returns it (the
 * bytes polkadot-api loads: "meta", the version byte, the rest). Computed from the runtime code itself by
 * `node scripts/metadata-digests.mjs <chain spec or wasm>`; a node serving anything else for one of these code
 * hashes is refused. `metadataHash`: whether the runtime was built with the metadata hash (CheckMetadataHash
 * mode 1 works), known from the build, so no node is asked.
 */
export interface KnownRuntime {
  specName: string
  specVersion: number
  /** Where it comes from, for messages. */
  source: string
  metadataHash: boolean
  /** metadata version → sha256 hex */
  digests: Record<number, string>
}

export type KnownRuntimes = Readonly<Record<string, KnownRuntime>>

export const KNOWN_RUNTIMES: KnownRuntimes = {
  // chain-specs/raonet-spec218.json, the genesis `tao localnet` starts from.
  '0xe5fe2b397ed2d3e684c715fa19608d5804e917aa267589ab4fa57ad71b17b3b1': {
    specName: 'node-subtensor',
    specVersion: 218,
    source: 'the raonet genesis tao ships',
    metadataHash: false,
    digests: {
      14: 'aa813f487cc6c4acd96a58d69bfd3f3eefc3b19e757f1dfab314bea9a03d487c',
      15: '3de49324c8d676361a8e3898ca48b7adadbb8fa0a830ab9a745b0af670ecf6c9',
    },
  },
  // Subtensor's babe-pos.wasm of July 2025 (merge commit 738ba0c0c), the spec-300 runtime tao localnet can run.
  '0xce870d8f564d00ca6c58742cc3b7d839461b7c8673712dd45a8a08e8d4ffeb37': {
    specName: 'node-subtensor',
    specVersion: 300,
    source: 'the spec-300 runtime tao knows',
    metadataHash: false,
    digests: {
      14: '577a2ca97a8065c707cdfa74e48cead0f20e7c6baf69561d9c33470c6f4c7fb8',
      15: '5b247171afdfd183e662fb96b603c45ff87d672720a38e3c5ee76b5fd1d4a6d5',
    },
  },
}

export const metadataDigest = (metadata: Uint8Array): string => createHash('sha256').update(metadata).digest('hex')

export type PackageCheck =
  { result: 'unknown' } | { result: 'match'; runtime: KnownRuntime } | { result: 'mismatch'; runtime: KnownRuntime }

/** The metadata a node served for a runtime, against what this package knows of that runtime. */
export function checkAgainstPackage(codeHash: string, metadata: Uint8Array, known: KnownRuntimes = KNOWN_RUNTIMES): PackageCheck {
  const runtime = known[codeHash.toLowerCase()]
  if (!runtime) return { result: 'unknown' }
  const expected = runtime.digests[metadataVersion(metadata)]
  return expected !== undefined && expected === metadataDigest(metadata) ? { result: 'match', runtime } : { result: 'mismatch', runtime }
}
