import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { subnetJson, type SubnetJson } from '../../cli/render/models-json.js'
import { subnetsTable } from '../../cli/render/subnets.js'

export default class SubnetsList extends TaoCommand {
  static summary = 'List every subnet: price, market cap, emission, pool, tempo, neurons and burn.'
  static description =
    'One row per subnet, read at one block: name and symbol where the runtime has them, price (TAO per alpha), market cap, TAO emitted into the pool per block, TAO and alpha in the pool, alpha staked (out), tempo and blocks since the last step, registered UIDs out of the maximum, and the registration burn.'
  static examples = ['<%= config.bin %> subnets list', '<%= config.bin %> subnets list --network local --json']
  static flags = { ...networkFlags }

  async run(): Promise<{ network: string; block: number; subnets: SubnetJson[] }> {
    const { flags } = await this.parse(SubnetsList)
    const chain = await connectChain(flags)
    try {
      const { readSubnets } = await import('../../subtensor/subnets/subnets.js')
      const reads = await chain.atHead('best')
      const subnets = await readSubnets(chain, { at: reads.hash })
      this.log(subnetsTable(subnets))
      return { network: resolveSetting('network', flags.network).value, block: await reads.blockNumber(), subnets: subnets.map(subnetJson) }
    } finally {
      chain.close()
    }
  }
}
