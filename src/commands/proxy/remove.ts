import { TaoCommand } from '../../cli/base-command.js'
import { proxyEntryFlags } from '../../cli/flags/proxy.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseSs58 } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'

export default class ProxyRemove extends TaoCommand {
  static summary = 'Remove a proxy of this coldkey (Proxy.remove_proxy); its deposit is returned.'
  static description =
    'Removes exactly the (delegate, type, delay) entry `tao proxy list` shows; an entry that does not exist exits 1 before signing.'
  static examples = [
    '<%= config.bin %> proxy remove -w owner --delegate 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --type Staking -y --json',
  ]
  static flags = { ...signingFlags, ...proxyEntryFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyRemove)
    const delegate = await parseSs58(flags.delegate, '--delegate')
    const { planRemoveProxy } = await import('../../subtensor/proxy.js')
    return runTx(this, flags, 'coldkey', (ctx) => planRemoveProxy(ctx, { delegate, type: flags.type, delay: flags.delay }))
  }
}
