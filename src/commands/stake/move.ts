import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { amountFlags, amountOf, checkedPriceFlags, guardOptions } from '../../cli/flags/stake.js'
import { hotkeyByAddressOrName, targetHotkey } from '../../wallet/selection.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { netuidFlag, optionalNetuidFlag } from '../../cli/flags/netuid.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { badInput } from '../../core/errors.js'

export default class StakeMove extends TaoCommand {
  static summary = 'Move stake to another hotkey and/or subnet, keeping the coldkey (move_stake).'
  static description =
    'Signed by the coldkey. The origin is -H (or --hotkey-ss58) on --origin-netuid; the destination is --dest-hotkey (an SS58 ' +
    'address or a hotkey name of the wallet) on --dest-netuid (default: the origin subnet). Between subnets the alpha is sold ' +
    'and the TAO bought into the destination: the preview shows both legs and the slippage. move_stake takes no limit price: ' +
    'a slippage above --tolerance is refused before signing (--unsafe skips the check).'
  static examples = [
    '<%= config.bin %> stake move -w owner -H miner --origin-netuid 2 --dest-netuid 3 --dest-hotkey validator --amount 5',
    '<%= config.bin %> stake move -w owner -H miner --origin-netuid 2 --dest-hotkey 5F… --all -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    'origin-netuid': netuidFlag('Subnet the stake is on now.'),
    'dest-netuid': optionalNetuidFlag('Subnet to move it to [default: the origin subnet].'),
    'dest-hotkey': Flags.string({
      description: 'Hotkey to move it to: an SS58 address or a hotkey name of this wallet.',
      required: true,
      aliases: ['to', 'dest'],
    }),
    ...amountFlags('alpha', 'Move the whole position.'),
    ...checkedPriceFlags,
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeMove)
    const amount = amountOf(flags, 'alpha')
    const [hotkey, destinationHotkey, guard] = await Promise.all([
      targetHotkey(flags),
      hotkeyByAddressOrName(flags, flags['dest-hotkey'], '--dest-hotkey'),
      guardOptions(flags),
    ])
    const originNetuid = flags['origin-netuid']
    const destinationNetuid = flags['dest-netuid'] ?? originNetuid
    if (destinationHotkey.ss58 === hotkey.ss58 && destinationNetuid === originNetuid)
      throw badInput('the destination is the origin: nothing would move', 'NOTHING_TO_MOVE')
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStakeMove } = await import('../../subtensor/stake/plan.js')
      return planStakeMove(ctx, { kind: 'move', hotkey, destinationHotkey, originNetuid, destinationNetuid, amount, guard })
    })
  }
}
