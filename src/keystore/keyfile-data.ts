import { badInput } from '../core/errors.js'

/*
 * What both halves of the keyfile format share: the parsed fields, their JSON encoding and the error a damaged
 * file gives. format.ts reads and writes public files; keyfile-keys.ts, loaded only when a secret is needed,
 * turns a keyfile into a keypair and back.
 */

/**
 * btcli's keyfile JSON: `accountId, publicKey, privateKey, secretPhrase, secretSeed, ss58Address`
 * (hex with 0x). btcli omits or nulls what a key lacks; pub files carry only the public fields.
 */
export interface KeyfileData {
  publicKey: Uint8Array
  ss58: string
  /** btcli's canonical form (see toBtcliPrivateKey). */
  privateKey?: Uint8Array
  secretPhrase?: string
  secretSeed?: Uint8Array
}

export const encode = (obj: Record<string, string | null>): Uint8Array => new TextEncoder().encode(JSON.stringify(obj))

export const corrupt = (reason: string) => badInput(`the keyfile is corrupt: ${reason}`, 'CORRUPT_KEYFILE')
