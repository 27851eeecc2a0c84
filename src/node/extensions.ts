/**
 * The transaction extensions of a signed extrinsic, as the runtime's metadata lists them: what each puts in the
 * extrinsic (`value`, its "extra") and what it adds only to the signed payload (`additionalSigned`: spec and
 * transaction version, genesis hash, the era's birth block hash, …). Signing without a node and checking a
 * signature both rebuild the payload from these, so both follow one set of rules.
 */
import { compact, u32 } from '@polkadot-api/substrate-bindings'
import { Blake2256 } from '@polkadot-api/substrate-bindings'
import { fromHex } from '../core/hex.js'
import type { RuntimeMetadata } from './metadata.js'

/** What the signed payload depends on besides the call and the signer's choices. */
export interface ChainFacts {
  genesisHash: `0x${string}`
  specVersion: number
  transactionVersion: number
  /** The hash of the era's birth block (a mortal transaction), or undefined when it is not known. */
  birthHash?: `0x${string}`
}

export type TxEraChoice = { type: 'immortal' } | { type: 'mortal'; period: number; phase: number }

/** What a signer chooses: nonce, tip, era. */
export interface SignerChoices {
  nonce: number
  tip: bigint
  era: TxEraChoice
}

export interface ExtensionPart {
  identifier: string
  value: Uint8Array
  additionalSigned: Uint8Array
}

/** A part that cannot be built: the reason, in words. */
export class ExtensionGap extends Error {}

const EMPTY = new Uint8Array(0)

/** The era as an extrinsic encodes it: one zero byte for immortal, else a u16 of the period's log and the phase. */
export function encodeEra(era: TxEraChoice): Uint8Array {
  if (era.type === 'immortal') return Uint8Array.of(0)
  const log = Math.min(15, Math.max(1, Math.log2(era.period) - 1))
  const quantize = Math.max(era.period >> 12, 1)
  const encoded = log | ((era.phase / quantize) << 4)
  return Uint8Array.of(encoded & 0xff, encoded >> 8)
}

const hash32 = (hex: string, what: string): Uint8Array => fromHex(hex, what, 32)

/** The extensions this runtime lists, in order (version 0 of a v16 list). */
export const extensionsOf = (view: RuntimeMetadata) => view.metadata.extrinsic.signedExtensions[0] ?? []

const isVoid = (view: RuntimeMetadata, typeId: number) => view.lookup(typeId).type === 'void'

/** What one extension adds to the signed payload, given what the extrinsic says in its value (`extra`). */
export function additionalSigned(
  view: RuntimeMetadata,
  identifier: string,
  typeId: number,
  facts: ChainFacts,
  extra: Uint8Array,
): Uint8Array {
  switch (identifier) {
    case 'CheckSpecVersion':
      return u32.enc(facts.specVersion)
    case 'CheckTxVersion':
      return u32.enc(facts.transactionVersion)
    case 'CheckGenesis':
      return hash32(facts.genesisHash, 'the genesis hash')
    case 'CheckMortality':
    case 'CheckEra':
      if (extra.length === 1 && extra[0] === 0) return hash32(facts.genesisHash, 'the genesis hash')
      if (!facts.birthHash)
        throw new ExtensionGap(
          'the hash of the block its mortal era starts at is needed: decode it connected to the node, or give --block-hash',
        )
      return hash32(facts.birthHash, 'the era block hash')
    case 'CheckMetadataHash':
      // Mode 0 (disabled) signs None; with the hash enabled it signs the metadata's merkle digest, not rebuilt here.
      if (extra.length === 1 && extra[0] === 0) return Uint8Array.of(0)
      throw new ExtensionGap('it commits to a metadata hash (CheckMetadataHash enabled), which tao does not rebuild')
  }
  if (isVoid(view, typeId)) return EMPTY
  throw new ExtensionGap(`this runtime's transaction extension ${identifier} signs data tao does not know how to fill`)
}

/** Every extension's value and additional data for a transaction signed with these choices. */
export function extensionParts(view: RuntimeMetadata, facts: ChainFacts, choices: SignerChoices): ExtensionPart[] {
  return extensionsOf(view).map((ext) => {
    const value = extensionValue(view, ext.identifier, ext.type, choices)
    return {
      identifier: ext.identifier,
      value,
      additionalSigned: additionalSigned(view, ext.identifier, ext.additionalSigned, facts, value),
    }
  })
}

function extensionValue(view: RuntimeMetadata, identifier: string, typeId: number, choices: SignerChoices): Uint8Array {
  switch (identifier) {
    case 'CheckMortality':
    case 'CheckEra':
      return encodeEra(choices.era)
    case 'CheckNonce':
      return compact.enc(choices.nonce)
    case 'ChargeTransactionPayment':
      return compact.enc(choices.tip)
    case 'ChargeAssetTxPayment':
      // The tip, and no asset (None): fees in the native token.
      return Uint8Array.of(...compact.enc(choices.tip), 0)
    case 'CheckMetadataHash':
      return Uint8Array.of(0)
  }
  if (isVoid(view, typeId)) return EMPTY
  throw new ExtensionGap(`this runtime's transaction extension ${identifier} carries data tao does not know how to fill`)
}

/** The bytes a signature covers: call, every extension's value, then every additional part; hashed above 256 bytes. */
export function signingPayload(callData: Uint8Array, extra: Uint8Array[], additional: Uint8Array[]): Uint8Array {
  const parts = [callData, ...extra, ...additional]
  const payload = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    payload.set(p, at)
    at += p.length
  }
  return payload.length > 256 ? Blake2256(payload) : payload
}
