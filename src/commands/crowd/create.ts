import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount, parseSs58 } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'
import { fromHex } from '../../core/hex.js'

export default class CrowdCreate extends TaoCommand {
  static summary = 'Start a crowdloan (Crowdloan.create): raise TAO up to a cap until an end block.'
  static description =
    "The deposit moves from the coldkey to the crowdloan's funds account as its first contribution. Contributions stop at the end block " +
    "(--end, or --duration blocks from the block it lands in, within the runtime's MinimumBlockDuration and MaximumBlockDuration). " +
    'Once the cap is raised the creator finalizes it: the raised TAO goes to --target-address, and the --call given here (SCALE bytes, hex) runs as the creator. ' +
    'A crowdloan that ends short of its cap is refunded and dissolved instead (the deposit comes back then). ' +
    "The runtime's bounds (MinimumDeposit, AbsoluteMinimumContribution) are checked before signing. Needs a runtime with the Crowdloan pallet."
  static examples = [
    '<%= config.bin %> crowd create -w owner --deposit 10 --min-contribution 1 --cap 100 --duration 7200 --target-address 5F…',
    '<%= config.bin %> crowd create -w owner --deposit 10 --min-contribution 0.1 --cap 50 --end 120000 -y --json',
  ]
  static flags = {
    ...signingFlags,
    deposit: Flags.string({ description: "The creator's deposit in TAO (its first contribution).", required: true }),
    'min-contribution': Flags.string({ description: 'The smallest contribution accepted, in TAO.', required: true }),
    cap: Flags.string({ description: 'The most the crowdloan raises, in TAO (above the deposit).', required: true }),
    duration: integerFlag({
      description: 'Contributions stop this many blocks after the block it lands in.',
      min: 1,
      max: 4294967295,
      exactlyOne: ['duration', 'end'],
    }),
    end: integerFlag({ description: 'Contributions stop at this block.', min: 1, max: 4294967295, exactlyOne: ['duration', 'end'] }),
    'target-address': Flags.string({
      description: 'Where the raised TAO goes when finalized (SS58); without it the TAO stays in the funds account.',
    }),
    call: Flags.string({ description: 'A call (SCALE bytes, hex) the crowdloan runs as the creator when finalized.', helpValue: 'HEX' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(CrowdCreate)
    const deposit = parseAmount(flags.deposit, '--deposit')
    const minContribution = parseAmount(flags['min-contribution'], '--min-contribution')
    const cap = parseAmount(flags.cap, '--cap')
    const targetAddress = flags['target-address'] === undefined ? undefined : await parseSs58(flags['target-address'], '--target-address')
    if (flags.call !== undefined) fromHex(flags.call, '--call')
    const { planCreate } = await import('../../subtensor/crowd/plans.js')
    return runTx(this, flags, 'coldkey', (ctx) =>
      planCreate(ctx, { deposit, minContribution, cap, end: flags.end, duration: flags.duration, targetAddress, callData: flags.call }),
    )
  }
}
