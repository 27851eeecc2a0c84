import { Flags } from '@oclif/core'

export const networkFlags = {
  network: Flags.string({
    char: 'n',
    aliases: ['subtensor.network', 'subtensor.chain_endpoint', 'chain'],
    description: 'finney, test, archive, local, or a ws:// / wss:// URL [env TAO_NETWORK, config network, default finney].',
    helpGroup: 'NETWORK',
  }),
}
