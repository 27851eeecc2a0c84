import { Flags } from '@oclif/core'
import { parseUids, parseWeights, toEmitWeights, type EmitWeights } from '../../subtensor/weights/rules.js'
import { badInput } from '../../core/errors.js'
import { U64_MAX } from '../../core/numbers.js'

/** Flags of `weights set` and `weights commit`. */
export const weightsFlags = {
  netuid: Flags.integer({ description: 'Subnet to set weights on.', required: true, min: 0, max: 65535 }),
  uids: Flags.string({ char: 'u', description: 'Comma-separated uids, e.g. 0,1,2.', required: true }),
  weights: Flags.string({
    description: 'Comma-separated weights, one per uid (any non-negative scale, e.g. 0.5,0.3,0.2); sent as u16 scaled so the largest is 65535.',
    required: true,
  }),
  'version-key': Flags.string({ description: "Weights version key [default: the subnet's WeightsVersionKey]." }),
}

export const netuidFlag = { netuid: Flags.integer({ description: 'Subnet.', required: true, min: 0, max: 65535 }) }

/** Everything checkable without the chain: the lists, their lengths, duplicates, signs, all-zero, the version key. */
export function readWeightsInput(flags: { uids: string; weights: string; 'version-key'?: string }): { emit: EmitWeights; versionKey?: bigint } {
  const emit = toEmitWeights(parseUids(flags.uids), parseWeights(flags.weights))
  const vk = flags['version-key']
  if (vk === undefined) return { emit }
  if (!/^\d+$/.test(vk.trim()) || BigInt(vk.trim()) > U64_MAX) throw badInput(`--version-key must be a whole number 0…${U64_MAX}, not "${vk}"`, 'BAD_VERSION_KEY')
  return { emit, versionKey: BigInt(vk.trim()) }
}
