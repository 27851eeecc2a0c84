import { TaoCommand } from '../../../cli/base-command.js'
import { networkFlags } from '../../../cli/flags/network.js'
import { walletFlags } from '../../../cli/flags/wallet.js'
import { hotkeySs58Flag } from '../../../cli/flags/wallet.js'
import { netuidFlag } from '../../../cli/flags/netuid.js'
import { targetHotkey } from '../../../wallet/selection.js'
import { connectChain } from '../../../cli/connect.js'
import { resolveSetting } from '../../../config/settings.js'

export default class StakeChildGet extends TaoCommand {
  static summary = 'Show a hotkey’s child hotkeys, parents and childkey take on a subnet.'
  static description =
    'Proportions are fractions of the parent’s stake weight (the runtime stores them as u64 of 2^64−1; "proportionRaw" in --json); ' +
    'the take is a fraction (u16 of 65535). On runtimes that schedule changes, "pending" shows children waiting to apply.'
  static examples = [
    '<%= config.bin %> stake child get -w owner -H validator --netuid 2',
    '<%= config.bin %> stake child get --hotkey-ss58 5F… --netuid 2 --json',
  ]
  static flags = { ...walletFlags, ...networkFlags, netuid: netuidFlag(), 'hotkey-ss58': hotkeySs58Flag }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(StakeChildGet)
    const hotkey = await targetHotkey(flags)
    const chain = await connectChain(flags)
    try {
      const [{ readChildren }, { requireSubnet }] = await Promise.all([
        import('../../../subtensor/stake/children.js'),
        import('../../../subtensor/stake/pool-reader.js'),
      ])
      await requireSubnet(chain, flags.netuid)
      const r = await readChildren(chain, hotkey.ss58, flags.netuid)
      const pct = (p: number) => `${(p * 100).toFixed(4)}%`
      this.log(`${hotkey.label} on subnet ${flags.netuid}: childkey take ${pct(r.take)}`)
      this.log(r.children.length ? r.children.map((c) => `  child ${c.child}  ${pct(c.proportion)}`).join('\n') : '  no children')
      if (r.pending)
        this.log(
          `  pending from block ${r.pending.applyAtBlock}: ${r.pending.children.map((c) => `${c.child} ${pct(c.proportion)}`).join(', ') || 'none'}`,
        )
      if (r.parents.length) this.log(r.parents.map((p) => `  parent ${p.parent}  ${pct(p.proportion)}`).join('\n'))
      return { network: resolveSetting('network', flags.network).value, ...r }
    } finally {
      chain.close()
    }
  }
}
