/**
 * The read layer as the live source uses it: subnets, one metagraph and stake positions at a block hash
 * (src/subtensor/), and the block's events (pallet and name) from its System.Events.
 */
import type { Chain } from '../node/index.js'
import type { ChainReaders } from './chain-source.js'
import type { BlockEvent } from './refresh.js'

export async function chainReaders(): Promise<ChainReaders> {
  const [{ readSubnets }, { readMetagraph }, { readStakes }] = await Promise.all([
    import('../subtensor/subnets/subnets.js'),
    import('../subtensor/subnets/metagraph.js'),
    import('../subtensor/stake/stake.js'),
  ])
  return { readSubnets, readMetagraph, readStakes, readEvents: readBlockEvents }
}

/** Pallet and name of each event of a block (decoded with the runtime's metadata). */
export async function readBlockEvents(chain: Chain, at: string): Promise<BlockEvent[]> {
  const records = (await chain.at(at).storage('System', 'Events')) as
    Array<{ event?: { type?: string; value?: { type?: string } } }> | undefined
  return (records ?? []).map((r) => ({ pallet: r.event?.type ?? '', name: r.event?.value?.type ?? '' }))
}
