import { Flags } from '@oclif/core'
import { amountJson, displayTao } from '../../core/amount.js'
import { planTransfer } from '../../subtensor/transfer-plan.js'
import { TaoCommand } from '../../cli/base-command.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount, parseSs58 } from '../../cli/parse.js'

export default class WalletTransfer extends TaoCommand {
  static summary = 'Send TAO from the coldkey to an address.'
  static description =
    'Uses Balances.transfer_keep_alive (the sender stays above the existential deposit); --allow-death uses transfer_allow_death, ' +
    '--all transfer_all. Amount, destination and balance are checked before anything is signed; the fee is shown and confirmed. ' +
    'The result reports the amount the chain moved (its Transfer event) and the fee it charged.'
  static examples = [
    '<%= config.bin %> wallet transfer -w owner --dest 5F… --amount 1.5',
    'TAO_PASSWORD=… <%= config.bin %> wallet transfer -w owner --dest 5F… --all -y --json',
    '<%= config.bin %> wallet transfer -w owner --dest 5F… --amount 2 --dry-run > tx.hex   # then: tao tx submit --file tx.hex',
    '<%= config.bin %> wallet transfer -w owner --dest 5F… --amount 1 --offline ctx.json --era 2048 > tx.hex   # no node: from `tao tx offline-context`',
  ]
  static flags = {
    ...signingFlags,
    dest: Flags.string({ char: 'd', aliases: ['destination'], description: 'Destination address (SS58).', required: true }),
    amount: Flags.string({ char: 'a', description: 'Amount in TAO (up to 9 decimals).', exactlyOne: ['amount', 'all'] }),
    all: Flags.boolean({ description: 'Send the whole transferable balance.', exactlyOne: ['amount', 'all'] }),
    'allow-death': Flags.boolean({ description: 'Allow the sender account to fall below the existential deposit and be removed.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletTransfer)
    // Everything a person can mistype is checked before connecting or unlocking.
    const to = await parseSs58(flags.dest)
    const amount = flags.amount === undefined ? undefined : parseAmount(flags.amount, '--amount')
    const allowDeath = flags['allow-death']
    const dest = { type: 'Id', value: to }

    return runTx(this, flags, 'coldkey', async ({ chain, actor, options, estimateFee }) => {
      // The account that pays: the signer's own, or the real account / multisig it acts for.
      const account = await chain.account(actor)
      const balance = { free: account.free, frozen: account.frozen, existentialDeposit: chain.existentialDeposit() }
      const tip = options.tip ?? 0n
      // The fee of the very call that is sent: transfer_all for --all; for an amount, the call it plans (the
      // fee does not depend on the amount, and keep-alive and allow-death are the same size).
      const call =
        amount === undefined
          ? chain.call('Balances', 'transfer_all', { dest, keep_alive: !allowDeath })
          : chain.call('Balances', allowDeath ? 'transfer_allow_death' : 'transfer_keep_alive', { dest, value: amount })
      const fee = await estimateFee(call)
      const plan = planTransfer(amount === undefined ? { all: true, allowDeath } : { amount, allowDeath }, balance, fee + tip)
      return {
        call,
        fee,
        summary: `${amount === undefined ? 'about ' : ''}${displayTao(plan.sends)} from ${actor} to ${to}`,
        context: { from: actor, to, amount: amountJson(plan.sends) },
        // What the chain moved, from its Transfer event (for --all the estimate can differ from what went).
        fromEvents: (events) => {
          const moved = events.find((e) => e.pallet === 'Balances' && e.name === 'Transfer')?.data as { amount?: bigint } | undefined
          return moved?.amount === undefined ? {} : { amount: amountJson(BigInt(moved.amount)) }
        },
      }
    })
  }
}
