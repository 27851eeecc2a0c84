import { TaoCommand } from '../../cli/base-command.js'
import { subnetIdentityFlags } from '../../cli/flags/identity.js'
import { targetHotkey } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class SubnetsCreate extends TaoCommand {
  static summary = 'Create a subnet owned by the coldkey, with the wallet’s hotkey (-H) as its owner hotkey.'
  static description =
    'Uses register_network with the arguments this runtime takes (spec 218 also takes a mechanism, sent as 1 = dynamic), or ' +
    'register_network_with_identity when identity flags are given; the identity’s fields are the runtime’s own (3 at spec 218, ' +
    '8 later) and a flag for a field it lacks is refused. The lock cost is shown before signing; register_network takes no limit ' +
    'on it, so the cost when the transaction lands is locked (the confirmation says so). The new netuid is reported from the ' +
    'NetworkAdded event.'
  static examples = [
    '<%= config.bin %> subnets create -w owner -H default',
    '<%= config.bin %> subnets create -w owner -H default --subnet-name "my subnet" --github-repo https://github.com/me/sn -y --json',
  ]
  static flags = { ...signingFlags, ...subnetIdentityFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsCreate)
    const hotkey = await targetHotkey(flags)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const [{ planCreate }, { identityFromFlags, SUBNET_IDENTITY_FLAGS }] = await Promise.all([
        import('../../subtensor/subnets/plan.js'),
        import('../../subtensor/identity.js'),
      ])
      return planCreate(ctx, { hotkey, identity: identityFromFlags(flags, SUBNET_IDENTITY_FLAGS) })
    })
  }
}
