import { Flags } from '@oclif/core'
import { amountJson, displayTao, formatTao, type AmountJson } from '../../chain/amount.js'
import type { AccountBalance } from '../../chain/balances.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags, resolveWallet, walletFlags } from '../../cli/flags.js'
import { connectChain } from '../../cli/tx.js'
import { resolveSetting } from '../../config/settings.js'
import { badInput } from '../../errors.js'
import { parseAddress } from '../../keystore/ss58.js'
import { table } from '../../ui/output.js'
import { listWallets, readPublicKey } from '../../wallet/store.js'

interface Row {
  name: string | null
  ss58: string
  free: AmountJson
  reserved: AmountJson
  frozen: AmountJson
  staked: AmountJson
  total: AmountJson
  stakes: { hotkey: string; netuid: number; alpha: AmountJson; tao: AmountJson }[]
  stakeUnavailable?: string
}

export default class WalletBalance extends TaoCommand {
  static summary = 'Show free, reserved and staked TAO of a wallet, every wallet (--all), or any address (--ss58).'
  static description =
    'Stake is listed per hotkey and subnet as alpha and its TAO value at the subnet pool price (root: 1:1). Accounts are read in parallel.'
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

  async run(): Promise<{ network: string; wallets: Row[]; skipped: { name: string; error: string }[]; totals: Record<'free' | 'reserved' | 'staked' | 'total', AmountJson> }> {
    const { flags } = await this.parse(WalletBalance)
    const sel = resolveWallet(flags)
    const accounts: { name: string | null; ss58: string }[] = []
    const skipped: { name: string; error: string }[] = []
    for (const address of flags.ss58 ?? []) {
      parseAddress(address)
      accounts.push({ name: null, ss58: address.trim() })
    }
    if (flags.all) {
      for (const w of await listWallets(sel.path)) {
        if (w.coldkey.ss58) accounts.push({ name: w.name, ss58: w.coldkey.ss58 })
        else skipped.push({ name: w.name, error: w.coldkey.error ?? 'no coldkey address' })
      }
      if (accounts.length === 0) throw badInput(`no wallets with a coldkey address under ${sel.path}`, 'NOT_FOUND')
    } else if (!flags.ss58?.length) {
      accounts.push({ name: sel.name, ss58: (await readPublicKey({ root: sel.path, name: sel.name }, { kind: 'coldkey' })).ss58 })
    }

    const chain = await connectChain(flags.network)
    let balances: AccountBalance[]
    try {
      const { fetchBalances } = await import('../../chain/balances.js')
      balances = await fetchBalances(chain, accounts.map((a) => a.ss58))
    } finally {
      chain.close()
    }
    const rows: Row[] = balances.map((b, i) => ({
      name: accounts[i].name,
      ss58: b.ss58,
      free: amountJson(b.free),
      reserved: amountJson(b.reserved),
      frozen: amountJson(b.frozen),
      staked: amountJson(b.staked),
      total: amountJson(b.free + b.reserved + b.staked),
      stakes: b.stakes.map((s) => ({ hotkey: s.hotkey, netuid: s.netuid, alpha: amountJson(s.alpha), tao: amountJson(s.tao) })),
      ...(b.stakeUnavailable ? { stakeUnavailable: b.stakeUnavailable } : {}),
    }))
    const sum = (pick: (b: AccountBalance) => bigint) => balances.reduce((acc, b) => acc + pick(b), 0n)
    const totals = {
      free: amountJson(sum((b) => b.free)),
      reserved: amountJson(sum((b) => b.reserved)),
      staked: amountJson(sum((b) => b.staked)),
      total: amountJson(sum((b) => b.free + b.reserved + b.staked)),
    }

    const money = (a: AmountJson) => displayTao(BigInt(a.rao))
    const lines = [['WALLET', 'COLDKEY', 'FREE', 'RESERVED', 'STAKED', 'TOTAL']]
    for (const r of rows) {
      lines.push([r.name ?? '-', r.ss58, money(r.free), money(r.reserved), money(r.staked), money(r.total)])
      for (const s of r.stakes) lines.push(['', `  ${s.hotkey} on subnet ${s.netuid}`, '', '', `${formatTao(BigInt(s.alpha.rao))} α → ${money(s.tao)}`, ''])
    }
    if (rows.length > 1) lines.push(['TOTAL', '', money(totals.free), money(totals.reserved), money(totals.staked), money(totals.total)])
    this.log(table(lines))
    for (const s of skipped) process.stderr.write(`skipped wallet ${s.name}: ${s.error}\n`)
    return { network: resolveSetting('network', flags.network).value, wallets: rows, skipped, totals }
  }
}
