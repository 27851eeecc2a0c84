import { amountJson, displayTao, type AmountJson } from '../../core/amount.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'

export default class SubnetsBurnCost extends TaoCommand {
  static summary = 'Show what registering a new subnet costs now.'
  static description =
    'The TAO locked to create a subnet (`subnets create`) at the current block, as the runtime computes it (SubnetRegistrationRuntimeApi.get_network_registration_cost). It changes from block to block.'
  static examples = ['<%= config.bin %> subnets burn-cost', '<%= config.bin %> subnets burn-cost --network local --json']
  static flags = { ...networkFlags }

  async run(): Promise<{ network: string; block: number; burnCost: AmountJson }> {
    const { flags } = await this.parse(SubnetsBurnCost)
    const chain = await connectChain(flags)
    try {
      const { readBurnCost } = await import('../../subtensor/subnets/subnets.js')
      const { cost, block } = await readBurnCost(chain)
      this.log(`Registering a subnet costs ${displayTao(cost)} (block #${block}).`)
      return { network: resolveSetting('network', flags.network).value, block, burnCost: amountJson(cost) }
    } finally {
      chain.close()
    }
  }
}
