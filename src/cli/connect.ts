import { allowInsecure, resolveSetting } from '../config/settings.js'
import { progress } from '../core/output.js'
import type { Chain, ConnectOptions } from '../node/index.js'
import type { NetworkFlagValues } from './flags/network.js'

/** Connect to the network chosen by flag > env > config > default. Loads the node client lazily. */
export async function connectChain(flags: NetworkFlagValues, options: Pick<ConnectOptions, 'trustNodeMetadata'> = {}): Promise<Chain> {
  const network = resolveSetting('network', flags.network).value
  const insecure = allowInsecure(flags.insecure)
  const { connect } = await import('../node/index.js')
  progress(`connecting to ${network}…`)
  return connect(await localnetEndpoint(network), { ...options, insecure })
}

/**
 * `local` is the localnet `tao localnet start --detach` recorded in tao's state folder while it runs there (on
 * whatever port it was given), else ws://127.0.0.1:9944; any other network is itself.
 */
export async function localnetEndpoint(network: string): Promise<string> {
  if (network !== 'local') return network
  const { isLocalnetProcess, readRecord } = await import('../localnet/state.js')
  const record = readRecord()
  return record && isLocalnetProcess(record.pid) ? record.endpoint : network
}
