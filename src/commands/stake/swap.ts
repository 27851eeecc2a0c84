import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, guardOptions, safetyFlags } from '../../cli/flags/stake.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { badInput } from '../../core/errors.js'

export default class StakeSwap extends TaoCommand {
  static summary = 'Swap stake from one subnet to another, keeping hotkey and coldkey (swap_stake).'
  static description =
    'Signed by the coldkey. The alpha is sold on --origin-netuid and the TAO bought on --dest-netuid: the preview shows both ' +
    'legs and the slippage. Where the runtime has swap_stake_limit the swap is price-protected: limit = (origin price / ' +
    'destination price) × (1 − --tolerance); where it has not, a quoted slippage above --tolerance is refused before signing ' +
    '(--unsafe skips the check). Runtimes without swap_stake (spec 218) are refused before anything is signed.'
  static examples = [
    '<%= config.bin %> stake swap -w owner -H miner --origin-netuid 2 --dest-netuid 3 --amount 5',
    '<%= config.bin %> stake swap -w owner -H miner --origin-netuid 2 --dest-netuid 3 --all --tolerance 1% -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    'origin-netuid': netuidFlag('Subnet the stake is on now.'),
    'dest-netuid': netuidFlag('Subnet to swap it into.'),
    ...amountFlags('alpha', 'Swap the whole position.'),
    ...safetyFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeSwap)
    const amount = amountOf(flags, 'alpha')
    const originNetuid = flags['origin-netuid']
    const destinationNetuid = flags['dest-netuid']
    if (originNetuid === destinationNetuid) throw badInput('--origin-netuid and --dest-netuid are the same subnet', 'SAME_NETUID')
    const [guard, hotkey] = await Promise.all([guardOptions(flags), targetHotkey(flags)])
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeMove } = await import('../../subtensor/stake/plan.js')
      return planStakeMove(ctx, { kind: 'swap', hotkey, originNetuid, destinationNetuid, amount, guard })
    })
  }
}
