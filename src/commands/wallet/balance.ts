import { Flags } from '@oclif/core'
import { amountJson, displayTao, groupedAmount, type AmountJson } from '../../core/amount.js'
import type { AccountBalance } from '../../subtensor/stake/balances.js'
import type { StakeValue } from '../../subtensor/stake/stake.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { table } from '../../core/output.js'

/** One account (an address counted once, however many wallets name it), as docs/json.md describes it. */
interface Row {
  /** The first wallet with this address (null for an address given with --ss58 only). */
  wallet: string | null
  /** Every wallet with this address. */
  wallets: string[]
  coldkey: string
  free: AmountJson
  reserved: AmountJson
  frozen: AmountJson
  /** What unstaking every position now would pay (one sale per subnet). */
  stakedSwapValue: AmountJson
  /** The positions' alpha × price: not what unstaking pays. */
  stakedSpotValue: AmountJson
  /** free + reserved + stakedSwapValue. */
  total: AmountJson
  stakes: { hotkey: string; netuid: number; alpha: AmountJson; spotValue: AmountJson; swapValue: AmountJson }[]
  /** Why stake could not be read on this runtime; null when it was read. */
  stakeUnavailable: string | null
}

export default class WalletBalance extends TaoCommand {
  static summary = 'Show free, reserved and staked TAO of a wallet, every wallet (--all), or any address (--ss58).'
  static description =
    "Stake is listed per hotkey and subnet as alpha, what unstaking it now would pay through the subnet's pool (its swap value, " +
    'slippage included; root: 1:1) and its spot value (alpha × price, which no sale of a large stake gets). Staked and total count ' +
    'the swap value. Accounts are read in parallel. ' +
    'Each address is shown and counted once, naming every wallet that holds it. The address of a wallet is its coldkeypub.txt; ' +
    'when that file does not match the coldkey, a warning says so.'
  static examples = [
    '<%= config.bin %> wallet balance -w miner',
    '<%= config.bin %> wallet balance --all --network local --json',
    '<%= config.bin %> wallet balance --ss58 5F… --ss58 5G…',
  ]
  static flags = {
    ...walletFlags,
    ...networkFlags,
    all: Flags.boolean({ char: 'a', description: 'Every wallet under the wallet path.' }),
    ss58: Flags.string({ description: 'An address to show (repeatable); no wallet needed.', multiple: true }),
  }

  async run(): Promise<{
    network: string
    block: number
    accounts: Row[]
    skipped: { name: string; error: string }[]
    warnings: string[]
    totals: Record<'free' | 'reserved' | 'stakedSwapValue' | 'stakedSpotValue' | 'total', AmountJson>
  }> {
    const { flags } = await this.parse(WalletBalance)
    const { selectColdkeys } = await import('../../wallet/accounts.js')
    const { accounts, skipped, warnings } = await selectColdkeys(resolveWallet(flags), flags)

    const chain = await connectChain(flags)
    let balances: AccountBalance[]
    let block: number
    let staked: StakeValue
    try {
      const { fetchBalances } = await import('../../subtensor/stake/balances.js')
      ;({ balances, block, staked } = await fetchBalances(
        chain,
        accounts.map((a) => a.ss58),
      ))
    } finally {
      chain.close()
    }
    const totalOf = (b: AccountBalance) => b.free + b.reserved + b.staked.swapValue
    const rows: Row[] = balances.map((b, i) => ({
      wallet: accounts[i]!.wallets[0] ?? null,
      wallets: accounts[i]!.wallets,
      coldkey: b.ss58,
      free: amountJson(b.free),
      reserved: amountJson(b.reserved),
      frozen: amountJson(b.frozen),
      stakedSwapValue: amountJson(b.staked.swapValue),
      stakedSpotValue: amountJson(b.staked.spotValue),
      total: amountJson(totalOf(b)),
      stakes: b.stakes.map((s) => ({
        hotkey: s.hotkey,
        netuid: s.netuid,
        alpha: amountJson(s.alpha),
        spotValue: amountJson(s.spotValue),
        swapValue: amountJson(s.swapValue),
      })),
      stakeUnavailable: b.stakeUnavailable ?? null,
    }))
    const sum = (pick: (b: AccountBalance) => bigint) => balances.reduce((acc, b) => acc + pick(b), 0n)
    const free = sum((b) => b.free)
    const reserved = sum((b) => b.reserved)
    // Across accounts too, one subnet's alpha is sold in one trade: the total is not the accounts' sum.
    const sums = { free, reserved, staked: staked.swapValue, total: free + reserved + staked.swapValue }

    const lines = [['WALLET', 'COLDKEY', 'FREE', 'RESERVED', 'STAKED (SWAP)', 'TOTAL']]
    balances.forEach((b, i) => {
      lines.push([
        accounts[i]!.wallets.join(', ') || '-',
        b.ss58,
        displayTao(b.free),
        displayTao(b.reserved),
        displayTao(b.staked.swapValue),
        displayTao(totalOf(b)),
      ])
      for (const s of b.stakes)
        lines.push([
          '',
          `  ${s.hotkey} on subnet ${s.netuid}`,
          '',
          '',
          `${groupedAmount(s.alpha)} α → ${displayTao(s.swapValue)} (spot ${displayTao(s.spotValue)})`,
          '',
        ])
    })
    if (balances.length > 1)
      lines.push(['TOTAL', '', displayTao(sums.free), displayTao(sums.reserved), displayTao(sums.staked), displayTao(sums.total)])
    this.log(table(lines))
    if (balances.some((b) => b.stakes.length > 0))
      this.log("staked (swap): what unstaking would pay now through each subnet's pool; spot = alpha × price, not what a sale gets")
    for (const s of skipped) process.stderr.write(`skipped wallet ${s.name}: ${s.error}\n`)
    const totals = {
      free: amountJson(sums.free),
      reserved: amountJson(sums.reserved),
      stakedSwapValue: amountJson(staked.swapValue),
      stakedSpotValue: amountJson(staked.spotValue),
      total: amountJson(sums.total),
    }
    return { network: resolveSetting('network', flags.network).value, block, accounts: rows, skipped, warnings, totals }
  }
}
