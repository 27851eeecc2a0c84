import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'

export default class GovernanceMembers extends TaoCommand {
  static summary = 'List the senate (hotkeys that vote) and the triumvirate (accounts that propose).'
  static description =
    'Reads SenateMembers.Members and Triumvirate.Members at the best block. Runtimes without on-chain senate governance ' +
    '(newer than spec 218) have neither: the command says so and exits 2.'
  static examples = ['<%= config.bin %> governance members --network local', '<%= config.bin %> governance members --json']
  static flags = { ...networkFlags }

  async run(): Promise<{ network: string; block: number; senate: string[]; triumvirate: string[] }> {
    const { flags } = await this.parse(GovernanceMembers)
    const chain = await connectChain(flags)
    try {
      const { readMembers, requireGovernance } = await import('../../subtensor/governance.js')
      const { headBlocks } = await import('../../node/read-at.js')
      requireGovernance(chain.metadata, 'members')
      const { best } = await headBlocks(chain)
      const members = await readMembers(chain, best.hash)
      const list = (title: string, who: string[]) => [`${title} (${who.length})`, ...(who.length ? who.map((a) => `  ${a}`) : ['  none'])]
      this.log([...list('Senate hotkeys', members.senate), ...list('Triumvirate', members.triumvirate)].join('\n'))
      return {
        network: resolveSetting('network', flags.network).value,
        block: best.number,
        senate: members.senate,
        triumvirate: members.triumvirate,
      }
    } finally {
      chain.close()
    }
  }
}
