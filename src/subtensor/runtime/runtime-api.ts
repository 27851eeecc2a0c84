/**
 * Subtensor runtime APIs on either runtime generation. Which one a node runs is read from the metadata it
 * serves: where a method's result is declared `Vec<u8>` (spec 218) the runtime returns SCALE inside it and
 * takes accounts as `Vec<u8>`; newer runtimes declare typed results and `AccountId32` arguments. Typed
 * results are decoded with the metadata's own codecs; opaque ones with the layouts in opaque-218.ts.
 */
import type { LookupEntry } from '@polkadot-api/metadata-builders'
import { failed } from '../../core/errors.js'
import { parseAddress } from '../../core/ss58.js'
import type { BlockReads, RuntimeMetadata } from '../../node/index.js'
import type { OpaqueDecoder } from './opaque-218.js'

export type ApiAnswer<T> = { typed: true; value: unknown } | { typed: false; value: T }

const isBytes = (e: LookupEntry): boolean => e.type === 'sequence' && e.value.type === 'primitive' && e.value.value === 'u8'

/** 'typed', 'opaque' (a `Vec<u8>` result), or undefined when the runtime does not have the method. */
export function apiShape(meta: RuntimeMetadata, api: string, method: string): 'typed' | 'opaque' | undefined {
  const info = meta.runtimeApi(api, method)
  if (!info) return undefined
  return isBytes(meta.lookup(info.outputType)) ? 'opaque' : 'typed'
}

/** SS58 arguments in the form the method takes: raw public-key bytes where it declares `Vec<u8>`. */
function adaptArg(meta: RuntimeMetadata, typeId: number, arg: unknown): unknown {
  const entry = meta.lookup(typeId)
  const key = (a: unknown) => (typeof a === 'string' ? parseAddress(a, meta.ss58Prefix ?? 42) : a)
  if (isBytes(entry)) return key(arg)
  if (entry.type === 'sequence' && isBytes(entry.value) && Array.isArray(arg)) return arg.map(key)
  return arg
}

/**
 * Call a Subtensor runtime API at the block `reads` sees. A typed result comes back as the metadata decodes
 * it; an opaque one is decoded with `opaque` (the 218 layout), which must use every byte.
 */
export async function callApi<T>(
  meta: RuntimeMetadata,
  reads: BlockReads,
  api: string,
  method: string,
  args: unknown[],
  opaque: OpaqueDecoder<T>,
): Promise<ApiAnswer<T>> {
  const info = meta.requireRuntimeApi(api, method)
  const value = await reads.runtimeApi(api, method, ...args.map((a, i) => adaptArg(meta, info.inputTypes[i]!, a)))
  if (!isBytes(meta.lookup(info.outputType))) return { typed: true, value }
  try {
    return { typed: false, value: opaque(value as Uint8Array) }
  } catch (err) {
    throw failed(`cannot decode ${api}.${method} from this runtime ${meta.where}: ${(err as Error).message}`, 'DECODE')
  }
}
