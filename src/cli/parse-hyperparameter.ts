import { badInput } from '../core/errors.js'
import type { CallArg } from '../node/index.js'
import type { Hyperparameter } from '../subtensor/models.js'
import { hyperparameterScale } from '../subtensor/runtime/hyperparameters.js'
import { isSigned, isWide, YUMA } from '../subtensor/subnets/hyperparameter-setters.js'
import { parseAmount, parseFraction } from './parse.js'

const FLAG_WORDS: Record<string, boolean> = { true: true, yes: true, on: true, '1': true, false: false, no: false, off: false, '0': false }

/**
 * The stored value of a hyperparameter typed as `subnets hyperparameters` shows it: a fraction (0.5) becomes
 * the nearest stored integer (× 65535, × (2^64 − 1), × 10^6), TAO becomes rao, yes/no a flag, else a whole
 * number. Bad input (exit 2) names what is expected.
 */
export function parseHyperparameterValue(current: Hyperparameter, text: string, arg: CallArg): bigint | number | boolean {
  const what = `--value for ${current.name}`
  const t = text.trim()
  if (current.name === YUMA.name) {
    if (t !== String(YUMA.off) && t !== String(YUMA.on)) throw badInput(`${what} is ${YUMA.off} or ${YUMA.on}, not "${text}"`, 'BAD_VALUE')
    return Number(t)
  }
  if (current.unit === 'flag' || arg.type === 'bool') {
    const flag = FLAG_WORDS[t.toLowerCase()]
    if (flag === undefined) throw badInput(`${what} is yes or no (true/false, on/off, 1/0), not "${text}"`, 'BAD_VALUE')
    return flag
  }
  let raw: bigint
  const scale = hyperparameterScale(current.name)
  if (current.unit === 'rao') raw = parseAmount(t, what, { allowZero: true })
  else if (current.unit === 'fraction' && scale) {
    const { num, den } = parseFraction(t, what)
    raw = (num * scale.divisor * 2n + den) / (2n * den)
  } else {
    // Plain numbers, and fixed-point ones shown as their value (the setter takes the whole number: steepness).
    if (!/^-?\d+$/.test(t))
      throw badInput(
        `${what} is a whole number${current.unit === 'blocks' || current.unit === 'epochs' ? ` of ${current.unit}` : ''}, not "${text}"`,
        'BAD_VALUE',
      )
    raw = BigInt(t)
    if (raw < 0n && !isSigned(arg.type)) throw badInput(`${what} cannot be negative`, 'BAD_VALUE')
  }
  return isWide(arg.type) ? raw : Number(raw)
}
