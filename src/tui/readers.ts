/**
 * The read layer as the live source uses it. Interim: the read layer (readSubnets, readMetagraph,
 * readStakes) is not in this branch yet, so the readers fail with one clear line.
 */
import { failed } from '../errors.js'
import { readBlockEvents, type ChainReaders } from './chain-source.js'

export async function chainReaders(): Promise<ChainReaders> {
  const missing = () => Promise.reject(failed('tao watch needs the subnet read layer (readSubnets, readMetagraph, readStakes), which is not in this build', 'NOT_AVAILABLE'))
  return { readSubnets: missing, readMetagraph: missing, readStakes: missing, readEvents: readBlockEvents }
}
