import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { parseWhole } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'
import { targetHotkey } from '../../wallet/selection.js'

export default class LiquidityRemove extends TaoCommand {
  static summary = 'Remove a liquidity position: its TAO and alpha and the fees it earned come back (Swap.remove_liquidity).'
  static description =
    "Signed by the coldkey. The TAO goes to the coldkey's free balance, the alpha to its stake to the hotkey (-H / --hotkey-ss58) " +
    "on the subnet; the preview shows both at the pool's price now, with the uncollected fees. Removing works even when user " +
    'liquidity has been disabled on the subnet.'
  static examples = [
    '<%= config.bin %> liquidity remove -w owner -H miner --netuid 2 --position-id 3',
    '<%= config.bin %> liquidity remove -w owner -H miner --netuid 2 --position-id 3 -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    netuid: netuidFlag(),
    'position-id': Flags.string({ description: 'The position (an id from `tao liquidity list`).', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityRemove)
    const positionId = parseWhole(flags['position-id'], '--position-id', { min: 1n, max: (1n << 128n) - 1n })
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planRemoveLiquidity } = await import('../../subtensor/liquidity/plan.js')
      return planRemoveLiquidity(ctx, { netuid: flags.netuid, hotkey: hotkey.ss58, positionId })
    })
  }
}
