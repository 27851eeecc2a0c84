import { Flags } from '@oclif/core'

export const networkFlags = {
  network: Flags.string({
    char: 'n',
    aliases: ['subtensor.network', 'subtensor.chain_endpoint', 'chain'],
    description: 'finney, test, archive, local, or a ws:// / wss:// URL [env TAO_NETWORK, config network, default finney].',
    helpGroup: 'NETWORK',
  }),
  insecure: Flags.boolean({
    description:
      'Allow plain ws:// to a host that is not this machine (unencrypted: anyone on the way can read and change what the node says) [env TAO_INSECURE, config insecure].',
    helpGroup: 'NETWORK',
  }),
}

/** What the network flags give a command. */
export interface NetworkFlagValues {
  network?: string
  insecure?: boolean
}
