import { decAnyMetadata, unifyMetadata, type UnifiedMetadata } from '@polkadot-api/substrate-bindings'

// Decoding a runtime's metadata (about 200 KB for Subtensor) takes tens of milliseconds. The view built at connect
// and the signer both need it, and a signer is handed the raw bytes on every signature: decode them once.
const decoded = new WeakMap<Uint8Array, UnifiedMetadata>()

/** The metadata decoded (v14, v15 or v16, with or without the `meta` magic wrapper), once per byte array. */
export function unifiedMetadata(raw: Uint8Array): UnifiedMetadata {
  let metadata = decoded.get(raw)
  if (!metadata) {
    metadata = unifyMetadata(decAnyMetadata(raw))
    decoded.set(raw, metadata)
  }
  return metadata
}
