import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { networkFlags } from '../../cli/flags/network.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { parseSs58 } from '../../cli/parse.js'
import { resolveSetting } from '../../config/settings.js'
import { resolveWallet } from '../../wallet/selection.js'

export default class LiquidityList extends TaoCommand {
  static summary = "List a coldkey's liquidity positions in a subnet's pool: price range, amounts, fees earned."
  static description =
    "Reads Swap.Positions of the coldkey (the wallet's, or --ss58) and the pool (AlphaSqrtPrice, CurrentTick, FeeGlobalTao/Alpha, " +
    'the Ticks of each position) at the best block. The TAO and alpha of a position are what it holds at the pool price now, and ' +
    "its fees what it has earned and not yet collected, computed with the runtime's own fixed-point arithmetic: what removing it " +
    'would pay. Runtimes without the Swap pallet (spec 218) say so and exit 2.'
  static examples = [
    '<%= config.bin %> liquidity list -w owner --netuid 2',
    '<%= config.bin %> liquidity list --ss58 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY --netuid 2 --json',
  ]
  static flags = {
    ...networkFlags,
    ...walletFlags,
    netuid: netuidFlag(),
    ss58: Flags.string({ description: 'A coldkey address to list; no wallet needed.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(LiquidityList)
    let coldkey: string
    if (flags.ss58 !== undefined) coldkey = await parseSs58(flags.ss58, '--ss58')
    else {
      const w = resolveWallet(flags)
      const { readPublicKey } = await import('../../wallet/store.js')
      coldkey = (await readPublicKey({ root: w.path, name: w.name }, { kind: 'coldkey' })).ss58
    }
    const chain = await connectChain(flags)
    try {
      const { readLiquidityPool, readPositions, requireSubnet, requireSwap } = await import('../../subtensor/liquidity/pool.js')
      const { positionJson } = await import('../../subtensor/liquidity/plan.js')
      const { liquidityTable } = await import('../../cli/render/liquidity.js')
      const { formatTao } = await import('../../core/amount.js')
      requireSwap(chain)
      await requireSubnet(chain, flags.netuid)
      const pool = await readLiquidityPool(chain, flags.netuid)
      const positions = await readPositions(chain, pool, coldkey)
      this.log(liquidityTable(pool, coldkey, positions))
      return {
        network: resolveSetting('network', flags.network).value,
        netuid: flags.netuid,
        coldkey,
        pool: {
          price: formatTao(pool.price),
          currentTick: pool.currentTick,
          userLiquidityEnabled: pool.enabled,
          feeRate: pool.feeRate / 65535,
        },
        positions: positions.map(positionJson),
      }
    } finally {
      chain.close()
    }
  }
}
