/**
 * Which AdminUtils call sets which subnet hyperparameter, found in the runtime's metadata, who may call it
 * (the subnet owner, or only root), and a value typed as `subnets hyperparameters` shows it turned back into
 * the integer the call takes. Pure (metadata in, plans out), so it is tested against several runtimes offline.
 */
import { badInput } from '../../core/errors.js'
import type { CallArg } from '../../node/index.js'
import type { Hyperparameter } from '../models.js'

const ADMIN = 'AdminUtils'

/** What setter calls need from the metadata (a RuntimeMetadata or a Chain provide it). */
export interface SetterRuntime {
  call(pallet: string, name: string): { args: CallArg[] } | undefined
  readonly specVersion?: number
}

/**
 * Hyperparameters whose setter is not `sudo_set_<name>`: the runtime API and AdminUtils name them differently.
 * A name not here maps to `sudo_set_<name>` when the runtime has that call.
 */
const SETTER_NAMES: Record<string, string> = {
  max_weights_limit: 'sudo_set_max_weight_limit',
  weights_version: 'sudo_set_weights_version_key',
  weights_rate_limit: 'sudo_set_weights_set_rate_limit',
  registration_allowed: 'sudo_set_network_registration_allowed',
  target_regs_per_interval: 'sudo_set_target_registrations_per_interval',
  bonds_moving_avg: 'sudo_set_bonds_moving_average',
  max_regs_per_block: 'sudo_set_max_registrations_per_block',
  max_validators: 'sudo_set_max_allowed_validators',
  commit_reveal_period: 'sudo_set_commit_reveal_weights_interval',
  alpha_high: 'sudo_set_alpha_values',
  alpha_low: 'sudo_set_alpha_values',
  yuma_version: 'sudo_set_yuma3_enabled',
  subnet_is_active: 'sudo_set_subtoken_enabled',
  transfers_enabled: 'sudo_set_toggle_transfer',
}

/** yuma_version is shown as 2 or 3 and set as a flag (Yuma 3 on or off). */
export const YUMA = { name: 'yuma_version', off: 2, on: 3 }

/**
 * The setters the subnet owner may call (`ensure_subnet_owner_or_root`, later `ensure_sn_owner_or_root_with_limits`)
 * and those only root may (`ensure_root`), as Subtensor's admin-utils pallet had them in each era: spec 218
 * (c39109d32), spec 300 (738ba0c0c) and spec 381 (14b7928cc). A runtime uses the latest era not after it; a setter
 * its era does not list is left to the runtime to judge (it answers BadOrigin when the caller may not).
 */
const ERAS: Array<{ fromSpec: number; owner: string[]; root: string[] }> = [
  {
    fromSpec: 0,
    owner: [
      'serving_rate_limit',
      'min_difficulty',
      'max_difficulty',
      'weights_version_key',
      'weights_set_rate_limit',
      'adjustment_alpha',
      'max_weight_limit',
      'immunity_period',
      'min_allowed_weights',
      'kappa',
      'rho',
      'activity_cutoff',
      'network_registration_allowed',
      'network_pow_registration_allowed',
      'min_burn',
      'max_burn',
      'difficulty',
      'bonds_moving_average',
      'commit_reveal_weights_enabled',
      'liquid_alpha_enabled',
      'alpha_values',
      'commit_reveal_weights_interval',
    ],
    root: [
      'adjustment_interval',
      'max_allowed_uids',
      'target_registrations_per_interval',
      'max_allowed_validators',
      'max_registrations_per_block',
      'tempo',
      'rao_recycled',
      'network_max_stake',
    ],
  },
  {
    fromSpec: 300,
    owner: [
      'serving_rate_limit',
      'max_difficulty',
      'weights_version_key',
      'adjustment_alpha',
      'max_weight_limit',
      'immunity_period',
      'min_allowed_weights',
      'kappa',
      'rho',
      'activity_cutoff',
      'network_pow_registration_allowed',
      'bonds_moving_average',
      'bonds_penalty',
      'commit_reveal_weights_enabled',
      'liquid_alpha_enabled',
      'alpha_values',
      'commit_reveal_weights_interval',
      'toggle_transfer',
      'alpha_sigmoid_steepness',
      'yuma3_enabled',
      'bonds_reset_enabled',
    ],
    root: [
      'min_difficulty',
      'weights_set_rate_limit',
      'adjustment_interval',
      'max_allowed_uids',
      'network_registration_allowed',
      'target_registrations_per_interval',
      'min_burn',
      'max_burn',
      'difficulty',
      'max_allowed_validators',
      'max_registrations_per_block',
      'tempo',
      'rao_recycled',
      'network_max_stake',
      'ema_price_halving_period',
      'subtoken_enabled',
    ],
  },
  {
    fromSpec: 381,
    owner: [
      'serving_rate_limit',
      'max_difficulty',
      'weights_version_key',
      'adjustment_alpha',
      'immunity_period',
      'min_allowed_weights',
      'max_allowed_uids',
      'rho',
      'activity_cutoff',
      'network_pow_registration_allowed',
      'min_burn',
      'max_burn',
      'bonds_moving_average',
      'bonds_penalty',
      'commit_reveal_weights_enabled',
      'liquid_alpha_enabled',
      'alpha_values',
      'commit_reveal_weights_interval',
      'toggle_transfer',
      'recycle_or_burn',
      'alpha_sigmoid_steepness',
      'yuma3_enabled',
      'bonds_reset_enabled',
      'owner_immune_neuron_limit',
      'mechanism_count',
      'mechanism_emission_split',
    ],
    root: [
      'min_difficulty',
      'weights_set_rate_limit',
      'adjustment_interval',
      'kappa',
      'network_registration_allowed',
      'target_registrations_per_interval',
      'difficulty',
      'max_allowed_validators',
      'max_registrations_per_block',
      'tempo',
      'rao_recycled',
      'ema_price_halving_period',
      'subtoken_enabled',
      'min_allowed_uids',
      'min_non_immune_uids',
    ],
  },
]

