import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class CrowdDissolve extends TaoCommand {
  static summary = 'Remove a crowdloan once only its deposit is left (Crowdloan.dissolve; the creator only).'
  static description =
    'The deposit goes back to the creator and the crowdloan is removed from storage. Refund the other contributors first (`tao crowd refund`).'
  static examples = [
    '<%= config.bin %> crowd dissolve -w owner --id 0',
    'TAO_PASSWORD=… <%= config.bin %> crowd dissolve -w owner --id 0 -y --json',
  ]
  static flags = { ...signingFlags, id: crowdIdFlag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdDissolve)
    const { planDissolve } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planDissolve(ctx, flags.id))
  }
}
