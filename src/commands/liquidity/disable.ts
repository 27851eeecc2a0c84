import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class LiquidityDisable extends TaoCommand {
  static summary = 'Stop new liquidity positions on a subnet (Swap.toggle_user_liquidity; root only).'
  static description =
    'The runtime lets only root disable user liquidity: signed by the sudo key, sent through Sudo.sudo; any other signer is refused before signing. Positions already in the pool stay and can still be removed. Runtimes without the Swap pallet (spec 218) are refused before anything is signed.'
  static examples = [
    '<%= config.bin %> liquidity disable -w owner --netuid 2',
    '<%= config.bin %> liquidity disable -w owner --netuid 2 -y --json',
  ]
  static flags = { ...signingFlags, netuid: netuidFlag() }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityDisable)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planToggleUserLiquidity } = await import('../../subtensor/liquidity/plan.js')
      return planToggleUserLiquidity(ctx, { netuid: flags.netuid, enable: false })
    })
  }
}
