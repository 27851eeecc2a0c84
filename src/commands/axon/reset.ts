import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class AxonReset extends TaoCommand {
  static summary = 'Reset the hotkey\'s axon on a subnet to "not serving" (0.0.0.0, port 1), as btcli does.'
  static description =
    'Signed by the hotkey (-H): serve_axon with IP 0.0.0.0, port 1 (the runtime refuses port 0), protocol 4, version 0. ' +
    'Runtimes before spec 273 refuse a zero IP (InvalidIpAddress): there the command exits 2 before signing and says so. ' +
    'A hotkey not registered on the subnet, or an update within its serving rate limit, exits 1, nothing signed. ' +
    '--json as `tao axon set`.'
  static examples = ['<%= config.bin %> axon reset -w owner -H validator --netuid 2']
  static flags = { ...signingFlags, netuid: netuidFlag() }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(AxonReset)
    const { planAxon, storedAxonLine } = await import('../../subtensor/axon.js')
    const report = await runTx(this, flags, 'hotkey', (ctx) => planAxon(ctx, { kind: 'reset', netuid: flags.netuid }))
    const line = storedAxonLine(report)
    if (line) this.log(line)
    return report
  }
}
