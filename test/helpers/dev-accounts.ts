/**
 * The well-known Substrate development accounts: `//Alice` … `//Ferdie`, hard-derived from the public dev
 * phrase, with their signing functions. Everyone knows their secrets, so they exist only to be funded and to
 * sign on a local chain; `tao` itself needs only their addresses (src/localnet/dev-addresses.ts).
 */
import { keypairFromUri, sign } from '../../src/keystore/keys.js'
import { DEV_ACCOUNT_NAMES, type DevAccountName } from '../../src/localnet/dev-addresses.js'
import type { Sr25519Keypair } from '../../src/node/signer.js'

export { DEV_ACCOUNT_NAMES, type DevAccountName }

export interface DevAccount extends Sr25519Keypair {
  name: DevAccountName
  /** SS58, network prefix 42 (Bittensor's). */
  ss58: string
}

const cache = new Map<DevAccountName, DevAccount>()

/** `//Name` from the dev phrase, with its signing function. */
export function devAccount(name: DevAccountName): DevAccount {
  const hit = cache.get(name)
  if (hit) return hit
  const keypair = keypairFromUri(`//${name}`)
  const account: DevAccount = { name, publicKey: keypair.publicKey, ss58: keypair.ss58, sign: (message) => sign(keypair, message) }
  cache.set(name, account)
  return account
}
