import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class AxonSet extends TaoCommand {
  static summary = "Serve the hotkey's axon on a subnet: its IP (v4 or v6) and port (serve_axon)."
  static description =
    'Signed by the hotkey (-H), which pays the fee. Refused before signing (nothing signed): an address that is not IPv4 or ' +
    'IPv6, or one the runtime rejects (localhost, 255.255.255.255, the zero address where the runtime refuses it) exit 2; a ' +
    "subnet that does not exist exits 2; a hotkey not registered on the subnet, or an update within the subnet's serving rate " +
    'limit, exits 1. The axon now and after are shown before signing; --json adds hotkey, netuid, uid, ip, ipType, port, ' +
    'protocol, version, previous (the axon before, or null) and, once landed, axon (as the chain stored it).'
  static examples = [
    '<%= config.bin %> axon set -w owner -H validator --netuid 2 --ip 203.0.113.7 --port 8091',
    '<%= config.bin %> axon set -w owner -H validator --netuid 3 --ip 2001:db8::7 --port 8091 --version 9021002 -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    ip: Flags.string({ description: 'IPv4 (1.2.3.4) or IPv6 (2001:db8::1) address.', required: true }),
    port: Flags.integer({ description: 'Port (1-65535).', required: true, min: 1, max: 65535 }),
    protocol: Flags.integer({
      description: 'Protocol number stored with the axon (btcli and the SDK send 4).',
      default: 4,
      min: 0,
      max: 255,
    }),
    version: Flags.integer({
      description: 'Version number stored with the axon (btcli sends 0; the SDK its own version as an integer).',
      default: 0,
      min: 0,
      max: 4294967295,
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(AxonSet)
    const { parseIp, requireServable } = await import('../../subtensor/axon-address.js')
    const address = parseIp(flags.ip)
    // What every runtime refuses is refused before connecting; the zero address depends on the runtime.
    requireServable(address, flags.ip, true)
    const { planAxon, storedAxonLine } = await import('../../subtensor/axon.js')
    const report = await runTx(this, flags, 'hotkey', (ctx) =>
      planAxon(ctx, { kind: 'set', netuid: flags.netuid, address, port: flags.port, protocol: flags.protocol, version: flags.version }),
    )
    const line = storedAxonLine(report)
    if (line) this.log(line)
    return report
  }
}
