import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'

export default class GovernanceSudoKey extends TaoCommand {
  static summary = 'Show which account holds the sudo key.'
  static description =
    'Reads Sudo.Key at the best block: null when no key is set. A runtime without pallet Sudo is reported as such (exit 2).'
  static examples = ['<%= config.bin %> governance sudo-key', '<%= config.bin %> governance sudo-key --network local --json']
  static flags = { ...networkFlags }

  async run(): Promise<{ network: string; block: number; sudoKey: string | null }> {
    const { flags } = await this.parse(GovernanceSudoKey)
    const chain = await connectChain(flags)
    try {
      const { readSudoKey, requireGovernance } = await import('../../subtensor/governance.js')
      const { headBlocks } = await import('../../node/read-at.js')
      requireGovernance(chain.metadata, 'sudo-key')
      const { best } = await headBlocks(chain)
      const sudoKey = await readSudoKey(chain, best.hash)
      this.log(sudoKey === null ? 'No sudo key is set.' : `Sudo key: ${sudoKey}`)
      return { network: resolveSetting('network', flags.network).value, block: best.number, sudoKey }
    } finally {
      chain.close()
    }
  }
}
