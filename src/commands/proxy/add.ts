import { TaoCommand } from '../../cli/base-command.js'
import { proxyEntryFlags } from '../../cli/flags/proxy.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseSs58 } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'

export default class ProxyAdd extends TaoCommand {
  static summary = 'Let another account sign calls of one proxy type for this coldkey (Proxy.add_proxy).'
  static description =
    "The delegate then signs with its own key and `--proxy <this coldkey>` on any signing command. Types are the runtime's " +
    'ProxyType names (an unknown one exits 2 listing them). A deposit is reserved while the proxy exists; it is shown before signing. ' +
    'With --delay the delegate must announce each call (--announce-only) and wait that many blocks.'
  static examples = [
    '<%= config.bin %> proxy add -w owner --delegate 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --type Staking',
    '<%= config.bin %> proxy add -w owner --delegate 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --type Transfer --delay 100 -y --json',
  ]
  static flags = { ...signingFlags, ...proxyEntryFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyAdd)
    const delegate = await parseSs58(flags.delegate, '--delegate')
    const { planAddProxy } = await import('../../subtensor/proxy.js')
    return runTx(this, flags, 'coldkey', (ctx) => planAddProxy(ctx, { delegate, type: flags.type, delay: flags.delay }))
  }
}
