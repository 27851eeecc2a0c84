import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { resolveWallet } from '../../wallet/selection.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseHash } from '../../cli/parse.js'

export default class GovernanceVote extends TaoCommand {
  static summary = 'Vote aye or nay on a governance proposal as a senate member.'
  static description =
    'Sends SubtensorModule.vote(hotkey, proposal, index, approve). The runtime takes it from the coldkey that owns the senate ' +
    "hotkey: the wallet's coldkey signs, and its hotkey (-H) is the senate member. Before signing, the proposal must be open, " +
    "the hotkey in the senate and owned by the coldkey, and the vote not the one already cast (else exit 2). A member's first vote " +
    'on a proposal is free (the fee is refunded). Runtimes without on-chain senate governance (newer than spec 218) say so and exit 2.'
  static examples = [
    '<%= config.bin %> governance vote -w senator -H senate --proposal 0x5a… --aye',
    'TAO_PASSWORD=… <%= config.bin %> governance vote -w senator -H senate --proposal 0x5a… --nay -y --json',
  ]
  static flags = {
    ...signingFlags,
    proposal: Flags.string({ description: 'The proposal hash (see `tao governance proposals`).', required: true }),
    aye: Flags.boolean({ description: 'Vote for the proposal.', exactlyOne: ['aye', 'nay'] }),
    nay: Flags.boolean({ description: 'Vote against the proposal.', exactlyOne: ['aye', 'nay'] }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(GovernanceVote)
    const { readPublicKey } = await import('../../wallet/store.js')
    const { planVote, requireGovernance } = await import('../../subtensor/governance.js')
    const { headBlocks } = await import('../../node/read-at.js')
    const proposal = parseHash(flags.proposal, '--proposal')
    const approve = flags.aye === true
    const sel = resolveWallet(flags)
    const hotkey = (await readPublicKey({ root: sel.path, name: sel.name }, { kind: 'hotkey', name: sel.hotkey })).ss58
    const vote = approve ? 'aye' : 'nay'

    return runTx(this, flags, 'coldkey', async ({ chain, signer }) => {
      requireGovernance(chain.metadata, 'vote')
      const { best } = await headBlocks(chain)
      const plan = await planVote(chain, best.hash, { coldkey: signer, hotkey, proposal, approve })
      const { votes } = plan
      return {
        call: chain.call('SubtensorModule', 'vote', { hotkey, proposal, index: plan.index, approve }),
        summary: `vote ${vote} on proposal #${plan.index} ${proposal}${plan.call ? ` (${plan.call})` : ''} as senate hotkey ${hotkey}`,
        preview: [
          `votes so far: ${votes.ayes.length} aye, ${votes.nays.length} nay; threshold ${votes.threshold}`,
          ...(votes.end <= best.number ? [`its voting period ended at block #${votes.end}`] : [`voting ends at block #${votes.end}`]),
        ],
        context: { proposal, proposalIndex: plan.index, hotkey, vote },
        fromEvents: (events) => {
          const voted = events.find((e) => e.pallet === 'Triumvirate' && e.name === 'Voted')?.data as
            { yes?: number; no?: number } | undefined
          return voted?.yes === undefined ? { ayes: null, nays: null } : { ayes: Number(voted.yes), nays: Number(voted.no) }
        },
        describe: (report) =>
          report.ayes === null || report.ayes === undefined ? undefined : `votes now: ${report.ayes} aye, ${report.nays} nay`,
      }
    })
  }
}
