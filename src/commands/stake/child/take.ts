import { Flags } from '@oclif/core'
import { TaoCommand } from '../../../cli/base-command.js'
import { hotkeySs58Flag } from '../../../cli/flags/wallet.js'
import { netuidFlag } from '../../../cli/flags/netuid.js'
import { targetHotkey } from '../../../wallet/selection.js'
import { connectChain } from '../../../cli/connect.js'
import { runTx } from '../../../cli/signing.js'
import { signingFlags } from '../../../cli/flags/tx.js'
import { resolveSetting } from '../../../config/settings.js'
import { parseFraction } from '../../../cli/parse.js'
import { u16Fraction } from '../../../core/numbers.js'

export default class StakeChildTake extends TaoCommand {
  static summary = 'Show, or with --take set, a hotkey’s childkey take on a subnet.'
  static description =
    'The take is the share a child hotkey keeps of what it earns for its parents: a decimal (0.09 = 9%), stored as ⌊t × 65535⌋, ' +
    'within the chain’s MinChildkeyTake..MaxChildkeyTake (checked before signing). Setting it is signed by the coldkey that owns the hotkey.'
  static examples = [
    '<%= config.bin %> stake child take -w owner -H validator --netuid 2',
    '<%= config.bin %> stake child take -w owner -H validator --netuid 2 --take 0.09 -y --json',
  ]
  static flags = {
    ...signingFlags,
    netuid: netuidFlag(),
    'hotkey-ss58': hotkeySs58Flag,
    take: Flags.string({ description: 'New take: a fraction like 0.09 or a percentage like 9%.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeChildTake)
    const hotkey = await targetHotkey(flags)
    const { takeToU16 } = await import('../../../subtensor/stake/children.js')
    if (flags.take === undefined) {
      const chain = await connectChain(flags)
      try {
        const { requireSubnet } = await import('../../../subtensor/stake/pool-reader.js')
        await requireSubnet(chain, flags.netuid)
        const take = u16Fraction(Number(await chain.storage('SubtensorModule', 'ChildkeyTake', hotkey.ss58, flags.netuid)))
        this.log(`childkey take of ${hotkey.label} on subnet ${flags.netuid}: ${(take * 100).toFixed(2)}%`)
        return { network: resolveSetting('network', flags.network).value, hotkey: hotkey.ss58, netuid: flags.netuid, take }
      } finally {
        chain.close()
      }
    }
    const take = takeToU16(parseFraction(flags.take, '--take'))
    return runTx(this, flags, 'coldkey', async (ctx) => {
      const { planChildTake } = await import('../../../subtensor/stake/children.js')
      return planChildTake(ctx, { hotkey, netuid: flags.netuid, take })
    })
  }
}
