import { TaoCommand } from '../../cli/base-command.js'
import { subnetIdentityFlags } from '../../cli/identity-flags.js'
import { requireSome } from '../../cli/stake-flags.js'
import { netuidFlag } from '../../cli/targets.js'
import { executeTx, signingFlags } from '../../cli/tx.js'

export default class SubnetsSetIdentity extends TaoCommand {
  static summary = 'Set a subnet’s on-chain identity (signed by the subnet owner’s coldkey).'
  static description =
    'Uses set_subnet_identity with the fields this runtime has (3 at spec 218, 8 later); fields not given keep their current ' +
    'value, and a flag for a field the runtime lacks is refused before signing.'
  static examples = ['<%= config.bin %> subnets set-identity -w owner --netuid 2 --subnet-name "my subnet" --subnet-contact me@example.org']
  static flags = { ...signingFlags, netuid: netuidFlag(), ...subnetIdentityFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsSetIdentity)
    const { identityFromFlags, SUBNET_IDENTITY_FLAGS } = await import('../../chain/identity.js')
    const given = identityFromFlags(flags, SUBNET_IDENTITY_FLAGS)
    requireSome(given, 'identity')
    return executeTx(this, flags, 'coldkey', async (ctx) => {
      const { planSubnetIdentity } = await import('../../chain/identity-plan.js')
      return planSubnetIdentity(ctx, flags.netuid, given)
    })
  }
}
