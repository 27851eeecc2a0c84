import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class SubnetsSetSymbol extends TaoCommand {
  static summary = 'Set a subnet’s token symbol (update_symbol, signed by the subnet owner’s coldkey).'
  static description =
    'Uses SubtensorModule.update_symbol where the runtime has it (a runtime without it, such as spec 218, is reported with its ' +
    'spec version, exit 2). The runtime takes only symbols from its own list and refuses one another subnet uses; a symbol ' +
    'another subnet holds and a signer who is not the owner are refused before signing.'
  static examples = [
    '<%= config.bin %> subnets set-symbol -w owner --netuid 2 --symbol β',
    '<%= config.bin %> subnets set-symbol -w owner --netuid 2 --symbol γ -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    symbol: Flags.string({ description: 'The new symbol (one of the runtime’s own, e.g. β).', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsSetSymbol)
    const { checkSymbol } = await import('../../subtensor/subnets/start.js')
    const symbol = checkSymbol(flags.symbol)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planSetSymbol } = await import('../../subtensor/subnets/start.js')
      return planSetSymbol(ctx, flags.netuid, symbol)
    })
  }
}
