import { verify } from '../keystore/keys.js'
import { additionalSigned, ExtensionGap, signingPayload, type ChainFacts } from './extensions.js'
import type { SignedParts } from './extrinsic.js'
import type { RuntimeMetadata } from './metadata.js'

/** Whether an extrinsic's signature is the signer's over exactly this call and these extensions. */
export type SignatureCheck = { status: 'valid' } | { status: 'invalid'; reason: string } | { status: 'unchecked'; reason: string }

/**
 * Rebuild the signed payload (call, extensions, and what they add: versions, genesis hash, era block) and check
 * the sr25519 signature against the signer's key. What cannot be known says so instead of guessing.
 */
export function checkSignature(view: RuntimeMetadata, parts: SignedParts, facts: Partial<ChainFacts>): SignatureCheck {
  if (!parts.signature) return { status: 'unchecked', reason: 'it is not signed' }
  if (!parts.publicKey) return { status: 'unchecked', reason: 'its signer is not given as a plain account' }
  if (parts.signatureType !== 'Sr25519')
    return { status: 'unchecked', reason: `only sr25519 signatures are checked (this is ${parts.signatureType ?? 'another kind'})` }
  if (!facts.genesisHash)
    return {
      status: 'unchecked',
      reason: "the chain's genesis hash is needed: decode it connected to the node, or give --genesis-hash or --offline FILE",
    }
  const specVersion = facts.specVersion ?? view.specVersion
  const transactionVersion = facts.transactionVersion ?? view.transactionVersion
  if (specVersion === undefined || transactionVersion === undefined)
    return { status: 'unchecked', reason: 'the runtime metadata does not give its spec and transaction versions' }
  const all: ChainFacts = { genesisHash: facts.genesisHash, specVersion, transactionVersion, birthHash: facts.birthHash }
  let additional: Uint8Array[]
  try {
    additional = parts.extra.map((e) => additionalSigned(view, e.identifier, e.additionalSigned, all, e.bytes))
  } catch (err) {
    if (err instanceof ExtensionGap) return { status: 'unchecked', reason: err.message }
    throw err
  }
  const payload = signingPayload(
    parts.callData,
    parts.extra.map((e) => e.bytes),
    additional,
  )
  if (verify(payload, parts.signature, parts.publicKey)) return { status: 'valid' }
  return {
    status: 'invalid',
    reason: `the signature does not match: the extrinsic was changed after signing, or it was signed for another chain or runtime than this one (spec ${specVersion}, transaction version ${transactionVersion}, genesis ${facts.genesisHash.slice(0, 10)}…)`,
  }
}
