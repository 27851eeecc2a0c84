import { hyperparametersJson } from '../../cli/render/models-json.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { hyperparametersTable } from '../../cli/render/hyperparameters.js'

export default class SubnetsHyperparameters extends TaoCommand {
  static summary = "Show a subnet's hyperparameters, with their units and what they do."
  static description =
    "Every hyperparameter the runtime reports for the subnet (SubnetHyperparams, or SubnetHyperparamsV2 where the runtime has it), under the runtime's own names. Fractions are shown normalised (u16 ÷ 65535, u64 ÷ 2^64−1, millionths) next to the stored value; amounts in TAO; rate limits and periods in blocks or epochs. --json gives the stored value (amounts as {rao,tao}, u64 as decimal strings), the unit and the normalised value."
  static examples = [
    '<%= config.bin %> subnets hyperparameters --netuid 1',
    '<%= config.bin %> subnets hyperparameters --netuid 1 --network local --json',
  ]
  static flags = {
    ...networkFlags,
    netuid: netuidFlag('The subnet.'),
  }

  async run() {
    const { flags } = await this.parse(SubnetsHyperparameters)
    const chain = await connectChain(flags)
    try {
      const { readHyperparameters } = await import('../../subtensor/subnets/hyperparameters.js')
      const params = await readHyperparameters(chain, flags.netuid)
      this.log(hyperparametersTable(params))
      return { network: resolveSetting('network', flags.network).value, ...hyperparametersJson(params) }
    } finally {
      chain.close()
    }
  }
}
