import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { crowdIdFlag } from '../../cli/flags/crowd.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'

const ONE = ['min-contribution', 'end', 'cap']

export default class CrowdUpdate extends TaoCommand {
  static summary = "Change a crowdloan's minimum contribution, end block or cap (the creator, before it is finalized)."
  static description =
    "One change per transaction: --min-contribution (Crowdloan.update_min_contribution, at least the runtime's AbsoluteMinimumContribution), " +
    "--end (update_end, within the runtime's block-duration bounds from the block it lands in) or --cap (update_cap, no less than what is raised)."
  static examples = [
    '<%= config.bin %> crowd update -w owner --id 0 --cap 200',
    '<%= config.bin %> crowd update -w owner --id 0 --end 150000 -y --json',
  ]
  static flags = {
    ...signingFlags,
    id: crowdIdFlag,
    'min-contribution': Flags.string({ description: 'The new minimum contribution in TAO.', exactlyOne: ONE }),
    end: integerFlag({ description: 'The new end block.', min: 1, max: 4294967295, exactlyOne: ONE }),
    cap: Flags.string({ description: 'The new cap in TAO.', exactlyOne: ONE }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdUpdate)
    const change =
      flags['min-contribution'] !== undefined
        ? { kind: 'min-contribution' as const, value: parseAmount(flags['min-contribution'], '--min-contribution') }
        : flags.cap !== undefined
          ? { kind: 'cap' as const, value: parseAmount(flags.cap, '--cap') }
          : { kind: 'end' as const, value: flags.end! }
    const { planUpdate } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) => planUpdate(ctx, flags.id, change))
  }
}
