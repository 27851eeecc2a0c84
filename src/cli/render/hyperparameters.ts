/** `subnets hyperparameters` as a table: name, value in its unit, what it does. */
import { displayTao } from '../../core/amount.js'
import type { SubnetHyperparameters, Hyperparameter } from '../../subtensor/models.js'
import { table } from '../../core/output.js'
import { hyperparameterScale } from '../../subtensor/runtime/hyperparameters.js'

export function hyperparameterValue(h: Hyperparameter): string {
  switch (h.unit) {
    case 'flag':
      return h.value ? 'yes' : 'no'
    case 'rao':
      return displayTao(BigInt(h.value as bigint))
    case 'blocks':
    case 'epochs':
      return `${h.value} ${h.unit}`
    case 'fraction':
      return `${h.normalized?.toFixed(6)} (${h.value})`
    default: {
      // A fixed-point number (the sigmoid steepness) reads as the number it stands for, its stored bits beside it.
      const scale = typeof h.value === 'boolean' ? undefined : hyperparameterScale(h.name)
      return scale ? `${Number(h.value) / Number(scale.divisor)} (${h.value})` : String(h.value)
    }
  }
}

export function hyperparametersTable(v: SubnetHyperparameters): string {
  return table([['HYPERPARAMETER', 'VALUE', 'MEANING'], ...v.hyperparameters.map((h) => [h.name, hyperparameterValue(h), h.description])])
}
