import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class CrowdFinalize extends TaoCommand {
  static summary = 'Finalize a crowdloan that raised its cap (Crowdloan.finalize; the creator only).'
  static description =
    'The raised TAO goes to the target address (if one was given) and the call stored with the crowdloan (if any) runs as the creator. It cannot be undone.'
  static examples = [
    '<%= config.bin %> crowd finalize -w owner --id 0',
    'TAO_PASSWORD=… <%= config.bin %> crowd finalize -w owner --id 0 -y --json',
  ]
  static flags = { ...signingFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdFinalize)
    const { planFinalize } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planFinalize(ctx, flags.id))
  }
}
