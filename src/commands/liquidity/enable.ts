import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class LiquidityEnable extends TaoCommand {
  static summary = "Let users add liquidity positions to a subnet's pool (Swap.toggle_user_liquidity, by the subnet owner)."
  static description =
    'Signed by the coldkey that owns the subnet (or the sudo key, through Sudo.sudo). Once enabled, anyone may add positions with `tao liquidity add`. Runtimes without the Swap pallet (spec 218) are refused before anything is signed.'
  static examples = [
    '<%= config.bin %> liquidity enable -w owner --netuid 2',
    '<%= config.bin %> liquidity enable -w owner --netuid 2 -y --json',
  ]
  static flags = { ...signingFlags, netuid: netuidFlag() }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityEnable)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planToggleUserLiquidity } = await import('../../subtensor/liquidity/plan.js')
      return planToggleUserLiquidity(ctx, { netuid: flags.netuid, enable: true })
    })
  }
}
