import { Blake2256 } from '@polkadot-api/substrate-bindings'
import { badInput } from '../core/errors.js'
import { fromHex, toHex } from '../core/hex.js'
import { compactLength, compactValue } from './bytes.js'
import { toJsonSafe } from '../core/json.js'
import type { RuntimeMetadata } from './metadata.js'

/** When a mortal transaction may be included: blocks [birth, death) counted from the era's phase. */
export type Era = { type: 'immortal' } | { type: 'mortal'; period: number; phase: number }

/** What an extrinsic does, JSON-safe (bigint as decimal strings, bytes as 0x hex). */
export interface DecodedExtrinsic {
  txHash: `0x${string}`
  length: number
  version: number
  /** `signed` (v4 with a signature), `general` (v5 with extensions), `bare` (unsigned / inherent). */
  kind: 'signed' | 'general' | 'bare'
  signer?: string
  signature?: unknown
  nonce?: number
  tip?: string
  era?: Era
  /** Every transaction extension's decoded value, by identifier. */
  extensions?: Record<string, unknown>
  pallet: string
  call: string
  args: Record<string, unknown>
  callData: `0x${string}`
}

/** blake2-256 of the whole extrinsic (length prefix included): the hash nodes and explorers show. */
export const extrinsicHash = (bytes: Uint8Array): `0x${string}` => toHex(Blake2256(bytes))

/** The pieces of a signed extrinsic a signature covers, as bytes (for checking it). */
export interface SignedParts {
  /** The signer's address as encoded: `Id` carries the 32-byte public key. */
  publicKey?: Uint8Array
  signatureType?: string
  signature?: Uint8Array
  /** Each transaction extension's value (its "extra") as the extrinsic holds it, in the metadata's order. */
  extra: Array<{ identifier: string; additionalSigned: number; bytes: Uint8Array }>
  callData: Uint8Array
}

/** Decode a SCALE-encoded extrinsic (with its length prefix) against the runtime's metadata. */
export function decodeExtrinsic(meta: RuntimeMetadata, input: Uint8Array | string): DecodedExtrinsic {
  return readExtrinsic(meta, input).decoded
}

