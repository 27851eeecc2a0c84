import { TaoCommand } from '../../cli/base-command.js'
import { chainIdentityFlags } from '../../cli/flags/identity.js'
import { requireSome } from '../../cli/flags/stake.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'

export default class WalletSetIdentity extends TaoCommand {
  static summary = 'Set the coldkey’s on-chain identity (set_identity).'
  static description =
    'The fields are the runtime’s own (spec 218 has no github field); fields not given keep their current value, and a flag for ' +
    'a field the runtime lacks is refused before signing. The runtime may require the coldkey to have a registered hotkey.'
  static examples = ['<%= config.bin %> wallet set-identity -w owner --id-name "Owner" --web-url https://example.org']
  static flags = { ...signingFlags, ...chainIdentityFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletSetIdentity)
    const { identityFromFlags, CHAIN_IDENTITY_FLAGS } = await import('../../subtensor/identity.js')
    const given = identityFromFlags(flags, CHAIN_IDENTITY_FLAGS)
    requireSome(given, 'identity')
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planChainIdentity } = await import('../../subtensor/identity-plan.js')
      return planChainIdentity(ctx, given)
    })
  }
}
