import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, checkedPriceFlags, guardOptions } from '../../cli/flags/stake.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { netuidFlag, optionalNetuidFlag } from '../../cli/flags/netuid.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseSs58 } from '../../cli/parse.js'

export default class StakeTransfer extends TaoCommand {
  static summary = 'Give stake to another coldkey, keeping the hotkey (transfer_stake).'
  static description =
    'Signed by the coldkey. The stake behind -H (or --hotkey-ss58) on --origin-netuid goes to --dest-coldkey, on --dest-netuid ' +
    '(default: the same subnet; another subnet sells and buys, shown in the preview; transfer_stake takes no limit price: a ' +
    'slippage above --tolerance is refused before signing, --unsafe skips the check). Runtimes without transfer_stake (spec 218) ' +
    'are refused before anything is signed.'
  static examples = [
    '<%= config.bin %> stake transfer -w owner -H miner --origin-netuid 2 --dest-coldkey 5F… --amount 5',
    '<%= config.bin %> stake transfer -w owner -H miner --origin-netuid 2 --dest-netuid 3 --dest-coldkey 5F… --all -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    'origin-netuid': netuidFlag('Subnet the stake is on now.'),
    'dest-netuid': optionalNetuidFlag('Subnet it ends on [default: the origin subnet].'),
    'dest-coldkey': Flags.string({
      description: 'Coldkey (SS58) that receives the stake.',
      required: true,
      aliases: ['dest-ss58', 'dest'],
    }),
    ...amountFlags('alpha', 'Transfer the whole position.'),
    ...checkedPriceFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeTransfer)
    const amount = amountOf(flags, 'alpha')
    const destinationColdkey = await parseSs58(flags['dest-coldkey'], '--dest-coldkey')
    const [hotkey, guard] = await Promise.all([targetHotkey(flags), guardOptions(flags)])
    const originNetuid = flags['origin-netuid']
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeMove } = await import('../../subtensor/stake/plan.js')
      const destinationNetuid = flags['dest-netuid'] ?? originNetuid
      return planStakeMove(ctx, { kind: 'transfer', hotkey, destinationColdkey, originNetuid, destinationNetuid, amount, guard })
    })
  }
}
