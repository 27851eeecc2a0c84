import { terminalText } from '../../core/text.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'

export default class GovernanceProposals extends TaoCommand {
  static summary = 'List open governance proposals: the call, its votes, threshold and end block.'
  static description =
    "Reads Triumvirate.Proposals, ProposalOf and Voting at the best block; the proposed call is decoded with the runtime's metadata. " +
    'The runtime stores no proposer: it is taken from the Triumvirate.Proposed event, looked for in the last --lookback blocks ' +
    '(null when not found there). Runtimes without on-chain senate governance (newer than spec 218) say so and exit 2.'
  static examples = ['<%= config.bin %> governance proposals --network local', '<%= config.bin %> governance proposals --json --lookback 0']
  static flags = {
    ...networkFlags,
    lookback: integerFlag({
      description: 'Blocks to search back for who proposed (0: do not search).',
      default: 256,
      min: 0,
      max: 100_000,
    }),
  }

  async run(): Promise<{ network: string; block: number; proposals: Record<string, unknown>[] }> {
    const { flags } = await this.parse(GovernanceProposals)
    const chain = await connectChain(flags)
    try {
      const { readProposals, requireGovernance } = await import('../../subtensor/governance.js')
      const { headBlocks } = await import('../../node/read-at.js')
      const { toJsonSafe } = await import('../../core/json.js')
      requireGovernance(chain.metadata, 'proposals')
      const { best } = await headBlocks(chain)
      const proposals = await readProposals(chain, best, flags.lookback)
      const lines: string[] = proposals.length ? [] : ['No open proposals.']
      for (const p of proposals) {
        const left = p.end - best.number
        lines.push(
          terminalText(`${p.hash} (#${p.index}) ${p.call.pallet}.${p.call.name}`),
          `  proposed by ${p.proposer ?? (flags.lookback ? `unknown (no Triumvirate.Proposed event in the last ${flags.lookback} blocks)` : 'unknown (not looked up: --lookback 0)')}`,
          `  ayes ${p.ayes.length}, nays ${p.nays.length}, threshold ${p.threshold}`,
          ...p.ayes.map((a) => `    aye ${a}`),
          ...p.nays.map((a) => `    nay ${a}`),
          `  ends at block #${p.end} (${left > 0 ? `in ${left} blocks` : 'voting period over'})`,
          `  args ${JSON.stringify(toJsonSafe(p.call.args))}`,
        )
      }
      this.log(lines.join('\n'))
      return {
        network: resolveSetting('network', flags.network).value,
        block: best.number,
        proposals: proposals.map((p) => ({
          hash: p.hash,
          index: p.index,
          proposer: p.proposer,
          call: `${p.call.pallet}.${p.call.name}`,
          args: toJsonSafe(p.call.args),
          callData: p.callData,
          threshold: p.threshold,
          ayes: p.ayes,
          nays: p.nays,
          end: p.end,
        })),
      }
    } finally {
      chain.close()
    }
  }
}
