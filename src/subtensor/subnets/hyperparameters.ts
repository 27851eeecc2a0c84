/** `subnets hyperparameters`: a subnet's hyperparameters at one block, from the richest API the runtime has. */
import { badInput } from '../../core/errors.js'
import { requireNetuid } from '../../core/netuid.js'
import { hyperparameterList } from '../runtime/hyperparameters.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { callApi } from '../runtime/runtime-api.js'
import { readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import type { SubnetHyperparameters } from '../models.js'

export async function readHyperparameters(chain: ReadChain, netuid: number, opts: ReadOptions = {}): Promise<SubnetHyperparameters> {
  requireNetuid(netuid)
  const meta = chain.metadata
  const reads = await readsAt(chain, opts.at)
  // V2 (newer runtimes) adds fields to V1; spec 218 has only V1, as opaque bytes.
  const method = meta.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_hyperparams_v2')
    ? 'get_subnet_hyperparams_v2'
    : 'get_subnet_hyperparams'
  const [answer, block] = await Promise.all([
    callApi(meta, reads, 'SubnetInfoRuntimeApi', method, [netuid], opaqueLayouts(meta.ss58Prefix).hyperparams),
    reads.blockNumber(),
  ])
  if (answer.value == null) throw badInput(`there is no subnet ${netuid} on this network`, 'NO_SUBNET')
  return { netuid, block, hyperparameters: hyperparameterList(answer.value as Record<string, unknown>) }
}
