import { pbkdf2 } from '@noble/hashes/pbkdf2.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { mnemonicToEntropy } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import * as sr25519 from '@scure/sr25519'
import { ss58Address, type Sr25519Keypair } from '../rpc/signer.js'

/**
 * The well-known Substrate development accounts: `//Alice` … `//Ferdie`, hard-derived from the public dev
 * phrase. Everyone knows their secrets, so they exist only to be funded on a local chain.
 *
 * TODO(lead): derive with `keypairFromUri` from src/keystore/keys.ts once it lands, and drop the copy of
 * the substrate-bip39 + HDKD steps below.
 */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'

export const DEV_ACCOUNT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number]

export interface DevAccount extends Sr25519Keypair {
  name: DevAccountName
  /** SS58, network prefix 42 (Bittensor's). */
  ss58: string
}

/** substrate-bip39: the mini secret is PBKDF2-SHA512 over the mnemonic's entropy (not its words). */
function miniSecret(phrase: string, password = ''): Uint8Array {
  const entropy = mnemonicToEntropy(phrase, wordlist)
  return pbkdf2(sha512, entropy, 'mnemonic' + password, { c: 2048, dkLen: 64 }).slice(0, 32)
}

/** A hard junction's chain code: the SCALE-encoded string (compact length + UTF-8), zero-padded to 32 bytes. */
function hardChainCode(junction: string): Uint8Array {
  const bytes = new TextEncoder().encode(junction)
  if (bytes.length > 31) throw new Error('dev junctions are short names')
  const code = new Uint8Array(32)
  code[0] = bytes.length << 2 // SCALE compact, single-byte mode
  code.set(bytes, 1)
  return code
}

const cache = new Map<DevAccountName, DevAccount>()
let rootSecret: Uint8Array | undefined

/** `//Name` from the dev phrase, with its signing function (for tests and local tooling). */
export function devAccount(name: DevAccountName): DevAccount {
  const hit = cache.get(name)
  if (hit) return hit
  rootSecret ??= sr25519.secretFromSeed(miniSecret(DEV_PHRASE))
  const secret = sr25519.HDKD.secretHard(rootSecret, hardChainCode(name))
  const publicKey = sr25519.getPublicKey(secret)
  const account: DevAccount = {
    name,
    publicKey,
    ss58: ss58Address(publicKey),
    sign: (message) => sr25519.sign(secret, message),
  }
  cache.set(name, account)
  return account
}

export const devAccounts = (): DevAccount[] => DEV_ACCOUNT_NAMES.map(devAccount)
