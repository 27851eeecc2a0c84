/**
 * `subnets set-hyperparameter`: one hyperparameter of a subnet, by the name and in the unit `subnets
 * hyperparameters` shows, set through the AdminUtils call the runtime has for it, signed by the subnet owner's
 * coldkey. Refused before signing: a name the runtime does not show (exit 2, the settable ones listed), a value
 * that does not fit (exit 2), a parameter only root may set, a caller who is not the owner (exit 1). The value
 * the chain then holds is read back at the block the transaction landed in.
 */
import { badInput, failed } from '../../core/errors.js'
import type { CallArg } from '../../node/index.js'
import type { PlanContext, TxIntent } from '../../tx/intent.js'
import type { Hyperparameter } from '../models.js'
import { hyperparameterList } from '../runtime/hyperparameters.js'
import { readHyperparameters } from './hyperparameters.js'
import { setterArgs, setterOf, settableNames } from './hyperparameter-setters.js'

export interface SetHyperparameterRequest {
  netuid: number
  name: string
  /** The value as typed (in the unit `subnets hyperparameters` shows), read for this parameter and setter argument. */
  value: (current: Hyperparameter, arg: CallArg) => bigint | number | boolean
}

/** How values are shown to people and in JSON (the command's renderers, so both match `subnets hyperparameters`). */
export interface HyperparameterFormat {
  text(h: Hyperparameter): string
  json(h: Hyperparameter): unknown
}

const list = (names: string[]) => (names.length ? names.join(', ') : 'none')

export async function planSetHyperparameter(
  ctx: PlanContext,
  req: SetHyperparameterRequest,
  format: HyperparameterFormat,
): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  const { netuid, name } = req
  if (!chain.metadata.pallets().includes('AdminUtils'))
    throw badInput(`this runtime ${chain.metadata.where} has no AdminUtils pallet`, 'NOT_IN_RUNTIME')
  const rt = { call: (p: string, c: string) => chain.metadata.call(p, c), specVersion: chain.specVersion }
  const [view, owner] = await Promise.all([readHyperparameters(chain, netuid), chain.storage('SubtensorModule', 'SubnetOwner', netuid)])
  const names = view.hyperparameters.map((h) => h.name)
  const current = view.hyperparameters.find((h) => h.name === name)
  const setter = current && setterOf(rt, name)
  if (!current || !setter) {
    const s = settableNames(rt, names)
    const what = current
      ? `${name} has no AdminUtils setter in this runtime ${chain.metadata.where}`
      : `subnet ${netuid} has no hyperparameter "${name}"`
    throw badInput(
      `${what}; the subnet owner can set: ${list(s.owner)}; only root: ${list(s.root)}`,
      current ? 'NOT_SETTABLE' : 'UNKNOWN_HYPERPARAMETER',
    )
  }
  if (setter.origin === 'root')
    throw failed(
      `${name} can only be set by root (AdminUtils.${setter.call} requires the sudo key in this runtime ${chain.metadata.where}), not by the subnet owner; nothing was signed`,
      'ROOT_ONLY',
    )
  if (owner !== coldkey)
    throw failed(
      `subnet ${netuid} is owned by ${owner}, not by this coldkey (${coldkey}): only its owner may set its hyperparameters; nothing was signed`,
      'NOT_SUBNET_OWNER',
    )

  const value = req.value(current, setter.arg)
  const wanted = hyperparameterList({ [name]: value })[0]!
  const call = chain.call('AdminUtils', setter.call, setterArgs(setter, netuid, value, view.hyperparameters))
  const kept = setter.args.filter((a) => a !== setter.arg).map((a) => a.name)
  const valueJson = (h: Hyperparameter) => ({ value: format.json(h), normalized: h.normalized })
  return {
    call,
    summary: `set ${name} of subnet ${netuid}: ${format.text(current)} → ${format.text(wanted)}`,
    preview: [
      `${name}: ${current.description || 'as the runtime names it'} (now ${format.text(current)}, at block ${view.block})`,
      ...(String(value) === String(current.value) ? ['the value is already this'] : []),
      ...(kept.length
        ? [
            `${kept.join(', ')} kept as ${kept.map((k) => format.text(view.hyperparameters.find((h) => h.name === k)!)).join(', ')} (the same call sets ${kept.length === 1 ? 'it' : 'them'})`,
          ]
        : []),
      ...(setter.origin === 'unknown'
        ? [`whether the owner may call AdminUtils.${setter.call} is for the runtime to say (BadOrigin if not)`]
        : []),
    ],
    context: { coldkey, netuid, name, unit: current.unit, current: valueJson(current), new: valueJson(wanted) },
    readBack: async (report) => {
      const after = await readHyperparameters(chain, netuid, { at: String(report.blockHash) })
      const stored = after.hyperparameters.find((h) => h.name === name)
      return { stored: stored ? valueJson(stored) : null }
    },
  }
}
