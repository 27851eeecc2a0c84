import { Flags } from '@oclif/core'
import { TaoCommand } from '../../../cli/base-command.js'
import { hotkeySs58Flag } from '../../../cli/flags/wallet.js'
import { netuidFlag } from '../../../cli/flags/netuid.js'
import { targetHotkey } from '../../../wallet/selection.js'
import { runTx } from '../../../cli/signing.js'
import { signingFlags } from '../../../cli/flags/tx.js'
import { listOf, parseFraction, parseSs58 } from '../../../cli/parse.js'

export default class StakeChildSet extends TaoCommand {
  static summary = 'Set the child hotkeys of a hotkey on a subnet, with the proportion of stake weight each gets.'
  static description =
    'Signed by the coldkey that owns the hotkey (-H or --hotkey-ss58). Replaces the current children. Proportions are decimals ' +
    'in [0, 1] adding up to at most 1, converted exactly to the runtime’s u64 (⌊p × (2^64−1)⌋); at most 5 children, none twice, ' +
    'not the hotkey itself — checked before signing. Newer runtimes apply the change after a cooldown ("scheduled" in --json).'
  static examples = [
    '<%= config.bin %> stake child set -w owner -H validator --netuid 2 --children 5F…,5G… --proportions 0.5,0.25',
    '<%= config.bin %> stake child set -w owner -H validator --netuid 2 --children 5F… --proportions 1 -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    'hotkey-ss58': hotkeySs58Flag,
    children: Flags.string({
      char: 'c',
      description: 'Child hotkey addresses (SS58), comma-separated or repeated.',
      multiple: true,
      required: true,
      aliases: ['child'],
    }),
    proportions: Flags.string({
      description: 'One proportion per child (0.25 or 25%), comma-separated or repeated.',
      multiple: true,
      required: true,
      aliases: ['prop', 'proportion'],
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeChildSet)
    const hotkey = await targetHotkey(flags)
    const { childrenOf } = await import('../../../subtensor/stake/children.js')
    const addresses = await Promise.all(listOf(flags.children, '--children').map((c) => parseSs58(c, '--child')))
    const proportions = listOf(flags.proportions, '--proportions').map((p, i) =>
      parseFraction(p, `proportion of ${addresses[i] ?? `entry ${i + 1}`}`),
    )
    const children = childrenOf(hotkey.ss58, addresses, proportions)
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planSetChildren } = await import('../../../subtensor/stake/children.js')
      return planSetChildren(ctx, { hotkey, netuid: flags.netuid, children })
    })
  }
}
