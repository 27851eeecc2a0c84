import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'

export default class ProxyExecute extends TaoCommand {
  static summary = 'Run a call a delayed proxy announced, once its delay has passed (Proxy.proxy_announced).'
  static description =
    'Give the real account with --proxy and the call data that `--announce-only` reported (`proxy.callData` in its --json). ' +
    'Running the original command again with --proxy does the same. Too early, or never announced, exits 1 before signing.'
  static examples = ['<%= config.bin %> proxy execute -w delegate --proxy 5Real… --call-data 0x0503…']
  static flags = {
    ...signingFlags,
    'call-data': Flags.string({ description: 'The announced call, SCALE-encoded, as 0x hex.', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyExecute)
    if (flags.proxy === undefined) throw badInput('give the real account the call runs as with --proxy', 'MISSING_INPUT')
    if (flags['announce-only']) throw badInput('proxy execute runs an announced call: drop --announce-only', 'BAD_INPUT')
    const data = flags['call-data'].trim()
    if (!/^0x([0-9a-fA-F]{2})+$/.test(data)) throw badInput('--call-data must be 0x-prefixed hex', 'BAD_HEX')
    const { planAnnouncedCall } = await import('../../subtensor/proxy.js')
    return runTx(this, flags, 'coldkey', (ctx) => planAnnouncedCall(ctx, data))
  }
}
