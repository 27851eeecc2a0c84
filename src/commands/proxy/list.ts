import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { networkFlags } from '../../cli/flags/network.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { parseSs58 } from '../../cli/parse.js'
import { amountJson, displayTao } from '../../core/amount.js'
import { resolveSetting } from '../../config/settings.js'
import { resolveWallet } from '../../wallet/selection.js'

export default class ProxyList extends TaoCommand {
  static summary = "List an account's proxies (Proxy.Proxies): delegate, type, delay, and the deposit they hold."
  static description = "The wallet's coldkey by default, or any address with --ss58. An account without proxies lists none (deposit 0)."
  static examples = [
    '<%= config.bin %> proxy list -w owner',
    '<%= config.bin %> proxy list --ss58 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY --json',
  ]
  static flags = {
    ...walletFlags,
    ...networkFlags,
    ss58: Flags.string({ description: 'The account whose proxies to list (default: the wallet coldkey).' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyList)
    let ss58: string
    if (flags.ss58 !== undefined) ss58 = await parseSs58(flags.ss58, '--ss58')
    else {
      const wallet = resolveWallet(flags)
      const { readPublicKey } = await import('../../wallet/store.js')
      ss58 = (await readPublicKey({ root: wallet.path, name: wallet.name }, { kind: 'coldkey' })).ss58
    }
    const chain = await connectChain(flags)
    try {
      const { readProxies } = await import('../../subtensor/acting.js')
      chain.metadata.requireStorage('Proxy', 'Proxies')
      const block = await chain.blockNumber()
      const { proxies, deposit } = await readProxies(chain, ss58)
      if (proxies.length === 0) this.log(`${ss58} has no proxies.`)
      else {
        this.log(`Proxies of ${ss58} (deposit ${displayTao(deposit)}):`)
        for (const p of proxies) this.log(`  ${p.delegate}  ${p.type}${p.delay ? `  delay ${p.delay} blocks` : ''}`)
      }
      return { network: resolveSetting('network', flags.network).value, block, ss58, proxies, deposit: amountJson(deposit) }
    } finally {
      chain.close()
    }
  }
}
