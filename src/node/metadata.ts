import { getDynamicBuilder, getLookupFn, type LookupEntry, type MetadataLookup } from '@polkadot-api/metadata-builders'
import type { UnifiedMetadata } from '@polkadot-api/substrate-bindings'
import { formatTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import { fromHex } from '../core/hex.js'
import { unifiedMetadata } from './decoded-metadata.js'
import { DISPATCH_WORDS } from './dispatch-words.js'
import { checkRange } from './range-check.js'
import { describeType } from './type-names.js'

/** One argument of a call as the runtime declares it. */
export interface CallArg {
  name: string
  /** Structural type, e.g. `u16`, `Compact<u64>`, `AccountId32`, `Vec<u16>`, `MultiAddress`. */
  type: string
  /** The Rust type name the runtime wrote, e.g. `NetUid` or `T::AccountId`, when the metadata has it. */
  typeName?: string
}

export interface CallInfo {
  pallet: string
  name: string
  /** [pallet index, call index]: the first two bytes of the call data. */
  index: [number, number]
  args: CallArg[]
  docs: string
}

export interface DecodedCall {
  pallet: string
  name: string
  args: Record<string, unknown>
}

export interface ChainEvent {
  pallet: string
  name: string
  data: unknown
  /** `ApplyExtrinsic` (value = index in the block), `Finalization` or `Initialization`. */
  phase: { type: string; value?: number }
}

/** A dispatch error in words: `Pallet.Name` and the runtime's own doc text. */
export interface DispatchErrorInfo {
  pallet: string
  name: string
  docs: string
}

export interface RuntimeApiInfo {
  api: string
  method: string
  args: string[]
  /** Type ids of the arguments and of the result, for `lookup` / `codec`. */
  inputTypes: number[]
  outputType: number
  encodeArgs(...args: unknown[]): Uint8Array
  decodeResult(bytes: Uint8Array | string): unknown
}

export interface StorageInfo {
  pallet: string
  item: string
  /** Number of key arguments (0 for a plain value). */
  keyCount: number
  /** Full key, or the prefix of all entries sharing the first keys when given fewer than keyCount. */
  encodeKey(...keys: unknown[]): `0x${string}`
  decodeKey(key: string): unknown[]
  encodeValue(value: unknown): Uint8Array
  decodeValue(bytes: Uint8Array | string): unknown
  /** The value a missing entry has (storage "default"), or undefined for optional entries. */
  fallback: unknown
}

export interface EncodeOptions {
  /** Drop arguments this runtime's call does not take (e.g. `mechid` on runtimes after spec 218). */
  ignoreExtra?: boolean
}

/** The metadata a node serves, with everything else derived from it: no layout is written down here. */
export interface RuntimeMetadata {
  readonly raw: Uint8Array
  readonly version: 14 | 15 | 16
  readonly metadata: UnifiedMetadata
  readonly lookup: MetadataLookup
  readonly specName?: string
  readonly specVersion?: number
  readonly transactionVersion?: number
  readonly ss58Prefix?: number
  /** `(spec N)` for messages. */
  readonly where: string
  pallets(): string[]
  calls(pallet: string): string[]
  call(pallet: string, name: string): CallInfo | undefined
  /** The call, or `badInput('<Pallet>.<call> is not in this runtime (spec N)')` (exit 2). */
  requireCall(pallet: string, name: string): CallInfo
  /** The variant names of a call argument whose type is an enum (Proxy.add_proxy's `proxy_type`), or undefined. */
  argVariants(pallet: string, name: string, arg: string): string[] | undefined
  encodeCall(pallet: string, name: string, args: Record<string, unknown>, options?: EncodeOptions): Uint8Array
  decodeCall(bytes: Uint8Array | string): DecodedCall
  storage(pallet: string, item: string): StorageInfo | undefined
  requireStorage(pallet: string, item: string): StorageInfo
  constant(pallet: string, name: string): unknown
  hasConstant(pallet: string, name: string): boolean
  /** Refuse (exit 2) storage keys whose integers do not fit the key types (a u16 netuid of 70000 …). */
  checkStorageKeys(pallet: string, item: string, keys: unknown[]): void
  /** Refuse (exit 2) runtime API arguments whose integers do not fit their types. */
  checkApiArgs(api: string, method: string, args: unknown[]): void
  /** Refuse (exit 2) a transaction extension value (`ChargeTransactionPayment` tip, `CheckNonce` nonce) that does not fit. */
  checkExtension(identifier: string, value: unknown, label: string): void
  /** Decode a `System.Events` storage value. */
  decodeEvents(bytes: Uint8Array | string): ChainEvent[]
  /** A DispatchError as decoded from an event (`{ type: 'Module', value: { index, error } }`, …). */
  describeDispatchError(error: unknown): DispatchErrorInfo
  /** Docs of `Pallet.ErrorName`, or undefined when the pallet has no such error. */
  errorDocs(pallet: string, name: string): string | undefined
  runtimeApi(api: string, method: string): RuntimeApiInfo | undefined
  requireRuntimeApi(api: string, method: string): RuntimeApiInfo
  codec(typeId: number): { enc(value: unknown): Uint8Array; dec(bytes: Uint8Array | string): unknown }
}

export const joinDocs = (docs: readonly string[] | undefined): string =>
  (docs ?? [])
    .map((l) => l.trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()

/** scale-ts decodes from the start of the underlying buffer, so views into a larger buffer are copied. */
const asBytes = (input: Uint8Array | string, what: string): Uint8Array =>
  typeof input === 'string'
    ? fromHex(input, what)
    : input.byteOffset === 0 && input.byteLength === input.buffer.byteLength
      ? input
      : input.slice()

/** Decode raw metadata (v14, v15 or v16, with or without the `meta` magic wrapper). */
export function decodeMetadata(raw: Uint8Array): RuntimeMetadata {
  const metadata = unifiedMetadata(raw)
  const lookup = getLookupFn(metadata)
  const builder = getDynamicBuilder(lookup)
  const palletsByName = new Map(metadata.pallets.map((p) => [p.name, p]))
  const palletsByIndex = new Map(metadata.pallets.map((p) => [p.index, p]))

  const version = decodeConstant<{ spec_name?: string; spec_version?: number; transaction_version?: number }>('System', 'Version')
  const specVersion = typeof version?.spec_version === 'number' ? version.spec_version : undefined
  const where = specVersion === undefined ? '(unknown spec)' : `(spec ${specVersion})`

  function decodeConstant<T>(pallet: string, name: string): T | undefined {
    const c = palletsByName.get(pallet)?.constants.find((x) => x.name === name)
    if (!c) return undefined
    return builder.buildDefinition(c.type).dec(c.value) as T
  }

  const variantsOf = (typeId: number | undefined): Record<string, LookupEntryVariant> => {
    if (typeId === undefined) return {}
    const entry = lookup(typeId)
    return entry.type === 'enum' ? (entry.value as Record<string, LookupEntryVariant>) : {}
  }
  const enumDocs = (typeId: number | undefined): Record<string, string[]> => {
    if (typeId === undefined) return {}
    const entry = lookup(typeId)
    return entry.type === 'enum' ? entry.innerDocs : {}
  }

  function callVariant(pallet: string, name: string) {
    const typeId = palletsByName.get(pallet)?.calls?.type
    const raw = typeId === undefined ? undefined : metadata.lookup[typeId]
    return raw?.def.tag === 'variant' ? raw.def.value.find((v) => v.name === name) : undefined
  }

  function call(pallet: string, name: string): CallInfo | undefined {
    const p = palletsByName.get(pallet)
    const variant = callVariant(pallet, name)
    if (!p || !variant) return undefined
    return {
      pallet,
      name,
      index: [p.index, variant.index],
      args: variant.fields.map((f, i) => ({
        name: f.name ?? String(i),
        type: describeType(metadata.lookup, f.type),
        ...(f.typeName ? { typeName: f.typeName } : {}),
      })),
      docs: joinDocs(variant.docs),
    }
  }

  function requireCall(pallet: string, name: string): CallInfo {
    const info = call(pallet, name)
    // This runtime cannot do what was asked: exit 2, like every "not in this runtime", before anything is signed.
    if (!info) throw badInput(`${pallet}.${name} is not in this runtime ${where}`, 'CALL_NOT_IN_RUNTIME')
    return info
  }

  function encodeCall(pallet: string, name: string, args: Record<string, unknown>, options: EncodeOptions = {}): Uint8Array {
    const info = requireCall(pallet, name)
    const names = info.args.map((a) => a.name)
    const takes = `it takes (${names.join(', ')})`
    // An Option argument given as `undefined` (present, no value) is None; any other undefined is missing.
    const isOption = (n: string) => info.args.find((a) => a.name === n)?.type.startsWith('Option<') === true
    const missing = names.filter((n) => !(n in args) || (args[n] === undefined && !isOption(n)))
    if (missing.length) throw failed(`${pallet}.${name} needs ${missing.join(', ')} in this runtime ${where}: ${takes}`, 'CALL_ARGS')
    const extra = Object.keys(args).filter((k) => !names.includes(k) && args[k] !== undefined)
    if (extra.length && !options.ignoreExtra)
      throw failed(`${pallet}.${name} takes no ${extra.join(', ')} in this runtime ${where}: ${takes}`, 'CALL_ARGS')
    const value = names.length === 0 ? undefined : Object.fromEntries(names.map((n) => [n, args[n]]))
    // Every integer is checked against the width the runtime declares: the codecs would wrap it silently.
    callVariant(pallet, name)!.fields.forEach((f, i) =>
      checkRange(lookup(f.type), args[names[i]!], names[i]!, { what: `${pallet}.${name}`, typeName: f.typeName, formatTao }),
    )
    try {
      return builder.buildDefinition(lookup.call!).enc({ type: pallet, value: { type: name, value } })
    } catch (err) {
      throw failed(`cannot encode ${pallet}.${name}: ${(err as Error).message || String(err)}`, 'CALL_ENCODE')
    }
  }

  function decodeCall(input: Uint8Array | string): DecodedCall {
    const decoded = builder.buildDefinition(lookup.call!).dec(asBytes(input, 'call data')) as {
      type: string
      value: { type: string; value: Record<string, unknown> | undefined }
    }
    return { pallet: decoded.type, name: decoded.value.type, args: decoded.value.value ?? {} }
  }

  function storage(pallet: string, item: string): StorageInfo | undefined {
    const entry = palletsByName.get(pallet)?.storage?.items.find((i) => i.name === item)
    if (!entry) return undefined
    const built = builder.buildStorage(pallet, item)
    return {
      pallet,
      item,
      keyCount: built.len,
      encodeKey: (...keys) => built.keys.enc(...keys) as `0x${string}`,
      decodeKey: (key) => built.keys.dec(key),
      encodeValue: (value) => built.value.enc(value),
      decodeValue: (bytes) => built.value.dec(asBytes(bytes, `${pallet}.${item} value`)),
      fallback: built.fallback,
    }
  }

  function requireStorage(pallet: string, item: string): StorageInfo {
    const info = storage(pallet, item)
    if (!info) throw failed(`storage ${pallet}.${item} is not in this runtime ${where}`, 'STORAGE_NOT_IN_RUNTIME')
    return info
  }

  function checkStorageKeys(pallet: string, item: string, keys: unknown[]): void {
    const entry = palletsByName.get(pallet)?.storage?.items.find((i) => i.name === item)
    if (!entry || entry.type.tag !== 'map' || keys.length === 0) return
    const { hashers, key } = entry.type.value
    const keyType = lookup(key)
    const parts: LookupEntry[] = hashers.length === 1 ? [keyType] : keyType.type === 'tuple' ? keyType.value : []
    const what = `${pallet}.${item}`
    keys.forEach((k, i) => parts[i] && checkRange(parts[i]!, k, `key ${i + 1}`, { what, formatTao }))
  }

  function checkApiArgs(api: string, method: string, args: unknown[]): void {
    const entry = metadata.apis.find((a) => a.name === api)?.methods.find((m) => m.name === method)
    entry?.inputs.forEach((input, i) => checkRange(lookup(input.type), args[i], input.name, { what: `${api}.${method}`, formatTao }))
  }

  function checkExtension(identifier: string, value: unknown, label: string): void {
    const ext = Object.values(metadata.extrinsic.signedExtensions)
      .flat()
      .find((e) => e.identifier === identifier)
    if (ext) checkRange(lookup(ext.type), value, label, { what: identifier, typeName: label, formatTao })
  }

  function constant(pallet: string, name: string): unknown {
    if (!hasConstant(pallet, name)) throw failed(`constant ${pallet}.${name} is not in this runtime ${where}`, 'CONSTANT_NOT_IN_RUNTIME')
    return decodeConstant(pallet, name)
  }
  const hasConstant = (pallet: string, name: string) => !!palletsByName.get(pallet)?.constants.some((c) => c.name === name)

  function decodeEvents(input: Uint8Array | string): ChainEvent[] {
    const records = requireStorage('System', 'Events').decodeValue(input) as Array<{
      phase: { type: string; value?: number }
      event: { type: string; value: { type: string; value: unknown } }
    }>
    return records.map((r) => ({ pallet: r.event.type, name: r.event.value.type, data: r.event.value.value, phase: r.phase }))
  }

  // DispatchError's type, found through System.ExtrinsicFailed so no type id is written down.
  const dispatchErrorType = (() => {
    const failedVariant = variantsOf(palletsByName.get('System')?.events?.type).ExtrinsicFailed
    if (failedVariant?.type === 'struct') return (failedVariant.value as Record<string, LookupEntry>).dispatch_error?.id
    if (failedVariant?.type === 'lookupEntry') return (failedVariant.value as LookupEntry).id
    return undefined
  })()

  function errorDocs(pallet: string, name: string): string | undefined {
    const docs = enumDocs(palletsByName.get(pallet)?.errors?.type)
    return name in docs ? joinDocs(docs[name]) : undefined
  }

  function describeDispatchError(error: unknown): DispatchErrorInfo {
    const e = error as { type?: string; value?: unknown }
    if (e?.type === 'Module') {
      // Metadata with a RuntimeError type decodes to { type: pallet, value: { type: error } }; older
      // metadata leaves the raw { index, error } pair.
      const named = e.value as { type?: unknown; value?: { type?: unknown } }
      if (typeof named?.type === 'string' && typeof named.value?.type === 'string')
        return { pallet: named.type, name: named.value.type, docs: errorDocs(named.type, named.value.type) ?? '' }
      const { index, error: code } = e.value as { index: number; error: unknown }
      const pallet = palletsByIndex.get(index)
      const first = typeof code === 'number' ? code : typeof code === 'string' ? fromHex(code)[0] : (code as Uint8Array)?.[0]
      const variants = variantsOf(pallet?.errors?.type)
      const name = Object.keys(variants).find((k) => variants[k]!.idx === first)
      if (!pallet || name === undefined)
        return {
          pallet: pallet?.name ?? `pallet#${index}`,
          name: `error#${first}`,
          docs: `an error this runtime ${where} does not describe`,
        }
      return { pallet: pallet.name, name, docs: errorDocs(pallet.name, name) ?? '' }
    }
    if (typeof e?.type === 'string') {
      const outer = variantsOf(dispatchErrorType)[e.type]
      const outerDocs = joinDocs(enumDocs(dispatchErrorType)[e.type])
      const inner = e.value as { type?: string } | undefined
      if (outer?.type === 'lookupEntry' && typeof inner?.type === 'string') {
        const name = `${e.type}.${inner.type}`
        const innerDocs = joinDocs(enumDocs((outer.value as LookupEntry).id)[inner.type])
        return { pallet: 'DispatchError', name, docs: innerDocs || DISPATCH_WORDS[name] || outerDocs }
      }
      return { pallet: 'DispatchError', name: e.type, docs: outerDocs || DISPATCH_WORDS[e.type] || '' }
    }
    return { pallet: 'DispatchError', name: 'Unknown', docs: String(error) }
  }

  function runtimeApi(api: string, method: string): RuntimeApiInfo | undefined {
    const entry = metadata.apis.find((a) => a.name === api)?.methods.find((m) => m.name === method)
    if (!entry) return undefined
    const built = builder.buildRuntimeCall(api, method)
    return {
      api,
      method,
      args: entry.inputs.map((i) => i.name),
      inputTypes: entry.inputs.map((i) => i.type),
      outputType: entry.output,
      encodeArgs: (...args) => built.args.enc(args),
      decodeResult: (bytes) => built.value.dec(asBytes(bytes, `${api}.${method} result`)),
    }
  }

  function requireRuntimeApi(api: string, method: string): RuntimeApiInfo {
    const info = runtimeApi(api, method)
    if (!info) {
      const why = metadata.version < 15 ? ' (metadata v14 lists no runtime APIs)' : ''
      throw failed(`runtime API ${api}.${method} is not in this runtime ${where}${why}`, 'API_NOT_IN_RUNTIME')
    }
    return info
  }

  return {
    raw,
    version: metadata.version,
    metadata,
    lookup,
    specName: version?.spec_name,
    specVersion,
    transactionVersion: version?.transaction_version,
    ss58Prefix: builder.ss58Prefix,
    where,
    pallets: () => metadata.pallets.map((p) => p.name),
    calls: (pallet) => Object.keys(variantsOf(palletsByName.get(pallet)?.calls?.type)),
    call,
    requireCall,
    argVariants: (pallet, name, arg) => {
      const field = callVariant(pallet, name)?.fields.find((f) => f.name === arg)
      if (field === undefined) return undefined
      const entry = lookup(field.type)
      return entry.type === 'enum' ? Object.keys(entry.value) : undefined
    },
    encodeCall,
    decodeCall,
    storage,
    requireStorage,
    constant,
    hasConstant,
    checkStorageKeys,
    checkApiArgs,
    checkExtension,
    decodeEvents,
    describeDispatchError,
    errorDocs,
    runtimeApi,
    requireRuntimeApi,
    codec: (typeId) => {
      const c = builder.buildDefinition(typeId)
      return { enc: (v) => c.enc(v), dec: (b) => c.dec(asBytes(b, 'value')) }
    },
  }
}

type LookupEntryVariant = { type: string; value?: unknown; idx: number }
