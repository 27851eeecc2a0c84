import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class CrowdRefund extends TaoCommand {
  static summary = 'Pay back the contributors of a crowdloan that is not finalized (Crowdloan.refund).'
  static description =
    "Every contributor but the creator gets its contribution back, up to the runtime's RefundContributorsLimit per call (run it again for the rest); the creator then dissolves the crowdloan. Typically for a crowdloan that ended short of its cap."
  static examples = [
    '<%= config.bin %> crowd refund -w owner --id 0',
    'TAO_PASSWORD=… <%= config.bin %> crowd refund -w owner --id 0 -y --json',
  ]
  static flags = { ...signingFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdRefund)
    const { planRefund } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planRefund(ctx, flags.id))
  }
}
