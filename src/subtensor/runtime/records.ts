/**
 * One shape per Subtensor structure, whatever the runtime: spec 218's opaque layouts and newer runtimes'
 * typed results (decoded by the metadata: compact u16 as numbers, u64 as bigint, accounts as SS58, byte
 * strings as `Vec<Compact<u8>>` number arrays or Uint8Array) are mapped here, so the read layer never asks
 * which runtime it talks to. Pure functions.
 */
import type { Axon } from '../models.js'
import type { DynamicInfo218, StakeInfos218, SubnetState218 } from './opaque-218.js'

/** A subnet's owner, pool and schedule (DynamicInfo, or a Metagraph's subnet fields). */
export interface DynamicRecord {
  netuid: number
  ownerColdkey: string
  /** null where the runtime's DynamicInfo has none (218: storage SubnetOwnerHotkey). */
  ownerHotkey: string | null
  /** null where the structure has none (218: storage SubnetIdentities). */
  name: string | null
  /** null where the structure has none (218: storage TokenSymbol). */
  symbol: string | null
  tempo: number
  blocksSinceLastStep: bigint
  /** TAO into the pool per block, rao (218: `emission`, later `tao_in_emission`). */
  taoEmission: bigint
  taoIn: bigint
  alphaIn: bigint
  alphaOut: bigint
  /** null where the structure has none (218: storage NetworkRegisteredAt). */
  registeredAt: bigint | null
}

/** The per-UID vectors of SubnetState and Metagraph (same names and units in both). */
export interface UidVectors {
  hotkeys: string[]
  coldkeys: string[]
  active: boolean[]
  validatorPermit: boolean[]
  lastUpdate: bigint[]
  emission: bigint[]
  dividends: number[]
  incentives: number[]
  consensus: number[]
  trust: number[]
  rank: number[]
  blockAtRegistration: bigint[]
  alphaStake: bigint[]
  taoStake: bigint[]
  totalStake: bigint[]
}

/** One (coldkey, hotkey, subnet) stake from StakeInfo: alpha in base units. */
export interface StakeRecord {
  coldkey: string
  hotkey: string
  netuid: number
  alpha: bigint
}

type Fields = Record<string, unknown>

const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as number | undefined) ?? 0))
const num = (v: unknown): number => Number(v ?? 0)
const bigs = (v: unknown): bigint[] => ((v as unknown[] | undefined) ?? []).map(big)
const nums = (v: unknown): number[] => ((v as unknown[] | undefined) ?? []).map(num)
const list = <T>(v: unknown): T[] => (v as T[] | undefined) ?? []

/** UTF-8 text of a byte string (Uint8Array, or `Vec<Compact<u8>>` as numbers); null when empty. */
export function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  const bytes =
    v instanceof Uint8Array ? v : Array.isArray(v) ? Uint8Array.from(v.map(Number)) : typeof v === 'string' ? hexOrText(v) : undefined
  if (!bytes || bytes.length === 0) return null
  const s = new TextDecoder().decode(bytes).replace(/\0+$/, '')
  return s === '' ? null : s
}

const hexOrText = (v: string): Uint8Array =>
  /^0x([0-9a-f]{2})*$/i.test(v) ? Uint8Array.from(Buffer.from(v.slice(2), 'hex')) : new TextEncoder().encode(v)

/** A subnet identity's name (SubnetIdentity, V2, V3: `subnet_name`), or null. */
export const identityName = (identity: unknown): string | null => text((identity as Fields | undefined)?.subnet_name)

export function dynamicFrom218(d: DynamicInfo218): DynamicRecord {
  return {
    netuid: d.netuid,
    ownerColdkey: d.owner,
    ownerHotkey: null,
    name: null,
    symbol: null,
    tempo: d.tempo,
    blocksSinceLastStep: d.blocks_since_last_step,
    taoEmission: d.emission,
    taoIn: d.tao_in,
    alphaIn: d.alpha_in,
    alphaOut: d.alpha_out,
    registeredAt: null,
  }
}

/** Typed DynamicInfo, or a typed Metagraph (same subnet fields; `name`/`symbol`/`identity` names differ). */
export function dynamicFromTyped(value: unknown): DynamicRecord {
  const d = value as Fields
  const identity = d.subnet_identity ?? d.identity
  return {
    netuid: num(d.netuid),
    ownerColdkey: String(d.owner_coldkey ?? d.owner),
    ownerHotkey: d.owner_hotkey === undefined ? null : String(d.owner_hotkey),
    name: identityName(identity) ?? text(d.subnet_name ?? d.name),
    symbol: text(d.token_symbol ?? d.symbol),
    tempo: num(d.tempo),
    blocksSinceLastStep: big(d.blocks_since_last_step),
    taoEmission: big(d.tao_in_emission ?? d.emission),
    taoIn: big(d.tao_in),
    alphaIn: big(d.alpha_in),
    alphaOut: big(d.alpha_out),
    registeredAt: d.network_registered_at === undefined ? null : big(d.network_registered_at),
  }
}

/** SubnetState (218 opaque or typed) or a typed Metagraph: the per-UID vectors. */
export function uidVectors(value: SubnetState218 | unknown): UidVectors {
  const s = value as Fields
  return {
    hotkeys: list<string>(s.hotkeys).map(String),
    coldkeys: list<string>(s.coldkeys).map(String),
    active: list<boolean>(s.active).map(Boolean),
    validatorPermit: list<boolean>(s.validator_permit).map(Boolean),
    lastUpdate: bigs(s.last_update),
    emission: bigs(s.emission),
    dividends: nums(s.dividends),
    incentives: nums(s.incentives),
    consensus: nums(s.consensus),
    trust: nums(s.trust),
    rank: nums(s.rank),
    blockAtRegistration: bigs(s.block_at_registration),
    alphaStake: bigs(s.alpha_stake),
    taoStake: bigs(s.tao_stake),
    totalStake: bigs(s.total_stake),
  }
}

/** `get_stake_info_for_coldkeys` (218 opaque or typed): every position with alpha, zero ones dropped. */
export function stakesFrom(value: StakeInfos218 | unknown): StakeRecord[] {
  const out: StakeRecord[] = []
  for (const [coldkey, infos] of list<[string, Fields[]]>(value))
    for (const info of infos) {
      const alpha = big(info.stake)
      if (alpha > 0n) out.push({ coldkey: String(info.coldkey ?? coldkey), hotkey: String(info.hotkey), netuid: num(info.netuid), alpha })
    }
  return out
}

/** AxonInfo (runtime API or storage `Axons`) as an Axon; null when the UID never served one. */
export function axonFrom(value: unknown): Axon | null {
  const a = value as Fields | undefined
  if (!a) return null
  const ip = big(a.ip)
  const ipType = num(a.ip_type)
  const block = num(a.block)
  if (ip === 0n && block === 0) return null
  return { ip: ip === 0n ? null : ipText(ip, ipType), port: num(a.port), version: num(a.version), protocol: num(a.protocol), block }
}

/** An IP as the runtime stores it (u128 with a type 4 or 6) in text form (IPv6 uncompressed). */
export function ipText(ip: bigint, ipType: number): string {
  if (ipType === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip >> shift) & 0xffn)).join('.')
  const groups: string[] = []
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((ip >> shift) & 0xffffn).toString(16))
  return groups.join(':')
}
