import type { PolkadotSigner } from 'polkadot-api'
import { getPolkadotSigner } from 'polkadot-api/signer'
import { badInput } from '../core/errors.js'
import { decodeAddress, encodeAddress } from '../core/ss58.js'

/** An sr25519 keypair as the keystore hands it out; the secret never leaves `sign`. */
export interface Sr25519Keypair {
  publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

/** polkadot-api's signer over our keypair shape. */
export function toPolkadotSigner(keypair: Sr25519Keypair): PolkadotSigner {
  if (!(keypair.publicKey instanceof Uint8Array) || keypair.publicKey.length !== 32)
    throw badInput('an sr25519 public key is 32 bytes', 'BAD_KEY')
  return getPolkadotSigner(keypair.publicKey, 'Sr25519', (msg) => keypair.sign(msg))
}

/** SS58 address of a 32-byte public key for a network prefix (42 = generic Substrate, Bittensor's). */
export const ss58Address = (publicKey: Uint8Array, prefix = 42): string => encodeAddress(publicKey, prefix)

/** Public key of an SS58 address, or bad input (exit 2). */
export function publicKeyOf(address: string): Uint8Array {
  const decoded = decodeAddress(address)
  if (!decoded.ok) throw badInput(`not an SS58 address: "${address}"`, 'BAD_ADDRESS')
  return decoded.publicKey
}
