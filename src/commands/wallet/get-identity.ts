import { terminalText } from '../../core/text.js'
import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { parseSs58 } from '../../cli/parse.js'

export default class WalletGetIdentity extends TaoCommand {
  static summary = 'Show the on-chain identity of the wallet’s coldkey, or of any address (--ss58).'
  static description =
    'Reads IdentitiesV2 (Identities at spec 218). In --json, fields the runtime does not have are null; no identity is "identity": null.'
  static examples = ['<%= config.bin %> wallet get-identity -w owner', '<%= config.bin %> wallet get-identity --ss58 5F… --json']
  static flags = {
    ...walletFlags,
    ...networkFlags,
    ss58: Flags.string({ description: 'An address instead of the wallet’s coldkey.', aliases: ['key', 'coldkey'] }),
  }

  async run(): Promise<{ network: string; coldkey: string; identity: Record<string, string | null> | null }> {
    const { flags } = await this.parse(WalletGetIdentity)
    const { readPublicKey } = await import('../../wallet/store.js')
    let ss58: string
    if (flags.ss58 !== undefined) {
      ss58 = await parseSs58(flags.ss58, '--ss58')
    } else {
      const w = resolveWallet(flags)
      ss58 = (await readPublicKey({ root: w.path, name: w.name }, { kind: 'coldkey' })).ss58
    }
    const chain = await connectChain(flags)
    try {
      const { CHAIN_IDENTITY_FLAGS, identityJson, readChainIdentity, storageFields } = await import('../../subtensor/identity.js')
      const { item, value } = await readChainIdentity(chain, ss58)
      const fields = item ? storageFields(chain.metadata, 'SubtensorModule', item) : undefined
      const identity = identityJson(value, fields, CHAIN_IDENTITY_FLAGS)
      this.log(
        identity
          ? Object.entries(identity)
              .filter(([, v]) => v !== null)
              .map(([k, v]) => `${k}: ${terminalText(String(v))}`)
              .join('\n')
          : `${ss58} has no on-chain identity`,
      )
      return { network: resolveSetting('network', flags.network).value, coldkey: ss58, identity }
    } finally {
      chain.close()
    }
  }
}
