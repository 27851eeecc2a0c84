/**
 * Layouts of the SCALE that spec-218 Subtensor runtime APIs return inside an opaque `Vec<u8>` (the metadata
 * says only `Vec<u8>`, so these are written down; source: subtensor c39109d32 `pallets/subtensor/src/rpc_info`,
 * checked against bytes a 218 chain served, test/fixtures/spec218). Only the layouts taocli reads.
 * Newer runtimes describe their results in the metadata and never come here.
 */
import {
  AccountId,
  bool,
  compactBn,
  compactNumber,
  createDecoder,
  Option,
  Struct,
  Tuple,
  Vector,
  type Codec,
} from '@polkadot-api/substrate-bindings'

/** Decodes the bytes inside the opaque `Vec<u8>`. */
export type OpaqueDecoder<T> = (bytes: Uint8Array) => T

/** The layouts for one SS58 prefix (accounts decode to SS58 strings, like the metadata's codecs). */
export function opaqueLayouts(ss58Prefix = 42) {
  const account = AccountId(ss58Prefix)
  const dynamicInfo = Struct({
    owner: account,
    netuid: compactNumber,
    tempo: compactNumber,
    last_step: compactBn,
    blocks_since_last_step: compactBn,
    emission: compactBn,
    alpha_in: compactBn,
    alpha_out: compactBn,
    tao_in: compactBn,
    total_locked: compactBn,
    owner_locked: compactBn,
  })
  const u16s = Vector(compactNumber)
  const u64s = Vector(compactBn)
  const subnetState = Struct({
    netuid: compactNumber,
    hotkeys: Vector(account),
    coldkeys: Vector(account),
    active: Vector(bool),
    validator_permit: Vector(bool),
    pruning_score: u16s,
    last_update: u64s,
    emission: u64s,
    dividends: u16s,
    incentives: u16s,
    consensus: u16s,
    trust: u16s,
    rank: u16s,
    block_at_registration: u64s,
    alpha_stake: u64s,
    tao_stake: u64s,
    total_stake: u64s,
    emission_history: Vector(u64s),
  })
  const hyperparams = Struct({
    rho: compactNumber,
    kappa: compactNumber,
    immunity_period: compactNumber,
    min_allowed_weights: compactNumber,
    max_weights_limit: compactNumber,
    tempo: compactNumber,
    min_difficulty: compactBn,
    max_difficulty: compactBn,
    weights_version: compactBn,
    weights_rate_limit: compactBn,
    adjustment_interval: compactNumber,
    activity_cutoff: compactNumber,
    registration_allowed: bool,
    target_regs_per_interval: compactNumber,
    min_burn: compactBn,
    max_burn: compactBn,
    bonds_moving_avg: compactBn,
    max_regs_per_block: compactNumber,
    serving_rate_limit: compactBn,
    max_validators: compactNumber,
    adjustment_alpha: compactBn,
    difficulty: compactBn,
    commit_reveal_weights_interval: compactBn,
    commit_reveal_weights_enabled: bool,
    alpha_high: compactNumber,
    alpha_low: compactNumber,
    liquid_alpha_enabled: bool,
  })
  const stakeInfo = Struct({
    hotkey: account,
    coldkey: account,
    netuid: compactNumber,
    stake: compactBn,
    locked: compactBn,
    emission: compactBn,
    drain: compactBn,
    is_registered: bool,
  })
  return {
    /** `SubnetInfoRuntimeApi.get_dynamic_info(netuid)`: `Option<DynamicInfo>`. */
    dynamicInfo: whole(Option(dynamicInfo)),
    /** `get_all_dynamic_info()`: `Vec<Option<DynamicInfo>>`. */
    allDynamicInfo: whole(Vector(Option(dynamicInfo))),
    /** `get_subnet_state(netuid)`: `Option<SubnetState>`. */
    subnetState: whole(Option(subnetState)),
    /** `get_subnet_hyperparams(netuid)`: the struct, or no bytes at all for an unknown subnet. */
    hyperparams: orEmpty(hyperparams),
    /** `StakeInfoRuntimeApi.get_stake_info_for_coldkeys(coldkeys)`: `Vec<(AccountId, Vec<StakeInfo>)>`. */
    stakeInfoForColdkeys: whole(Vector(Tuple(account, Vector(stakeInfo)))),
  }
}

export type OpaqueLayouts = ReturnType<typeof opaqueLayouts>
type Decoded<K extends keyof OpaqueLayouts> = ReturnType<OpaqueLayouts[K]>
export type DynamicInfo218 = NonNullable<Decoded<'dynamicInfo'>>
export type SubnetState218 = NonNullable<Decoded<'subnetState'>>
export type StakeInfos218 = Decoded<'stakeInfoForColdkeys'>

/** A layout that must use every byte: left-over bytes mean the layout is not this runtime's. */
function whole<T>(codec: Codec<T>): OpaqueDecoder<T> {
  const decode = createDecoder((input) => {
    const value = codec.dec(input)
    // scale-ts keeps its read position on the input it wraps.
    const used = (input as Uint8Array & { i: number }).i
    if (used !== input.length) throw new Error(`the runtime answered ${input.length} bytes; the known layout reads ${used}`)
    return value
  })
  // scale-ts reads from the start of the underlying buffer, so a view into a larger one is copied.
  return (bytes) => decode(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice())
}

/** Some 218 APIs answer "not found" with zero bytes instead of an Option. */
const orEmpty =
  <T>(codec: Codec<T>): OpaqueDecoder<T | undefined> =>
  (bytes) =>
    bytes.length === 0 ? undefined : whole(codec)(bytes)
