import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'

export default class CrowdContribute extends TaoCommand {
  static summary = 'Contribute TAO from the coldkey to a crowdloan (Crowdloan.contribute).'
  static description =
    "At least the crowdloan's minimum contribution, before its end block; no more is taken than what is left below the cap (the preview says so). " +
    'A contribution can be withdrawn until the crowdloan is finalized (`tao crowd withdraw`).'
  static examples = [
    '<%= config.bin %> crowd contribute -w miner --id 0 --amount 5',
    'TAO_PASSWORD=… <%= config.bin %> crowd contribute -w miner --id 0 --amount 5 -y --json',
  ]
  static flags = {
    ...signingFlags,
    id: crowdIdFlag,
    amount: Flags.string({ char: 'a', description: 'Amount in TAO.', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdContribute)
    const amount = parseAmount(flags.amount, '--amount')
    const { planContribute } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planContribute(ctx, flags.id, amount))
  }
}
