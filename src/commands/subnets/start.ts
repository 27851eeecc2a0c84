import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class SubnetsStart extends TaoCommand {
  static summary = 'Start a new subnet (start_call, signed by the subnet owner’s coldkey): its emission begins and it takes stake.'
  static description =
    'On runtimes that have SubtensorModule.start_call, a new subnet takes no stake (the node refuses it) and emits nothing until ' +
    'its owner starts it, which the runtime allows a number of blocks after registration (`tao subnets check-start` says how many ' +
    'are left). Refused before signing when the subnet was already started, when it is too early, or when the signer is not the ' +
    'owner; a runtime without start_call (spec 218: subnets start at once) is reported with its spec version (exit 2). The block ' +
    'emission begins at is reported from the FirstEmissionBlockNumberSet event.'
  static examples = ['<%= config.bin %> subnets start -w owner --netuid 2', '<%= config.bin %> subnets start -w owner --netuid 2 -y --json']
  static flags = { ...signingFlags, netuid: netuidFlag() }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsStart)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planStart } = await import('../../subtensor/subnets/start.js')
      return planStart(ctx, flags.netuid)
    })
  }
}
