import { Flags } from '@oclif/core'
import { txRunner } from '../../cli/signing.js'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { readWeightsInput, weightsFlags } from '../../cli/flags/weights.js'

export default class WeightsSet extends TaoCommand {
  static summary = "Set the hotkey's weights on a subnet (or commit them where the subnet has commit-reveal on)."
  static description =
    'Signed by the hotkey (-H). Weights are scaled as btcli does (divided by the largest, times 65535, rounded; uids whose ' +
    "weight rounds to 0 are left out) and checked against the subnet's rules before signing: the uids exist, at least " +
    'MinAllowedWeights of them, none above MaxWeightsLimit, a version key not below WeightsVersionKey. On a subnet with ' +
    'commit-reveal on, the weights are committed instead (as `tao weights commit`) and the reveal window is shown; reveal ' +
    'them with `tao weights reveal`. A refusal by the chain (e.g. SettingWeightsTooFast) is shown by name, exit 1. ' +
    '--json adds to the transaction report: mode (set, commit or timelock), netuid, hotkey, uid, uids, values (the u16 sent), ' +
    'weights (values / 65535), versionKey; for a commit commitHash, reveal {firstBlock, lastBlock, epoch} and pendingFile; ' +
    'for a timelocked commit revealRound and expectedRevealBlock.'
  static examples = [
    '<%= config.bin %> weights set -w owner -H validator --netuid 2 --uids 0,1,2 --weights 0.5,0.3,0.2',
    '<%= config.bin %> weights set -w owner -H validator --netuid 2 --uids 0,1 --weights 1,1 -y --json',
  ]
  static flags = {
    ...signingFlags,
    ...weightsFlags,
    timelock: Flags.boolean({
      description:
        'Where commit-reveal is on: commit with drand timelock encryption (commit_timelocked_weights) instead of a hash; the chain reveals the weights itself. Needs a runtime that has the call.',
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WeightsSet)
    const { emit, versionKey } = readWeightsInput(flags)
    const { submitWeights } = await import('../../subtensor/weights/submit.js')
    return submitWeights(txRunner(this, flags), (line) => this.log(line), {
      netuid: flags.netuid,
      emit,
      versionKey,
      mode: 'set',
      timelock: flags.timelock,
    })
  }
}
