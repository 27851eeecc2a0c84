import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { parseAmount, parseWhole } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'
import { targetHotkey } from '../../wallet/selection.js'

const I64_MAX = (1n << 63n) - 1n

export default class LiquidityModify extends TaoCommand {
  static summary = 'Add liquidity to a position or take some out (Swap.modify_position).'
  static description =
    'Signed by the coldkey. --liquidity-delta adds (positive) or takes out (negative, written --liquidity-delta=-5) liquidity in the same price range; ' +
    "the preview shows the TAO and alpha it takes or pays back at the pool's price now, and the fees earned so far, which the " +
    'runtime pays with any change. Taking out so much that less than Swap.MinimumLiquidity would be left removes the whole ' +
    'position. User liquidity must be enabled on the subnet.'
  static examples = [
    '<%= config.bin %> liquidity modify -w owner -H miner --netuid 2 --position-id 3 --liquidity-delta 5',
    '<%= config.bin %> liquidity modify -w owner -H miner --netuid 2 --position-id 3 --liquidity-delta=-2.5 -y --json   # a negative value after =',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    netuid: netuidFlag(),
    'position-id': Flags.string({ description: 'The position (an id from `tao liquidity list`).', required: true }),
    'liquidity-delta': Flags.string({
      description: 'Liquidity to add, or to take out when negative (9 decimals).',
      required: true,
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityModify)
    const positionId = parseWhole(flags['position-id'], '--position-id', { min: 1n, max: (1n << 128n) - 1n })
    const text = flags['liquidity-delta'].trim()
    const negative = text.startsWith('-')
    const abs = parseAmount(negative ? text.slice(1) : text.replace(/^\+/, ''), '--liquidity-delta')
    if (abs > I64_MAX) throw badInput('--liquidity-delta is too large (the runtime takes an i64)', 'BAD_AMOUNT')
    const delta = negative ? -abs : abs
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planModifyLiquidity } = await import('../../subtensor/liquidity/plan.js')
      return planModifyLiquidity(ctx, { netuid: flags.netuid, hotkey: hotkey.ss58, positionId, delta })
    })
  }
}
