import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { runTx } from '../../cli/signing.js'

export default class WalletSwapColdkey extends TaoCommand {
  static summary = "Hand the coldkey's balance, stake, hotkeys and subnets to a new coldkey, through the runtime's delayed swap."
  static description =
    'Signed by the coldkey (-w). Uses the flow the runtime has: where it has announcements, the first run announces the swap ' +
    "(announce_coldkey_swap with the new coldkey's hash; the swap cost is charged then) and says from which block it can run; " +
    'the same command run again from that block executes it (swap_coldkey_announced). On runtimes with schedule_swap_coldkey ' +
    '(spec 218) the swap is scheduled and the runtime runs it itself at the block shown (KeySwapCost charged then; transfers ' +
    'from the coldkey are refused until then). --new-coldkey is an SS58 address or the name of another local wallet. Without ' +
    "-y the new coldkey's last 6 characters must be typed to confirm. Refused before signing (exit 1): a new coldkey that already " +
    'stakes or is a hotkey, a swap already scheduled, too early, or disputed. --json adds coldkey, newColdkey, flow (announce or ' +
    'schedule), step (announce, schedule or swap), cost, and executesAt (the block the swap runs at or can run from; for ' +
    "schedule the runtime's own, from its event once landed; null for swap: it runs in this transaction)."
  static examples = [
    '<%= config.bin %> wallet swap-coldkey -w retiring --new-coldkey 5F… -y',
    '<%= config.bin %> wallet swap-coldkey -w retiring --new-coldkey 5F… -y --json',
  ]
  static flags = {
    ...signingFlags,
    'new-coldkey': Flags.string({
      description: 'The new coldkey: an SS58 address, or the name of a local wallet (its coldkeypub.txt).',
      required: true,
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletSwapColdkey)
    const target = await newColdkey(flags)
    const { planSwapColdkey, swapColdkeyLine } = await import('../../subtensor/coldkey-swap.js')
    const report = await runTx(this, flags, 'coldkey', (ctx) => planSwapColdkey(ctx, target))
    const line = swapColdkeyLine(report)
    if (line) this.log(line)
    return report
  }
}

/** --new-coldkey as an address, or a local wallet's coldkey address (checked before connecting: exit 2). */
async function newColdkey(flags: { 'new-coldkey': string; 'wallet-path'?: string }): Promise<{ newColdkey: string; label: string }> {
  const text = flags['new-coldkey'].trim()
  const { decodeAddress, parseAddress } = await import('../../core/ss58.js')
  if (decodeAddress(text).ok) {
    parseAddress(text, undefined, '--new-coldkey')
    return { newColdkey: text, label: text }
  }
  const { resolveWallet } = await import('../../wallet/selection.js')
  const { readPublicKey } = await import('../../wallet/store.js')
  const { validateName } = await import('../../wallet/names.js')
  const name = validateName(text, '--new-coldkey (an address or a wallet name)')
  const pub = await readPublicKey({ root: resolveWallet(flags).path, name }, { kind: 'coldkey' })
  return { newColdkey: pub.ss58, label: `wallet "${name}" (${pub.ss58})` }
}
