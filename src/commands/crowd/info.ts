import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { networkFlags } from '../../cli/flags/network.js'
import { amountJson } from '../../core/amount.js'
import { failed } from '../../core/errors.js'
import { resolveSetting } from '../../config/settings.js'

export default class CrowdInfo extends TaoCommand {
  static summary = 'Show one crowdloan: creator, deposit, minimum contribution, raised of cap, end block, target and call, what comes next.'
  static description =
    "Read from Crowdloan.Crowdloans, with the runtime's crowdloan bounds (its Crowdloan constants). The end block is shown with roughly how far it is."
  static examples = ['<%= config.bin %> crowd info --id 0', '<%= config.bin %> crowd info --id 0 --json']
  static flags = { ...networkFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdInfo)
    const chain = await connectChain(flags)
    try {
      const { crowdLimits, readCrowdloan, requireCrowdloans } = await import('../../subtensor/crowd/crowd.js')
      const { blockTimeMs } = await import('../../subtensor/chain-info.js')
      const { crowdloanJson, crowdloanLines } = await import('../../cli/render/crowd.js')
      requireCrowdloans(chain)
      const [block, loan, blockMs] = await Promise.all([chain.blockNumber(), readCrowdloan(chain, flags.id), blockTimeMs(chain)])
      if (!loan)
        throw failed(`there is no crowdloan ${flags.id} (never created, or dissolved): see \`tao crowd list\``, 'NO_SUCH_CROWDLOAN')
      const limits = crowdLimits(chain)
      for (const line of crowdloanLines(loan, block, blockMs)) this.log(line)
      return {
        network: resolveSetting('network', flags.network).value,
        block,
        blockTimeMs: blockMs,
        crowdloan: crowdloanJson(loan, block, blockMs),
        limits: {
          minimumDeposit: amountJson(limits.minimumDeposit),
          absoluteMinimumContribution: amountJson(limits.absoluteMinimumContribution),
          minimumBlockDuration: limits.minimumBlockDuration,
          maximumBlockDuration: limits.maximumBlockDuration,
          refundContributorsLimit: limits.refundContributorsLimit,
          maxContributors: limits.maxContributors,
        },
      }
    } finally {
      chain.close()
    }
  }
}
