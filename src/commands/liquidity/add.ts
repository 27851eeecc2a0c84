import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { parseAmount } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'
import { targetHotkey } from '../../wallet/selection.js'

export default class LiquidityAdd extends TaoCommand {
  static summary = "Add a liquidity position to a subnet's pool between two prices (Swap.add_liquidity)."
  static description =
    'Signed by the coldkey. The position provides --liquidity between --price-low and --price-high (TAO per alpha); each price is ' +
    'placed in its tick (1.0001^tick) as the runtime places it, and the preview shows the ticks, the prices they start at and the ' +
    "TAO (from the coldkey's free balance) and alpha (from its stake to the hotkey on the subnet) the position takes at the pool's " +
    "price now: all alpha when the range is above the price, all TAO when below. The subnet's owner must have enabled user " +
    'liquidity (`tao liquidity enable`); runtimes without the Swap pallet (spec 218) are refused before anything is signed.'
  static examples = [
    '<%= config.bin %> liquidity add -w owner -H miner --netuid 2 --liquidity 10 --price-low 0.01 --price-high 0.1',
    '<%= config.bin %> liquidity add -w owner --hotkey-ss58 5F… --netuid 2 --liquidity 10 --price-low 0.5 --price-high 2 -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    netuid: netuidFlag(),
    liquidity: Flags.string({ description: 'Liquidity to provide (√(TAO·alpha), 9 decimals like an amount).', required: true }),
    'price-low': Flags.string({ description: 'Lower end of the price range (TAO per alpha).', required: true }),
    'price-high': Flags.string({ description: 'Upper end of the price range (TAO per alpha).', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityAdd)
    const liquidity = parseAmount(flags.liquidity, '--liquidity')
    const low = parseAmount(flags['price-low'], '--price-low')
    const high = parseAmount(flags['price-high'], '--price-high')
    if (low >= high) throw badInput('--price-low must be below --price-high', 'BAD_RANGE')
    const { tickAtPrice, TICK_MAX } = await import('../../subtensor/liquidity/tick-math.js')
    const tickLow = tickAtPrice(low)
    const tickHigh = tickAtPrice(high)
    if (tickLow >= tickHigh) throw badInput(`--price-low and --price-high fall in the same tick (${tickLow}): widen the range`, 'BAD_RANGE')
    if (tickHigh === TICK_MAX) throw badInput('--price-high is above the highest price the pool has', 'BAD_RANGE')
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planAddLiquidity } = await import('../../subtensor/liquidity/plan.js')
      return planAddLiquidity(ctx, { netuid: flags.netuid, hotkey: hotkey.ss58, liquidity, tickLow, tickHigh })
    })
  }
}
