import { toHex as hex } from '../core/hex.js'
import { corrupt, encode, type KeyfileData } from './keyfile-data.js'
import { keypairFromBtcliPrivateKey, keypairFromMnemonic, keypairFromSeed, toBtcliPrivateKey, type Keypair } from './keys.js'

/*
 * Keyfile <-> keypair: the half of the keyfile format that needs the key algorithms (sr25519, BIP39), kept apart
 * from format.ts so that reading public files (wallet list, balance) never loads them at start-up.
 */

/** The full keyfile of a keypair (all six fields; null where the key has no such secret, as btcli reads it). */
export function serializeKeyfile(keypair: Keypair): Uint8Array {
  if (!keypair.secretKey) throw new TypeError('serializeKeyfile needs a secret key; use serializePublicKeyfile')
  return encode({
    accountId: hex(keypair.publicKey),
    publicKey: hex(keypair.publicKey),
    privateKey: hex(toBtcliPrivateKey(keypair.secretKey)),
    secretPhrase: keypair.mnemonic ?? null,
    secretSeed: keypair.miniSecret ? hex(keypair.miniSecret) : null,
    ss58Address: keypair.ss58,
  })
}

/**
 * The keypair a keyfile describes, preferring what btcli prefers: phrase, then seed, then private key.
 * The rebuilt public key must match the stated one: a mismatch means a damaged file.
 */
export function keypairFromKeyfile(data: KeyfileData, check = true): Keypair {
  let keypair: Keypair
  try {
    if (data.secretPhrase) keypair = keypairFromMnemonic(data.secretPhrase)
    else if (data.secretSeed) keypair = keypairFromSeed(data.secretSeed)
    else if (data.privateKey) keypair = keypairFromBtcliPrivateKey(data.privateKey)
    else return { publicKey: data.publicKey, ss58: data.ss58 }
  } catch {
    throw corrupt('its secret does not form a valid key')
  }
  if (check && hex(keypair.publicKey) !== hex(data.publicKey)) throw corrupt('its secret does not belong to its public key')
  return keypair
}
