import { sign, type Keypair } from '../keystore/keys.js'
import type { Sr25519Keypair } from './index.js'

/** The node client's signer shape over a wallet keypair; the secret stays inside `sign`. */
export const signerOf = (keypair: Keypair): Sr25519Keypair => ({
  publicKey: keypair.publicKey,
  sign: (message: Uint8Array) => sign(keypair, message),
})
