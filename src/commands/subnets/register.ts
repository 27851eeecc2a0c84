import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount } from '../../cli/parse.js'

export default class SubnetsRegister extends TaoCommand {
  static summary = 'Register a hotkey on a subnet by burning TAO (burned_register); --netuid 0 registers on root.'
  static description =
    'Signed by the coldkey; the hotkey is -H (or --hotkey-ss58). The current burn is shown before signing, and --max-burn refuses ' +
    '(exit 1, nothing signed) when it is higher; a runtime with register_limit also enforces that limit itself. --netuid 0 uses ' +
    'root_register. The uid is reported from the NeuronRegistered event.'
  static examples = [
    '<%= config.bin %> subnets register -w owner -H miner --netuid 2',
    '<%= config.bin %> subnets register -w owner -H miner --netuid 2 --max-burn 1.5 -y --json',
    '<%= config.bin %> subnets register -w owner -H validator --netuid 0',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    'hotkey-ss58': hotkeySs58Flag,
    'max-burn': Flags.string({ description: 'Refuse when the burn is above this many TAO.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsRegister)
    const maxBurn = flags['max-burn'] === undefined ? undefined : parseAmount(flags['max-burn'], '--max-burn', { allowZero: true })
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planRegister } = await import('../../subtensor/subnets/plan.js')
      return planRegister(ctx, { hotkey, netuid: flags.netuid, maxBurn })
    })
  }
}
