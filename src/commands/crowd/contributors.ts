import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { networkFlags } from '../../cli/flags/network.js'
import { amountJson, displayTao } from '../../core/amount.js'
import { failed } from '../../core/errors.js'
import { resolveSetting } from '../../config/settings.js'

export default class CrowdContributors extends TaoCommand {
  static summary = "List a crowdloan's contributors and what each has in it (Crowdloan.Contributions), largest first."
  static description = "The creator's deposit is its contribution and is listed too (marked). Shares are of what the crowdloan has raised."
  static examples = ['<%= config.bin %> crowd contributors --id 0', '<%= config.bin %> crowd contributors --id 0 --json']
  static flags = { ...networkFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdContributors)
    const chain = await connectChain(flags)
    try {
      const { readContributions, readCrowdloan, requireCrowdloans } = await import('../../subtensor/crowd/crowd.js')
      const { contributorsJson, contributorsTable } = await import('../../cli/render/crowd.js')
      requireCrowdloans(chain)
      const [block, loan, list] = await Promise.all([
        chain.blockNumber(),
        readCrowdloan(chain, flags.id),
        readContributions(chain, flags.id),
      ])
      if (!loan)
        throw failed(`there is no crowdloan ${flags.id} (never created, or dissolved): see \`tao crowd list\``, 'NO_SUCH_CROWDLOAN')
      const total = list.reduce((s, c) => s + c.amount, 0n)
      this.log(
        `Crowdloan ${loan.id}: ${list.length} contributor${list.length === 1 ? '' : 's'}, ${displayTao(total)} in all (raised ${displayTao(loan.raised)})`,
      )
      if (list.length) this.log(contributorsTable(list, loan.creator, loan.raised))
      return {
        network: resolveSetting('network', flags.network).value,
        block,
        id: loan.id,
        creator: loan.creator,
        raised: amountJson(loan.raised),
        total: amountJson(total),
        contributors: contributorsJson(list, loan.creator, loan.raised),
      }
    } finally {
      chain.close()
    }
  }
}
