import { Flags } from '@oclif/core'
import { toEmitWeights, type EmitWeights } from '../../subtensor/weights/rules.js'
import { U64_MAX } from '../../core/numbers.js'
import { parseUids, parseWeights, parseWhole } from '../parse.js'
import { optionalNetuidFlag } from './netuid.js'
import { netuidsOf } from './batch.js'
import { badInput } from '../../core/errors.js'

/** Flags of `weights set` and `weights commit`. */
export const weightsFlags = {
  netuid: optionalNetuidFlag('Subnet to set weights on.'),
  netuids: Flags.string({
    description:
      'Several subnets, comma-separated (1,4,9): all in one batch_set_weights / batch_commit_weights. Give one --uids/--weights list for all, or one per subnet separated by ";" ("0,1;2,3").',
    exclusive: ['netuid'],
  }),
  uids: Flags.string({ char: 'u', description: 'Comma-separated uids, e.g. 0,1,2.', required: true }),
  weights: Flags.string({
    description:
      'Comma-separated weights, one per uid (any non-negative scale, e.g. 0.5,0.3,0.2); sent as u16 scaled so the largest is 65535.',
    required: true,
  }),
  'version-key': Flags.string({ description: "Weights version key [default: the subnet's WeightsVersionKey]." }),
}

/** Everything checkable without the chain: the lists, their lengths, duplicates, signs, all-zero, the version key. */
export function readWeightsInput(flags: { uids: string; weights: string; 'version-key'?: string }): {
  emit: EmitWeights
  versionKey?: bigint
} {
  const emit = toEmitWeights(parseUids(flags.uids), parseWeights(flags.weights))
  const versionKey = versionKeyOf(flags)
  return versionKey === undefined ? { emit } : { emit, versionKey }
}

const versionKeyOf = (flags: { 'version-key'?: string }): bigint | undefined =>
  flags['version-key'] === undefined
    ? undefined
    : parseWhole(flags['version-key'], '--version-key', { min: 0n, max: U64_MAX }, 'BAD_VERSION_KEY')

/**
 * `--netuids` with its weights: one leg per subnet. `--uids` and `--weights` hold either one list (the same
 * weights on every subnet) or one list per subnet, separated by ";", in the order of --netuids.
 */
export function readBatchWeightsInput(flags: { netuids: string; uids: string; weights: string; 'version-key'?: string }): {
  legs: Array<{ netuid: number; emit: EmitWeights }>
  versionKey?: bigint
} {
  const netuids = netuidsOf({ netuids: flags.netuids }) as number[]
  const uidGroups = flags.uids.split(';')
  const weightGroups = flags.weights.split(';')
  for (const [groups, flag] of [
    [uidGroups, '--uids'],
    [weightGroups, '--weights'],
  ] as const)
    if (groups.length !== 1 && groups.length !== netuids.length)
      throw badInput(
        `${flag} has ${groups.length} ";"-separated lists for ${netuids.length} subnets: give one list for all, or one per subnet`,
        'BAD_WEIGHTS',
      )
  const legs = netuids.map((netuid, i) => {
    const uids = uidGroups[uidGroups.length === 1 ? 0 : i]!
    const weights = weightGroups[weightGroups.length === 1 ? 0 : i]!
    const what = netuids.length > 1 && (uidGroups.length > 1 || weightGroups.length > 1) ? ` (subnet ${netuid})` : ''
    return { netuid, emit: toEmitWeights(parseUids(uids, `--uids${what}`), parseWeights(weights, `--weights${what}`)) }
  })
  const versionKey = versionKeyOf(flags)
  return versionKey === undefined ? { legs } : { legs, versionKey }
}
