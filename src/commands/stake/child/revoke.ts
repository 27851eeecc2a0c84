import { TaoCommand } from '../../../cli/base-command.js'
import { hotkeySs58Flag } from '../../../cli/flags/wallet.js'
import { netuidFlag } from '../../../cli/flags/netuid.js'
import { targetHotkey } from '../../../wallet/selection.js'
import { runTx } from '../../../cli/signing.js'
import { signingFlags } from '../../../cli/flags/tx.js'

export default class StakeChildRevoke extends TaoCommand {
  static summary = 'Remove every child hotkey of a hotkey on a subnet (set_children with none).'
  static description = 'Signed by the coldkey that owns the hotkey (-H or --hotkey-ss58).'
  static examples = ['<%= config.bin %> stake child revoke -w owner -H validator --netuid 2']
  static flags = { ...signingFlags, netuid: netuidFlag(), 'hotkey-ss58': hotkeySs58Flag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeChildRevoke)
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planSetChildren } = await import('../../../subtensor/stake/children.js')
      return planSetChildren(ctx, { hotkey, netuid: flags.netuid, children: [] })
    })
  }
}