/** Who may call an AdminUtils setter on this runtime: the subnet owner, only root, or not known here (the runtime decides). */
export type SetterOrigin = 'owner' | 'root' | 'unknown'

export function setterOrigin(call: string, specVersion: number | undefined): SetterOrigin {
  const era = [...ERAS].reverse().find((e) => e.fromSpec <= (specVersion ?? Number.MAX_SAFE_INTEGER))!
  const short = call.replace(/^sudo_set_/, '')
  if (era.owner.includes(short)) return 'owner'
  if (era.root.includes(short)) return 'root'
  return 'unknown'
}

/** One hyperparameter the runtime can set: its AdminUtils call, the argument that carries it, who may call it. */
export interface Setter {
  name: string
  call: string
  /** The call's arguments besides netuid (alpha_values takes two). */
  args: CallArg[]
  /** The argument this hyperparameter goes into. */
  arg: CallArg
  origin: SetterOrigin
}

/** The setter of one hyperparameter in this runtime, or undefined when AdminUtils has none taking a netuid. */
export function setterOf(rt: SetterRuntime, name: string): Setter | undefined {
  const call = SETTER_NAMES[name] ?? `sudo_set_${name}`
  const info = rt.call(ADMIN, call)
  if (!info || !info.args.some((a) => a.name === 'netuid')) return undefined
  const args = info.args.filter((a) => a.name !== 'netuid')
  // One value argument, or the one named as the hyperparameter (alpha_values takes alpha_low and alpha_high).
  const arg = args.length === 1 ? args[0] : args.find((a) => a.name === name)
  if (!arg) return undefined
  return { name, call, args, arg, origin: setterOrigin(call, rt.specVersion) }
}

/** Every hyperparameter of the view, by whether and by whom it can be set on this runtime. */
export function settableNames(rt: SetterRuntime, names: readonly string[]): { owner: string[]; root: string[]; none: string[] } {
  const out = { owner: [] as string[], root: [] as string[], none: [] as string[] }
  for (const name of names) {
    const s = setterOf(rt, name)
    if (!s) out.none.push(name)
    else if (s.origin === 'root') out.root.push(name)
    else out.owner.push(name)
  }
  return out
}

export const isWide = (type: string) => /^(Compact<)?[ui](64|128)>?$/.test(type)
export const isSigned = (type: string) => /^(Compact<)?i\d+>?$/.test(type)

/**
 * The setter's arguments: the new value in its argument, the others (alpha_values' partner) kept at their
 * current values. yuma_version is sent as the flag the setter takes.
 */
export function setterArgs(
  s: Setter,
  netuid: number,
  value: bigint | number | boolean,
  current: readonly Hyperparameter[],
): Record<string, unknown> {
  const args: Record<string, unknown> = { netuid }
  for (const a of s.args) {
    if (a === s.arg) args[a.name] = s.name === YUMA.name ? yumaFlag(value) : value
    else {
      const kept = current.find((h) => h.name === a.name)
      if (!kept) throw badInput(`AdminUtils.${s.call} also takes ${a.name}, which the subnet's hyperparameters do not show`, 'CALL_ARGS')
      args[a.name] = isWide(a.type) ? BigInt(kept.value as bigint) : typeof kept.value === 'boolean' ? kept.value : Number(kept.value)
    }
  }
  return args
}

function yumaFlag(value: bigint | number | boolean): boolean {
  if (value === YUMA.on || value === BigInt(YUMA.on)) return true
  if (value === YUMA.off || value === BigInt(YUMA.off)) return false
  throw badInput(`--value for ${YUMA.name} is ${YUMA.off} or ${YUMA.on}, not ${value}`, 'BAD_VALUE')
}
