import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, guardOptions, safetyFlags } from '../../cli/flags/stake.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class StakeAdd extends TaoCommand {
  static summary = 'Stake TAO to a hotkey on a subnet (buys the subnet’s alpha).'
  static description =
    'Signed by the coldkey. Before signing it shows the alpha expected for the TAO at the pool’s current state and the slippage ' +
    '(SwapRuntimeApi.sim_swap_tao_for_alpha where the runtime has it, else the pool’s constant product). Where the runtime has ' +
    'add_stake_limit the stake is price-protected: limit = price × (1 + --tolerance); where it has not, the chain protects nothing, ' +
    'so a quoted slippage above --tolerance (default 0.5%) is refused before signing (exit 1; --unsafe skips the check). ' +
    'The TAO staked and the alpha received are reported from the StakeAdded event.'
  static examples = [
    '<%= config.bin %> stake add -w owner -H miner --netuid 2 --amount 10',
    '<%= config.bin %> stake add -w owner --hotkey-ss58 5F… --netuid 2 --amount 10 --tolerance 1% --allow-partial -y --json',
    '<%= config.bin %> stake add -w owner -H miner --netuid 2 --all --dry-run',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    'hotkey-ss58': hotkeySs58Flag,
    ...amountFlags('TAO', 'Stake everything the coldkey can spare (it keeps the existential deposit and the fee).'),
    ...safetyFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeAdd)
    const amount = amountOf(flags, 'TAO')
    const [guard, hotkey] = await Promise.all([guardOptions(flags), targetHotkey(flags)])
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeAdd } = await import('../../subtensor/stake/plan.js')
      return planStakeAdd(ctx, { hotkey, netuid: flags.netuid, amount, guard })
    })
  }
}
