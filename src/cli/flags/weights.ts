import { Flags } from '@oclif/core'
import { toEmitWeights, type EmitWeights } from '../../subtensor/weights/rules.js'
import { U64_MAX } from '../../core/numbers.js'
import { parseUids, parseWeights, parseWhole } from '../parse.js'
import { netuidFlag } from './netuid.js'

/** Flags of `weights set` and `weights commit`. */
export const weightsFlags = {
  netuid: netuidFlag('Subnet to set weights on.'),
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
  const vk = flags['version-key']
  if (vk === undefined) return { emit }
  return { emit, versionKey: parseWhole(vk, '--version-key', { min: 0n, max: U64_MAX }, 'BAD_VERSION_KEY') }
}
