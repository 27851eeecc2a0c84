import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { optionalNetuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { hotkeySs58Flag } from '../../cli/flags/wallet.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'

export default class WalletSwapHotkey extends TaoCommand {
  static summary = 'Swap a hotkey for a new one: its registrations, stake and axons move to the new hotkey (swap_hotkey).'
  static description =
    'Signed by the coldkey that owns the old hotkey (-H, or --hotkey-ss58). --new-hotkey is a hotkey of the wallet (by name) ' +
    "or an address. The cost (the runtime's KeySwapCost, burned; KeySwapOnSubnetCost with --netuid) is shown first. " +
    "--netuid swaps on one subnet only, where the runtime's swap_hotkey takes a netuid (else exit 2). Refused before signing " +
    '(exit 1, nothing signed): an old hotkey the coldkey does not own on chain, a new hotkey already registered, the ' +
    "coldkey's transaction rate limit, a balance below the cost and fee. --json adds coldkey, oldHotkey, newHotkey, netuid, " +
    'subnets (where the old hotkey is registered), cost, and once landed costPaid, newHotkeyOwner and uids [{netuid, uid}] ' +
    "(the new hotkey's, as the chain stored them)."
  static examples = [
    '<%= config.bin %> wallet swap-hotkey -w owner -H old --new-hotkey fresh',
    '<%= config.bin %> wallet swap-hotkey -w owner -H old --new-hotkey fresh -y --json',
  ]
  static flags = {
    ...signingFlags,
    'hotkey-ss58': hotkeySs58Flag,
    'new-hotkey': Flags.string({ description: 'The new hotkey: a hotkey name of the wallet, or an SS58 address.', required: true }),
    netuid: optionalNetuidFlag('Swap on this subnet only (runtimes whose swap_hotkey takes a netuid).'),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletSwapHotkey)
    const { hotkeyByAddressOrName, targetHotkey } = await import('../../wallet/selection.js')
    const [old, fresh] = [await targetHotkey(flags), await hotkeyByAddressOrName(flags, flags['new-hotkey'], '--new-hotkey')]
    if (old.ss58 === fresh.ss58) throw badInput(`--new-hotkey is the hotkey being swapped (${old.ss58})`, 'SAME_HOTKEY')
    const { planSwapHotkey, swapHotkeyLines } = await import('../../subtensor/key-swap.js')
    const report = await runTx(this, flags, 'coldkey', (ctx) => planSwapHotkey(ctx, { old, new: fresh, netuid: flags.netuid }))
    for (const line of swapHotkeyLines(report)) this.log(line)
    return report
  }
}
