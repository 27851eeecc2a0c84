import { Flags } from '@oclif/core'
import { amountJson } from '../../core/amount.js'
import { stakeJson } from '../../cli/render/models-json.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { badInput } from '../../core/errors.js'
import { stakeTable } from '../../cli/render/stake.js'

export default class StakeList extends TaoCommand {
  static summary = 'List every stake of a coldkey, every local wallet (--all) or any address (--ss58).'
  static description =
    "One row per hotkey and subnet: the alpha staked, the subnet's price, the swap value (the TAO unstaking the position now would " +
    "pay through the subnet's pool, slippage included: the runtime's own simulation where it has one, else its constant product) and " +
    "the spot value (alpha × price, which no sale of a large stake gets; root: 1:1), with totals (a total sells each subnet's alpha " +
    "in one trade). The alpha is what the runtime computes from the coldkey's shares (StakeInfoRuntimeApi), read at one block for " +
    'every account at once.'
  static examples = [
    '<%= config.bin %> stake list -w miner',
    '<%= config.bin %> stake list --all --network local --json',
    '<%= config.bin %> stake list --ss58 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  ]
  static flags = {
    ...walletFlags,
    ...networkFlags,
    all: Flags.boolean({ char: 'a', description: 'Every wallet under the wallet path.' }),
    ss58: Flags.string({ description: 'A coldkey address to list (repeatable); no wallet needed.', multiple: true }),
  }

  async run() {
    const { flags } = await this.parse(StakeList)
    const { selectColdkeys } = await import('../../wallet/accounts.js')
    const { accounts, skipped } = await selectColdkeys(resolveWallet(flags), flags)

    const chain = await connectChain(flags)
    try {
      const { readStakeHoldings, stakeReadable } = await import('../../subtensor/stake/stake.js')
      const why = stakeReadable(chain.metadata)
      if (why) throw badInput(`cannot list stakes: ${why}`, 'NOT_IN_RUNTIME')
      const reads = await chain.atHead('best')
      const holdings = await readStakeHoldings(
        chain,
        accounts.map((a) => a.ss58),
        { at: reads.hash },
      )
      // Each address once, every wallet holding it named, the first as `wallet` (as in `wallet balance`).
      const names = new Map(accounts.map((a) => [a.ss58, a.wallets[0] ?? null]))
      this.log(stakeTable(holdings, names))
      for (const s of skipped) process.stderr.write(`skipped wallet ${s.name}: ${s.error}\n`)
      const values = (v: { spotValue: bigint; swapValue: bigint }) => ({
        spotValue: amountJson(v.spotValue),
        swapValue: amountJson(v.swapValue),
      })
      return {
        network: resolveSetting('network', flags.network).value,
        block: await reads.blockNumber(),
        stakes: holdings.stakes.map((s) => stakeJson(s, names.get(s.coldkey) ?? null)),
        accounts: accounts.map((a) => {
          const held = holdings.accounts.find((h) => h.coldkey === a.ss58) ?? { spotValue: 0n, swapValue: 0n }
          return { wallet: a.wallets[0] ?? null, wallets: a.wallets, coldkey: a.ss58, ...values(held) }
        }),
        totals: values(holdings.total),
        skipped,
      }
    } finally {
      chain.close()
    }
  }
}
