import { Flags } from '@oclif/core'
import { txRunner } from '../../cli/signing.js'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { integerFlag } from '../../cli/flags/integer.js'

export default class WeightsReveal extends TaoCommand {
  static summary = "Reveal the hotkey's pending weight commits on a subnet."
  static description =
    'Reveals every commit recorded by `tao weights commit` (or `weights set` on a commit-reveal subnet) for this hotkey and ' +
    'subnet whose reveal window is open, oldest first, in one transaction, then forgets them. Too early: exit 1 naming the ' +
    'block where the window opens, or wait for it with --wait (at most --timeout seconds). Commits past their window are ' +
    'forgotten with a warning: the chain no longer accepts them. --json adds netuid, hotkey, revealed [{commitHash, uids, values, ' +
    'weights, versionKey}] and forgotten [{commitHash, reason}]; when too early, the error carries block and opensAt.'
  static examples = [
    '<%= config.bin %> weights reveal -w owner -H validator --netuid 2',
    '<%= config.bin %> weights reveal -w owner -H validator --netuid 2 --wait -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag('Subnet.'),
    wait: Flags.boolean({ description: 'Wait for the reveal window to open instead of failing.' }),
    // A window can open up to one mainnet epoch (361 blocks × 12 s ≈ 72 min) after the commit.
    timeout: integerFlag({ description: 'With --wait: give up after this many seconds.', default: 4500, min: 1 }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WeightsReveal)
    const { revealWeights } = await import('../../subtensor/weights/reveal.js')
    return revealWeights(txRunner(this, flags), { netuid: flags.netuid, waitMs: flags.wait ? flags.timeout * 1000 : undefined })
  }
}
