import { TaoCommand } from '../../cli/base-command.js'
import { subnetIdentityFlags } from '../../cli/flags/identity.js'
import { requireSome } from '../../cli/flags/stake.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class SubnetsSetIdentity extends TaoCommand {
  static summary = 'Set a subnet’s on-chain identity (signed by the subnet owner’s coldkey).'
  static description =
    'Uses set_subnet_identity with the fields this runtime has (3 at spec 218, 8 later); fields not given keep their current ' +
    'value, and a flag for a field the runtime lacks is refused before signing.'
  static examples = ['<%= config.bin %> subnets set-identity -w owner --netuid 2 --subnet-name "my subnet" --subnet-contact me@example.org']
  static flags = { ...signingFlags, netuid: netuidFlag(), ...subnetIdentityFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsSetIdentity)
    const { identityFromFlags, SUBNET_IDENTITY_FLAGS } = await import('../../subtensor/identity.js')
    const given = identityFromFlags(flags, SUBNET_IDENTITY_FLAGS)
    requireSome(given, 'identity')
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planSubnetIdentity } = await import('../../subtensor/identity-plan.js')
      return planSubnetIdentity(ctx, flags.netuid, given)
    })
  }
}
