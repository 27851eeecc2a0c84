import type { LookupEntry } from '@polkadot-api/metadata-builders'
import { badInput } from '../core/errors.js'
import type { Chain, RuntimeMetadata } from '../node/index.js'

/**
 * On-chain identities (a coldkey's, a subnet's). Their fields differ between runtimes (spec 218's set_identity
 * has no github_repo; its subnet identity has 3 fields, later ones 8), so the field list always comes from the
 * metadata; flags map to fields by name, and a flag whose field this runtime lacks is refused.
 */

/** Flag → field of a coldkey identity (btcli's flag names). */
export const CHAIN_IDENTITY_FLAGS = {
  'id-name': 'name',
  'web-url': 'url',
  github: 'github_repo',
  'image-url': 'image',
  discord: 'discord',
  description: 'description',
  additional: 'additional',
} as const

/** Flag → field of a subnet identity (btcli's flag names). */
export const SUBNET_IDENTITY_FLAGS = {
  'subnet-name': 'subnet_name',
  'github-repo': 'github_repo',
  'subnet-contact': 'subnet_contact',
  'subnet-url': 'subnet_url',
  'discord-handle': 'discord',
  description: 'description',
  'logo-url': 'logo_url',
  'additional-info': 'additional',
} as const

/** Field → text, as people read and write it. */
export type IdentityText = Record<string, string>

const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** The fields a value of this type has: a struct's, or an Option's struct's. */
function structFields(entry: LookupEntry | undefined): string[] | undefined {
  if (!entry) return undefined
  if (entry.type === 'option') return structFields(entry.value)
  if (entry.type === 'struct') return Object.keys(entry.value)
  return undefined
}

/** The fields of a call's struct argument (e.g. register_network_with_identity's `identity`), from the metadata. */
export function callArgFields(meta: RuntimeMetadata, pallet: string, call: string, arg: string): string[] | undefined {
  const typeId = meta.metadata.pallets.find((p) => p.name === pallet)?.calls?.type
  if (typeId === undefined) return undefined
  const calls = meta.lookup(typeId)
  if (calls.type !== 'enum') return undefined
  const variant = (calls.value as Record<string, { type: string; value?: unknown }>)[call]
  if (variant?.type !== 'struct') return undefined
  return structFields((variant.value as Record<string, LookupEntry>)[arg])
}

/** The fields of a storage item's value (e.g. IdentitiesV2), from the metadata. */
export function storageFields(meta: RuntimeMetadata, pallet: string, item: string): string[] | undefined {
  const entry = meta.metadata.pallets.find((p) => p.name === pallet)?.storage?.items.find((i) => i.name === item)
  if (!entry) return undefined
  const typeId = entry.type.tag === 'plain' ? entry.type.value : entry.type.value.value
  return structFields(meta.lookup(typeId))
}

/** The text given with flags, by field name. Empty when no flag was given. */
export function identityFromFlags(flags: Record<string, unknown>, map: Record<string, string>): IdentityText {
  const out: IdentityText = {}
  for (const [flag, field] of Object.entries(map)) if (typeof flags[flag] === 'string') out[field] = flags[flag] as string
  return out
}

/**
 * The identity value for a call whose struct has `fields`: given text where a flag set it, else the current
 * value (so unnamed fields are kept), else empty. A field this runtime does not have is bad input.
 */
export function buildIdentity(
  fields: readonly string[],
  given: IdentityText,
  current: IdentityText | null,
  flagOf: Record<string, string>,
  where: string,
): Record<string, Uint8Array> {
  const unknown = Object.keys(given).filter((f) => !fields.includes(f))
  if (unknown.length) {
    const flags = unknown.map((f) => `--${Object.keys(flagOf).find((k) => flagOf[k] === f) ?? f}`)
    throw badInput(
      `this runtime ${where} has no identity field for ${flags.join(', ')} (its fields: ${fields.join(', ')})`,
      'FIELD_NOT_IN_RUNTIME',
    )
  }
  const text = new TextEncoder()
  return Object.fromEntries(fields.map((f) => [f, text.encode(given[f] ?? current?.[f] ?? '')]))
}

const decoder = new TextDecoder()
const asText = (v: unknown): string =>
  v instanceof Uint8Array ? decoder.decode(v) : typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)

/** The first of these storage items the runtime has, and its value for `key` as text (null when unset). */
async function readIdentity(
  chain: Chain,
  items: readonly string[],
  key: unknown,
): Promise<{ item: string | null; value: IdentityText | null }> {
  const item = items.find((i) => chain.metadata.storage('SubtensorModule', i) !== undefined) ?? null
  if (!item) return { item, value: null }
  const raw = (await chain.storage('SubtensorModule', item, key)) as Record<string, unknown> | undefined
  if (!raw) return { item, value: null }
  return { item, value: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, asText(v)])) }
}

/** A coldkey's identity (IdentitiesV2 on newer runtimes, Identities at spec 218). */
export const readChainIdentity = (chain: Chain, coldkey: string) => readIdentity(chain, ['IdentitiesV2', 'Identities'], coldkey)

/** A subnet's identity (SubnetIdentitiesV3, V2, or SubnetIdentities at spec 218). */
export const readSubnetIdentity = (chain: Chain, netuid: number) =>
  readIdentity(chain, ['SubnetIdentitiesV3', 'SubnetIdentitiesV2', 'SubnetIdentities'], netuid)

/** JSON of an identity over every field any runtime knows: camelCase keys, null for fields this runtime lacks. */
export function identityJson(
  value: IdentityText | null,
  fields: readonly string[] | undefined,
  all: Record<string, string>,
): Record<string, string | null> | null {
  if (!value) return null
  return Object.fromEntries(Object.values(all).map((f) => [camel(f), fields?.includes(f) ? (value[f] ?? '') : null]))
}
