import { Flags } from '@oclif/core'
import { runWeights } from '../../cli/weights-run.js'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { weightsFlags } from '../../cli/flags/weights.js'

export default class WeightsCommit extends TaoCommand {
  static summary = "Commit the hash of the hotkey's weights on a subnet with commit-reveal on, to reveal later."
  static description =
    'Signed by the hotkey (-H). The commit hash is blake2-256 of (hotkey, netuid, uids, values, salt, version key) with a ' +
    'random salt; uids, values, salt and version key are kept in a 0600 file under the state folder ($TAO_STATE_DIR, else ' +
    '~/.local/state/taocli/weights/) until `tao weights reveal` reveals them. The weights are checked as `tao weights set` ' +
    'checks them; the result says when the reveal window opens. --netuids commits several subnets in ONE batch_commit_weights ' +
    '(where the runtime has it). --json: as `tao weights set` (mode commit or timelock).'
  static examples = [
    '<%= config.bin %> weights commit -w owner -H validator --netuid 2 --uids 0,1,2 --weights 0.5,0.3,0.2',
    '<%= config.bin %> weights commit -w owner -H validator --netuid 2 --uids 0,1 --weights 1,1 -y --json',
  ]
  static flags = {
    ...signingFlags,
    ...weightsFlags,
    timelock: Flags.boolean({
      description:
        'Commit with drand timelock encryption (commit_timelocked_weights, or commit_crv3_weights on runtimes before it) instead of a hash: nothing to reveal, the chain decrypts the weights itself when the drand round is out. Needs a runtime that has one of the calls.',
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WeightsCommit)
    return runWeights(this, flags, 'commit')
  }
}
