import { TaoCommand } from '../../cli/base-command.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { proxyEntryFlags } from '../../cli/flags/proxy.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class ProxyCreate extends TaoCommand {
  static summary = 'Create a pure proxy: a new keyless account that only this coldkey can act for (Proxy.create_pure).'
  static description =
    'The new address is read from the PureCreated event (`pure` in --json). Act for it with `--proxy <pure>` on any signing command; ' +
    '`tao proxy kill` needs the block and extrinsic index this command reports.'
  static examples = ['<%= config.bin %> proxy create -w owner --type Any -y --json']
  static flags = {
    ...signingFlags,
    type: proxyEntryFlags.type,
    delay: proxyEntryFlags.delay,
    index: integerFlag({
      description: 'Disambiguation index, to create several pure proxies in one block.',
      default: 0,
      min: 0,
      max: 65535,
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyCreate)
    const { planCreatePure } = await import('../../subtensor/proxy.js')
    return runTx(this, flags, 'coldkey', (ctx) => planCreatePure(ctx, { type: flags.type, delay: flags.delay, index: flags.index }))
  }
}
