import { Flags } from '@oclif/core'
import { amountJson, displayTao, parseTao } from '../../chain/amount.js'
import { planTransfer } from '../../chain/transfer-plan.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags, passwordFlags, resolveWallet, walletFlags } from '../../cli/flags.js'
import { unlockPassword } from '../../cli/password.js'
import { confirmCall, connectChain, sendOptions, txFlags, txOutcome } from '../../cli/tx.js'
import { signerOf } from '../../cli/signer.js'
import { encodeAddress, parseAddress } from '../../keystore/ss58.js'
import { roleLabel, unlockKey } from '../../wallet/store.js'

export default class WalletTransfer extends TaoCommand {
  static summary = 'Send TAO from the coldkey to an address.'
  static description =
    'Uses Balances.transfer_keep_alive (the sender stays above the existential deposit); --allow-death uses transfer_allow_death, ' +
    '--all transfer_all. Amount, destination and balance are checked before anything is signed; the fee is shown and confirmed.'
  static examples = [
    '<%= config.bin %> wallet transfer -w owner --dest 5F… --amount 1.5',
    'TAO_PASSWORD=… <%= config.bin %> wallet transfer -w owner --dest 5F… --all -y --json',
    '<%= config.bin %> wallet transfer -w owner --dest 5F… --amount 2 --dry-run > tx.hex   # then: tao tx submit "$(cat tx.hex)"',
  ]
  static flags = {
    ...walletFlags,
    ...networkFlags,
    ...passwordFlags,
    ...txFlags,
    dest: Flags.string({ char: 'd', aliases: ['destination'], description: 'Destination address (SS58).', required: true }),
    amount: Flags.string({ char: 'a', description: 'Amount in TAO (up to 9 decimals).', exactlyOne: ['amount', 'all'] }),
    all: Flags.boolean({ description: 'Send the whole transferable balance.', exactlyOne: ['amount', 'all'] }),
    'allow-death': Flags.boolean({ description: 'Allow the sender account to fall below the existential deposit and be removed.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletTransfer)
    // Everything a person can mistype is checked before connecting or unlocking.
    parseAddress(flags.dest)
    const amount = flags.amount === undefined ? undefined : parseTao(flags.amount, '--amount')
    const options = sendOptions(flags)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = { kind: 'coldkey' as const }

    const chain = await connectChain(flags.network)
    try {
      const keypair = await unlockKey(w, role, () => unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts }, roleLabel(w, role)))
      const signer = signerOf(keypair)
      const from = encodeAddress(keypair.publicKey)
      const dest = { type: 'Id', value: flags.dest }
      const request = amount === undefined ? { all: true as const, allowDeath: flags['allow-death'] } : { amount, allowDeath: flags['allow-death'] }
      // The fee of the call that will be sent; a transfer's fee does not depend on the amount.
      const feeProbe = chain.call('Balances', 'transfer_keep_alive', { dest, value: amount ?? 1n })
      const [account, fee] = await Promise.all([chain.account(from), chain.estimateFee(feeProbe, signer, options)])
      const plan = planTransfer(request, { free: account.free, frozen: account.frozen, existentialDeposit: chain.existentialDeposit() }, fee + (options.tip ?? 0n))
      const call =
        plan.call === 'transfer_all'
          ? chain.call('Balances', 'transfer_all', { dest, keep_alive: plan.keepAlive })
          : chain.call('Balances', plan.call, { dest, value: plan.value })
      // The probe was this very call (same pallet, same size) unless the plan switched calls.
      const knownFee = plan.call === 'transfer_keep_alive' ? fee : undefined

      await confirmCall(this.prompts, `Balances.${plan.call}: ${displayTao(plan.sends)} from ${from} to ${flags.dest}`, fee, options.dryRun ?? false)
      const result = await chain.send(call, signer, { ...options, knownFee })
      const context = { from, to: flags.dest, call: `Balances.${plan.call}`, amount: amountJson(plan.sends), estimatedFee: amountJson(fee) }
      return await txOutcome(result, context, (line) => this.log(line))
    } finally {
      chain.close()
    }
  }
}
