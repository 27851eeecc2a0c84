import type { PolkadotSigner } from 'polkadot-api'
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer'
import * as sr25519 from '@scure/sr25519'
import { fromHex, toHex } from '../core/hex.js'
import { METADATA_HASH_TOKEN, type ProbeAnswer } from './metadata-hash.js'

/**
 * Whether a runtime checks `CheckMetadataHash`, asked with no key of the user's: an empty `System.remark`
 * signed in mode 1 by a throwaway key is handed to the runtime's `TaggedTransactionQueue_validate_transaction`
 * at a block; nothing is submitted. The runtime computes what was signed before it checks the signature, so:
 * a runtime built without the hash cannot compute it (`Unknown(CannotLookup)`); one built with it verifies the
 * signature over its own metadata digest, which fails (`Invalid(BadProof)`) when the metadata the transaction was
 * built from is not its own; anything after that (the throwaway account cannot pay: `Invalid(Payment)`) means
 * the digest was right. It is the node that answers, so an answer of "cannot check" is only taken where a
 * network is not known to check (src/node/metadata-hash.ts).
 */

/** What the probe needs from a connection. */
export interface ProbeContext {
  /** Sign `System.remark([])` with this signer, nonce 0, immortal, at `blockHash`; the extrinsic bytes. */
  signRemark(signer: PolkadotSigner, blockHash: string): Promise<Uint8Array>
  rpc<T>(method: string, params: unknown[]): Promise<T>
}

/** TransactionValidity's SCALE form: Result<ValidTransaction, TransactionValidityError>. */
const OK = 0
const INVALID = 0
const UNKNOWN = 1
const BAD_PROOF = 4
const CANNOT_LOOKUP = 0

/** The answer in a `validate_transaction` result. */
export function classifyValidity(result: Uint8Array): ProbeAnswer {
  if (result[0] === OK) return 'supported'
  if (result[1] === UNKNOWN && result[2] === CANNOT_LOOKUP) return 'unsupported'
  if (result[1] === INVALID && result[2] === BAD_PROOF) return 'mismatch'
  // Any other refusal comes after the signature (over the runtime's own digest) was found valid.
  return 'supported'
}

/** A signer for a key made for this probe alone and forgotten after it. */
function throwawaySigner(): PolkadotSigner {
  const secret = sr25519.secretFromSeed(crypto.getRandomValues(new Uint8Array(32)))
  return getPolkadotSigner(sr25519.getPublicKey(secret), 'Sr25519', (message) => sr25519.sign(secret, message))
}

/** Ask the runtime at `blockHash`; a node that cannot answer counts as "cannot check" (the caller then checks locally). */
export async function probeMetadataHash(ctx: ProbeContext, blockHash: string): Promise<ProbeAnswer> {
  try {
    const tx = await ctx.signRemark(withMetadataHash(METADATA_HASH_TOKEN, throwawaySigner()), blockHash)
    const source = '02' // TransactionSource::External, as for a transaction from the network
    const result = await ctx.rpc<string>('state_call', [
      'TaggedTransactionQueue_validate_transaction',
      `0x${source}${toHex(tx).slice(2)}${blockHash.slice(2)}`,
      blockHash,
    ])
    return classifyValidity(fromHex(result, 'validate_transaction result'))
  } catch {
    return 'unsupported'
  }
}
