import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, guardOptions, safetyFlags } from '../../cli/flags/stake.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { optionalNetuidFlag } from '../../cli/flags/netuid.js'
import { batchFlags, batchTargets, isBatch } from '../../cli/flags/batch.js'
import { badInput } from '../../core/errors.js'
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
    'The TAO staked and the alpha received are reported from the StakeAdded event. ' +
    'With --netuids/--all-netuids and/or --hotkeys/--all-hotkeys it stakes --amount on every (hotkey, subnet) pair in one ' +
    'Utility.batch_all (all or nothing), each leg quoted and price-protected as above; --all-netuids means every subnet where ' +
    'the hotkey is registered (root aside).'
  static examples = [
    '<%= config.bin %> stake add -w owner -H miner --netuid 2 --amount 10',
    '<%= config.bin %> stake add -w owner --hotkey-ss58 5F… --netuid 2 --amount 10 --tolerance 1% --allow-partial -y --json',
    '<%= config.bin %> stake add -w owner -H miner --netuid 2 --all --dry-run',
    '<%= config.bin %> stake add -w owner --hotkeys miner,validator --netuids 2,3 --amount 5',
    '<%= config.bin %> stake add -w owner -H miner --all-netuids --amount 1 -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: optionalNetuidFlag('Subnet (netuid).'),
    'hotkey-ss58': hotkeySs58Flag,
    ...amountFlags('TAO', 'Stake everything the coldkey can spare (it keeps the existential deposit and the fee).'),
    ...safetyFlags,
    ...batchFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeAdd)
    const amount = amountOf(flags, 'TAO')
    if (isBatch(flags)) {
      if (amount === undefined)
        throw badInput('staking on several subnets or hotkeys needs --amount (TAO per subnet and hotkey), not --all', 'MISSING_AMOUNT')
      const [guard, targets] = await Promise.all([guardOptions(flags), batchTargets(flags)])
      return runTx(this, flags, 'coldkey', async (ctx) => {
        const { planStakeBatch } = await import('../../subtensor/stake/batch.js')
        return planStakeBatch(ctx, { kind: 'add', ...targets, amount, guard })
      })
    }
    const netuid = flags.netuid
    if (netuid === undefined) throw badInput('give --netuid (or --netuids / --all-netuids)', 'MISSING_NETUID')
    const [guard, hotkey] = await Promise.all([guardOptions(flags), targetHotkey(flags)])
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeAdd } = await import('../../subtensor/stake/plan.js')
      return planStakeAdd(ctx, { hotkey, netuid, amount, guard })
    })
  }
}
