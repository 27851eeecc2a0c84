import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { networkFlags } from '../../cli/flags/network.js'
import { parseSs58 } from '../../cli/parse.js'
import { amountJson } from '../../core/amount.js'
import { resolveSetting } from '../../config/settings.js'

const STATUSES = ['active', 'funded', 'closed', 'finalized']

export default class CrowdList extends TaoCommand {
  static summary = 'List the crowdloans on chain (Crowdloan.Crowdloans): raised, cap, end, contributors, status.'
  static description =
    'Status: active (taking contributions), funded (cap raised: the creator finalizes it once it ends), closed (ended short of the cap: refund, then dissolve), finalized. ' +
    "End blocks are shown with roughly how far they are, at the runtime's target block time. Needs a runtime with the Crowdloan pallet."
  static examples = ['<%= config.bin %> crowd list', '<%= config.bin %> crowd list --status active --json']
  static flags = {
    ...networkFlags,
    status: Flags.string({ description: 'Only crowdloans with this status.', options: STATUSES }),
    creator: Flags.string({ description: 'Only crowdloans created by this account (SS58).' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdList)
    const creator = flags.creator === undefined ? undefined : await parseSs58(flags.creator, '--creator')
    const chain = await connectChain(flags)
    try {
      const { crowdStatus, readCrowdloans, requireCrowdloans } = await import('../../subtensor/crowd/crowd.js')
      const { blockTimeMs } = await import('../../subtensor/chain-info.js')
      const { crowdloanJson, crowdloanTable } = await import('../../cli/render/crowd.js')
      requireCrowdloans(chain)
      const [block, all, blockMs] = await Promise.all([chain.blockNumber(), readCrowdloans(chain), blockTimeMs(chain)])
      const loans = all.filter((l) => (!flags.status || crowdStatus(l, block) === flags.status) && (!creator || l.creator === creator))
      if (loans.length === 0) this.log(all.length === 0 ? 'No crowdloans on chain.' : 'No crowdloans match.')
      else this.log(crowdloanTable(loans, block, blockMs))
      return {
        network: resolveSetting('network', flags.network).value,
        block,
        blockTimeMs: blockMs,
        crowdloans: loans.map((l) => crowdloanJson(l, block, blockMs)),
        totalRaised: amountJson(loans.reduce((s, l) => s + l.raised, 0n)),
        totalCap: amountJson(loans.reduce((s, l) => s + l.cap, 0n)),
      }
    } finally {
      chain.close()
    }
  }
}
