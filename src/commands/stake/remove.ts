import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, guardOptions, safetyFlags } from '../../cli/flags/stake.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { optionalNetuidFlag } from '../../cli/flags/netuid.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { badInput } from '../../core/errors.js'
import { batchFlags, batchTargets, isBatch } from '../../cli/flags/batch.js'

export default class StakeRemove extends TaoCommand {
  static summary = 'Unstake alpha from a hotkey on a subnet (sells it for TAO).'
  static description =
    'Signed by the coldkey. Before signing it shows the TAO expected for the alpha at the pool’s current state and the slippage. ' +
    'Where the runtime has remove_stake_limit the sale is price-protected: limit = price × (1 − --tolerance); where it has not (and ' +
    'for unstake_all, which takes no limit), a quoted slippage above --tolerance is refused before signing (--unsafe skips the check). --all with --netuid ' +
    'unstakes the whole position there; --all without --netuid unstakes every subnet through the hotkey (unstake_all, where the ' +
    'runtime has it; it takes no limit price). The alpha unstaked and the TAO received come from the StakeRemoved events. ' +
    'With --netuids/--all-netuids and/or --hotkeys/--all-hotkeys it unstakes --amount (or, with --all, the whole position) of ' +
    'every (hotkey, subnet) pair in one Utility.batch_all (all or nothing), each leg quoted and price-protected; --all-netuids ' +
    'means every subnet where the coldkey has stake through the hotkey.'
  static examples = [
    '<%= config.bin %> stake remove -w owner -H miner --netuid 2 --amount 5',
    '<%= config.bin %> stake remove -w owner -H miner --netuid 2 --all -y --json',
    '<%= config.bin %> stake remove -w owner --hotkey-ss58 5F… --all',
    '<%= config.bin %> stake remove -w owner --all-hotkeys --all-netuids --all',
    '<%= config.bin %> stake remove -w owner -H miner --all-netuids --amount 1 -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: optionalNetuidFlag('Subnet (netuid); without it, --all unstakes every subnet.'),
    'hotkey-ss58': hotkeySs58Flag,
    ...amountFlags('alpha', 'Unstake the whole position (every subnet when --netuid is not given).'),
    ...safetyFlags,
    ...batchFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeRemove)
    const amount = amountOf(flags, 'alpha')
    if (isBatch(flags)) {
      const [guard, targets] = await Promise.all([guardOptions(flags), batchTargets(flags)])
      return runTx(this, flags, 'coldkey', async (ctx) => {
        const { planStakeBatch } = await import('../../subtensor/stake/batch.js')
        return planStakeBatch(ctx, { kind: 'remove', ...targets, amount, guard })
      })
    }
    if (flags.netuid === undefined && amount !== undefined) throw badInput('--amount needs --netuid', 'MISSING_NETUID')
    const [guard, hotkey] = await Promise.all([guardOptions(flags), targetHotkey(flags)])
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeRemove } = await import('../../subtensor/stake/plan.js')
      return planStakeRemove(ctx, { hotkey, netuid: flags.netuid, amount, guard })
    })
  }
}
