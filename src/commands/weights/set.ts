import { Flags } from '@oclif/core'
import { runWeights } from '../../cli/weights-run.js'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { weightsFlags } from '../../cli/flags/weights.js'

export default class WeightsSet extends TaoCommand {
  static summary = "Set the hotkey's weights on a subnet (or commit them where the subnet has commit-reveal on)."
  static description =
    'Signed by the hotkey (-H). Weights are scaled as btcli does (divided by the largest, times 65535, rounded; uids whose ' +
    "weight rounds to 0 are left out) and checked against the subnet's rules before signing: the uids exist, at least " +
    'MinAllowedWeights of them, none above MaxWeightsLimit, a version key not below WeightsVersionKey. On a subnet with ' +
    'commit-reveal on, the weights are committed instead: drand-timelocked where the runtime has commit_timelocked_weights ' +
    'or commit_crv3_weights (the chain reveals them itself, as the bittensor SDK does), else (or with --no-timelock) as a ' +
    'hash to reveal with `tao weights reveal`. --netuids sends several subnets in ONE batch_set_weights (commit-reveal off ' +
    'on all) or batch_commit_weights (on for all: hash commits, there is no batch timelocked call); each subnet succeeds or ' +
    'fails on its own and a failed one is exit 1 with the report; a runtime without the batch calls (spec 218) is exit 2. ' +
    'A refusal by the chain (e.g. SettingWeightsTooFast) is shown by name, exit 1. ' +
    '--json adds to the transaction report: mode (set, commit or timelock), netuid, hotkey, uid, uids, values (the u16 sent), ' +
    'weights (values / 65535), versionKey; for a commit commitHash, reveal {firstBlock, lastBlock, epoch} and pendingFile; ' +
    'for a timelocked commit revealRound and expectedRevealBlock (and commitHash, the blake2-256 of the bytes, with ' +
    'commit_crv3_weights). With --netuids: mode, hotkey, netuids and legs [{netuid, uid, uids, values, weights, versionKey, ' +
    '[commitHash, pendingFile,] ok, error}].'
  static examples = [
    '<%= config.bin %> weights set -w owner -H validator --netuid 2 --uids 0,1,2 --weights 0.5,0.3,0.2',
    '<%= config.bin %> weights set -w owner -H validator --netuid 2 --uids 0,1 --weights 1,1 -y --json',
    '<%= config.bin %> weights set -w owner -H validator --netuids 2,3 --uids "0,1;0,2" --weights "1,1;3,1"',
  ]
  static flags = {
    ...signingFlags,
    ...weightsFlags,
    timelock: Flags.boolean({
      allowNo: true,
      description:
        'Where commit-reveal is on: commit the weights drand-timelocked (commit_timelocked_weights, or commit_crv3_weights on runtimes before it), so the chain reveals them itself; the default where the runtime has either call. --no-timelock commits a hash to reveal with `tao weights reveal`.',
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WeightsSet)
    return runWeights(this, flags, 'set')
  }
}
