import { badInput } from '../core/errors.js'
import { readBatchWeightsInput, readWeightsInput } from './flags/weights.js'
import type { SigningFlagValues } from './flags/tx.js'
import { txRunner, type TxCommand } from './signing.js'

type WeightsFlagValues = SigningFlagValues & {
  netuid?: number
  netuids?: string
  uids: string
  weights: string
  'version-key'?: string
  timelock?: boolean
}

/** `weights set` and `weights commit` differ only in their mode: one subnet, or one batch over `--netuids`. */
export async function runWeights(cmd: TxCommand, flags: WeightsFlagValues, mode: 'set' | 'commit'): Promise<Record<string, unknown>> {
  const log = (line: string) => cmd.log(line)
  if (flags.netuids !== undefined) {
    const { legs, versionKey } = readBatchWeightsInput({ ...flags, netuids: flags.netuids })
    const { submitWeightsBatch } = await import('../subtensor/weights/batch.js')
    return submitWeightsBatch(txRunner(cmd, flags), log, { legs, versionKey, mode, timelock: flags.timelock })
  }
  if (flags.netuid === undefined) throw badInput('give --netuid (or --netuids)', 'MISSING_NETUID')
  const { emit, versionKey } = readWeightsInput(flags)
  const { submitWeights } = await import('../subtensor/weights/submit.js')
  return submitWeights(txRunner(cmd, flags), log, { netuid: flags.netuid, emit, versionKey, mode, timelock: flags.timelock })
}
