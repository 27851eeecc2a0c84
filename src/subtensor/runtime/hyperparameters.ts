/**
 * What Subtensor's subnet hyperparameters mean and how the runtime reads them (their units), by the names
 * the runtime API uses (SubnetHyperparams at spec 218, SubnetHyperparamsV2 later). Names this table does not
 * know are shown as plain numbers. Pure.
 */
import type { HyperparameterUnit, Hyperparameter } from '../models.js'
import { U16_MAX, U64_MAX } from '../../core/numbers.js'

/** How a fraction is stored: u16 of 65535, u64 of u64::MAX, millionths, or fixed point with 32 fraction bits. */
export type Scale = 'u16' | 'u64' | 'million' | 'fixed32'

interface Meaning {
  unit: HyperparameterUnit
  scale?: Scale
  description: string
}

const MEANINGS: Record<string, Meaning> = {
  rho: { unit: 'number', description: 'steepness of the consensus sigmoid' },
  kappa: { unit: 'fraction', scale: 'u16', description: 'stake share that sets consensus (majority threshold)' },
  immunity_period: { unit: 'blocks', description: 'blocks a new UID is safe from pruning' },
  min_allowed_weights: { unit: 'count', description: 'fewest weights a validator must set' },
  max_weights_limit: { unit: 'fraction', scale: 'u16', description: 'largest share one weight may take' },
  tempo: { unit: 'blocks', description: 'blocks between epochs' },
  min_difficulty: { unit: 'number', description: 'lowest proof-of-work difficulty' },
  max_difficulty: { unit: 'number', description: 'highest proof-of-work difficulty' },
  difficulty: { unit: 'number', description: 'current proof-of-work difficulty' },
  weights_version: { unit: 'version', description: 'version key validators must send with weights' },
  weights_rate_limit: { unit: 'blocks', description: 'blocks between two weight settings of a hotkey' },
  adjustment_interval: { unit: 'blocks', description: 'blocks between burn and difficulty adjustments' },
  activity_cutoff: { unit: 'blocks', description: 'blocks without an update after which a UID is inactive' },
  registration_allowed: { unit: 'flag', description: 'registration open' },
  target_regs_per_interval: { unit: 'count', description: 'registrations per interval the burn aims for' },
  min_burn: { unit: 'rao', description: 'lowest registration burn' },
  max_burn: { unit: 'rao', description: 'highest registration burn' },
  bonds_moving_avg: { unit: 'fraction', scale: 'million', description: 'moving-average factor of validator bonds' },
  max_regs_per_block: { unit: 'count', description: 'registrations allowed in one block' },
  serving_rate_limit: { unit: 'blocks', description: 'blocks between two axon updates' },
  max_validators: { unit: 'count', description: 'validator permits' },
  adjustment_alpha: { unit: 'fraction', scale: 'u64', description: 'smoothing of burn and difficulty adjustments' },
  commit_reveal_weights_interval: { unit: 'epochs', description: 'epochs between committing weights and revealing them' },
  commit_reveal_period: { unit: 'epochs', description: 'epochs between committing weights and revealing them' },
  commit_reveal_weights_enabled: { unit: 'flag', description: 'weights are committed, then revealed' },
  alpha_high: { unit: 'fraction', scale: 'u16', description: 'upper bound of liquid alpha' },
  alpha_low: { unit: 'fraction', scale: 'u16', description: 'lower bound of liquid alpha' },
  liquid_alpha_enabled: { unit: 'flag', description: 'liquid alpha for bonds' },
  alpha_sigmoid_steepness: { unit: 'number', scale: 'fixed32', description: 'steepness of the liquid-alpha sigmoid' },
  yuma_version: { unit: 'version', description: 'Yuma consensus version' },
  subnet_is_active: { unit: 'flag', description: 'the subnet has started (emits)' },
  transfers_enabled: { unit: 'flag', description: 'stake transfers allowed' },
  bonds_reset_enabled: { unit: 'flag', description: 'bonds reset on a new commitment' },
  user_liquidity_enabled: { unit: 'flag', description: 'users may provide swap liquidity' },
}

const DIVISOR: Record<Scale, number> = { u16: U16_MAX, u64: Number(U64_MAX), million: 1_000_000, fixed32: 2 ** 32 }
const EXACT_DIVISOR: Record<Scale, bigint> = { u16: BigInt(U16_MAX), u64: U64_MAX, million: 1_000_000n, fixed32: 1n << 32n }

/** How the runtime stores a hyperparameter this table knows as a scaled number (a fraction, fixed point), exactly. */
export function hyperparameterScale(name: string): { scale: Scale; divisor: bigint } | undefined {
  const scale = MEANINGS[name]?.scale
  return scale === undefined ? undefined : { scale, divisor: EXACT_DIVISOR[scale] }
}

/** The runtime's hyperparameters struct (typed or decoded from 218's bytes) as a list, in its field order. */
export function hyperparameterList(struct: Record<string, unknown>): Hyperparameter[] {
  return Object.entries(struct).map(([name, raw]) => {
    const meaning = MEANINGS[name]
    const value = typeof raw === 'boolean' || typeof raw === 'bigint' || typeof raw === 'number' ? raw : BigInt(String(raw))
    const unit: HyperparameterUnit = meaning?.unit ?? (typeof value === 'boolean' ? 'flag' : 'number')
    const scale = meaning?.scale
    return {
      name,
      value,
      unit,
      // Only a fraction has a value in [0, 1] (docs/json.md); a fixed-point number (the sigmoid steepness, I32F32
      // at spec 300, far above 1) stays as stored.
      normalized: scale && unit === 'fraction' && typeof value !== 'boolean' ? Number(value) / DIVISOR[scale] : null,
      description: meaning?.description ?? '',
    }
  })
}
