import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class CrowdWithdraw extends TaoCommand {
  static summary = 'Take a contribution back from a crowdloan that is not finalized (Crowdloan.withdraw).'
  static description =
    'A contributor gets all of its contribution back; the creator only what it put in above the deposit (the deposit comes back by dissolving).'
  static examples = [
    '<%= config.bin %> crowd withdraw -w miner --id 0',
    'TAO_PASSWORD=… <%= config.bin %> crowd withdraw -w miner --id 0 -y --json',
  ]
  static flags = { ...signingFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdWithdraw)
    const { planWithdraw } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planWithdraw(ctx, flags.id))
  }
}
