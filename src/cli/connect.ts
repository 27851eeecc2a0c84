import { resolveSetting } from '../config/settings.js'
import { progress } from '../core/output.js'
import type { Chain, ConnectOptions } from '../node/index.js'

/** Connect to the network chosen by flag > env > config > default. Loads the node client lazily. */
export async function connectChain(networkFlag: string | undefined, options: Pick<ConnectOptions, 'trustNodeMetadata'> = {}): Promise<Chain> {
  const network = resolveSetting('network', networkFlag).value
  const { connect } = await import('../node/index.js')
  progress(`connecting to ${network}…`)
  return connect(network, options)
}