/** The decoded extrinsic, and the bytes of what its signature covers. */
export function readExtrinsic(meta: RuntimeMetadata, input: Uint8Array | string): { decoded: DecodedExtrinsic; parts: SignedParts } {
  const bytes = typeof input === 'string' ? fromHex(input, 'extrinsic') : input
  if (bytes.length < 2) throw badInput('not an extrinsic: too short', 'BAD_EXTRINSIC')
  const prefix = compactLength(bytes)
  if (compactValue(bytes) !== bytes.length - prefix)
    throw badInput('not an extrinsic: its length prefix does not match its size', 'BAD_EXTRINSIC')
  const head = bytes[prefix]!
  const version = head & 0x3f
  const preamble = head >> 6 // 0 bare, 2 signed (v4), 1 general (v5)
  let at = prefix + 1
  const types = extrinsicTypes(meta)
  const out: Partial<DecodedExtrinsic> = { txHash: extrinsicHash(bytes), length: bytes.length, version, kind: 'bare' }
  const parts: SignedParts = { extra: [], callData: new Uint8Array(0) }
  try {
    if (preamble === 2 || preamble === 1) {
      let extVersion = 0
      if (preamble === 2) {
        const address = meta.codec(types.address)
        const signature = meta.codec(types.signature)
        const addr = decodeAt(address, bytes, at)
        at = addr.next
        const sig = decodeAt(signature, bytes, at)
        at = sig.next
        const a = addr.value as { type?: string; value?: unknown } | string
        out.signer = typeof a === 'string' ? a : a?.type === 'Id' ? String(a.value) : JSON.stringify(toJsonSafe(a))
        out.signature = toJsonSafe(sig.value)
        // The address's last 32 bytes are the key (after a variant byte for MultiAddress::Id); a signature
        // enum is one variant byte and the signature.
        if (typeof a === 'string' || a?.type === 'Id') parts.publicKey = bytes.slice(addr.next - 32, addr.next)
        const s = sig.value as { type?: string } | undefined
        parts.signatureType = typeof s?.type === 'string' ? s.type : undefined
        parts.signature = bytes.slice(parts.signatureType ? addr.next + 1 : addr.next, sig.next)
        out.kind = 'signed'
      } else {
        extVersion = bytes[at]!
        at += 1
        out.kind = 'general'
      }
      const extensions: Record<string, unknown> = {}
      for (const ext of meta.metadata.extrinsic.signedExtensions[extVersion] ?? []) {
        const codec = meta.codec(ext.type)
        const { value, next } = decodeAt(codec, bytes, at)
        parts.extra.push({ identifier: ext.identifier, additionalSigned: ext.additionalSigned, bytes: bytes.slice(at, next) })
        extensions[ext.identifier] = toJsonSafe(value)
        if (ext.identifier === 'CheckMortality' || ext.identifier === 'CheckEra')
          extensions[ext.identifier] = out.era = decodeEra(bytes.subarray(at, next))
        if (ext.identifier === 'CheckNonce') out.nonce = Number(value)
        if (ext.identifier === 'ChargeTransactionPayment') out.tip = String(value)
        if (ext.identifier === 'ChargeAssetTxPayment') out.tip = String((value as { tip?: unknown })?.tip ?? 0)
        at = next
      }
      out.extensions = extensions
    }
    const callData = bytes.slice(at)
    const call = meta.decodeCall(callData)
    parts.callData = callData
    const decoded: DecodedExtrinsic = {
      ...(out as DecodedExtrinsic),
      pallet: call.pallet,
      call: call.name,
      args: toJsonSafe(call.args) as Record<string, unknown>,
      callData: toHex(callData),
    }
    return { decoded, parts }
  } catch (err) {
    throw badInput(`cannot decode this extrinsic with the runtime's metadata ${meta.where}: ${(err as Error).message}`, 'BAD_EXTRINSIC')
  }
}

/** Decode one value at `offset`, and learn where it ends by re-encoding it (SCALE is canonical). */
function decodeAt(codec: ReturnType<RuntimeMetadata['codec']>, bytes: Uint8Array, offset: number): { value: unknown; next: number } {
  const value = codec.dec(bytes.slice(offset))
  return { value, next: offset + codec.enc(value).length }
}

/** The mortal era encoding: immortal is one zero byte; mortal is a u16 of period and quantized phase. */
export function decodeEra(raw: Uint8Array): Era {
  if (raw.length === 0 || raw[0] === 0) return { type: 'immortal' }
  const encoded = raw[0]! | (raw[1]! << 8)
  const period = 2 << (encoded & 0xf)
  const quantize = Math.max(period >> 12, 1)
  return { type: 'mortal', period, phase: (encoded >> 4) * quantize }
}

/** First block at or before `current` where an era with this phase starts: the node's own rule. */
export const eraBirth = (era: { period: number; phase: number }, current: number): number =>
  Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase

/** Address / signature / call type ids of the extrinsic format (v15+ lists them; v14 has them as params). */
function extrinsicTypes(meta: RuntimeMetadata): { address: number; signature: number } {
  const ext = meta.metadata.extrinsic as { address?: number; signature?: number; type?: number }
  if (ext.address !== undefined && ext.signature !== undefined) return { address: ext.address, signature: ext.signature }
  const params = meta.metadata.lookup.find((t) => t.id === ext.type)?.params ?? []
  const param = (name: string) => params.find((p) => p.name === name)?.type
  const address = param('Address')
  const signature = param('Signature')
  if (address === undefined || signature === undefined) throw new Error('the metadata does not describe signed extrinsics')
  return { address, signature }
}
