/** `subnets hyperparameters`: a subnet's hyperparameters at one block, from the richest API the runtime has. */
import { badInput } from '../../core/errors.js'
import { requireNetuid } from '../../core/netuid.js'
import { hyperparameterViews } from '../runtime/hyperparameters.js'
import { opaqueLayouts } from '../runtime/opaque-218.js'
import { callApi } from '../runtime/runtime-api.js'
import { readsAt, type ReadChain, type ReadOptions } from '../../node/read-at.js'
import type { HyperparametersView } from '../models.js'

export async function readHyperparameters(chain: ReadChain, netuid: number, opts: ReadOptions = {}): Promise<HyperparametersView> {
  requireNetuid(netuid)
  const view = chain.metadata
  const reads = await readsAt(chain, opts.at)
  // V2 (newer runtimes) adds fields to V1; spec 218 has only V1, as opaque bytes.
  const method = view.runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_hyperparams_v2') ? 'get_subnet_hyperparams_v2' : 'get_subnet_hyperparams'
  const [answer, block] = await Promise.all([
    callApi(view, reads, 'SubnetInfoRuntimeApi', method, [netuid], opaqueLayouts(view.ss58Prefix).hyperparams),
    reads.blockNumber(),
  ])
  if (answer.value == null) throw badInput(`there is no subnet ${netuid} on this network`, 'NO_SUBNET')
  return { netuid, block, hyperparameters: hyperparameterViews(answer.value as Record<string, unknown>) }
}
