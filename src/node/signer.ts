import { getLookupFn } from '@polkadot-api/metadata-builders'
import { Blake2256, compact, type UnifiedMetadata } from '@polkadot-api/substrate-bindings'
import type { PolkadotSigner } from 'polkadot-api'
import { getPolkadotSigner } from 'polkadot-api/signer'
import { badInput } from '../core/errors.js'
import { decodeAddress, encodeAddress } from '../core/ss58.js'
import { unifiedMetadata } from './decoded-metadata.js'

/** An sr25519 keypair as the keystore hands it out; the secret never leaves `sign`. */
export interface Sr25519Keypair {
  publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
}

type Extensions = Parameters<PolkadotSigner['signTx']>[1]

/**
 * polkadot-api's signer over our keypair shape, signing exactly the call bytes it is given. Its own signer decodes
 * the whole metadata on every signature; this one uses the copy decoded at connect (src/node/decoded-metadata.ts).
 * Wrappers such as `withMetadataHash` work on it unchanged: they only rewrite the extensions passed in.
 */
export function toPolkadotSigner(keypair: Sr25519Keypair): PolkadotSigner {
  if (!(keypair.publicKey instanceof Uint8Array) || keypair.publicKey.length !== 32)
    throw badInput('an sr25519 public key is 32 bytes', 'BAD_KEY')
  const base = getPolkadotSigner(keypair.publicKey, 'Sr25519', (msg) => keypair.sign(msg))
  return {
    ...base,
    async signTx(callData, extensions, metadata, _atBlockNumber, hasher = Blake2256) {
      const decoded = unifiedMetadata(metadata)
      const { extra, additional } = orderedExtensions(decoded, extensions)
      const payload = concat([callData, ...extra, ...additional])
      const signature = keypair.sign(payload.length > 256 ? hasher(payload) : payload)
      return signedExtrinsic(decoded, keypair.publicKey, signature, extra, callData)
    },
  }
}

/** Each extension's value and signed-only part, in the order the runtime lists them (what it checks against). */
function orderedExtensions(metadata: UnifiedMetadata, extensions: Extensions): { extra: Uint8Array[]; additional: Uint8Array[] } {
  const extra: Uint8Array[] = []
  const additional: Uint8Array[] = []
  for (const { identifier } of metadata.extrinsic.signedExtensions[0] ?? []) {
    const ext = extensions[identifier]
    if (!ext) throw new Error(`Missing ${identifier} signed extension`)
    extra.push(ext.value)
    additional.push(ext.additionalSigned)
  }
  return { extra, additional }
}

/**
 * A signed (version 4) extrinsic: length prefix, version byte, the signer's address, the sr25519 signature, every
 * extension's value, the call. A fee estimate builds the same bytes with a zero signature, so both are one size.
 */
export function signedExtrinsic(
  metadata: UnifiedMetadata,
  publicKey: Uint8Array,
  signature: Uint8Array,
  extra: Uint8Array[],
  callData: Uint8Array,
): Uint8Array {
  const layout = signerLayout(metadata)
  const body = concat([Uint8Array.of(0x84), layout.address, publicKey, layout.signature, signature, ...extra, callData])
  return concat([compact.enc(body.length), body])
}

interface SignerLayout {
  /** What precedes the public key: the `MultiAddress::Id` variant byte, or nothing for a plain AccountId32. */
  address: Uint8Array
  /** The `MultiSignature::Sr25519` variant byte. */
  signature: Uint8Array
}

const layouts = new WeakMap<UnifiedMetadata, SignerLayout>()

/** How this runtime encodes a signer and an sr25519 signature, from its extrinsic's Address and Signature types. */
function signerLayout(metadata: UnifiedMetadata): SignerLayout {
  const known = layouts.get(metadata)
  if (known) return known
  const lookup = getLookupFn(metadata)
  const ext = metadata.extrinsic as { address?: number; signature?: number; type?: number }
  const param = (name: string) => metadata.lookup[ext.type ?? -1]?.params.find((p) => p.name === name)?.type
  const addressId = ext.address ?? param('Address')
  const signatureId = ext.signature ?? param('Signature')
  const unknown = () =>
    new Error('this runtime signs with an address or signature type tao does not know (it signs sr25519 for an AccountId32)')
  if (addressId === undefined || signatureId === undefined) throw unknown()
  const address = lookup(addressId)
  const signature = lookup(signatureId)
  let addressPrefix: Uint8Array | undefined
  if (address.type === 'AccountId32') addressPrefix = new Uint8Array(0)
  else if (address.type === 'enum') {
    const id = address.value.Id
    if (id?.type === 'lookupEntry' && id.value.type === 'AccountId32') addressPrefix = Uint8Array.of(id.idx)
  }
  const sr25519 = signature.type === 'enum' ? signature.value.Sr25519 : undefined
  if (!addressPrefix || !sr25519) throw unknown()
  const layout = { address: addressPrefix, signature: Uint8Array.of(sr25519.idx) }
  layouts.set(metadata, layout)
  return layout
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** SS58 address of a 32-byte public key for a network prefix (42 = generic Substrate, Bittensor's). */
export const ss58Address = (publicKey: Uint8Array, prefix = 42): string => encodeAddress(publicKey, prefix)

/** Public key of an SS58 address, or bad input (exit 2). */
export function publicKeyOf(address: string): Uint8Array {
  const decoded = decodeAddress(address)
  if (!decoded.ok) throw badInput(`not an SS58 address: "${address}"`, 'BAD_ADDRESS')
  return decoded.publicKey
}
