import { Flags } from '@oclif/core'
import { amountJson, displayTao, parseTao } from '../../core/amount.js'
import { planTransfer } from '../../subtensor/transfer-plan.js'
import { TaoCommand } from '../../cli/base-command.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAddress } from '../../core/ss58.js'

const sameKey = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

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
    const destKey = parseAddress(flags.dest)
    const amount = flags.amount === undefined ? undefined : parseTao(flags.amount, '--amount')
    const allowDeath = flags['allow-death']
    const dest = { type: 'Id', value: flags.dest }

    return runTx(this, flags, 'coldkey', async ({ chain, signer, options, estimateFee }) => {
      const account = await chain.account(signer)
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
      // Said in the preview, which the prompt follows and -y still prints: the TAO would not move, the fee is spent.
      const toSelf = sameKey(destKey, parseAddress(signer))
      return {
        call,
        fee,
        summary: `${amount === undefined ? 'about ' : ''}${displayTao(plan.sends)} from ${signer} to ${flags.dest}`,
        preview: toSelf ? [`warning: ${flags.dest.trim()} is the sending coldkey itself: nothing moves, and the fee is paid for it`] : [],
        context: { from: signer, to: flags.dest, amount: amountJson(plan.sends) },
        // What the chain moved, from its Transfer event (for --all the estimate can differ from what went).
        fromEvents: (events) => {
          const moved = events.find((e) => e.pallet === 'Balances' && e.name === 'Transfer')?.data as { amount?: bigint } | undefined
          return moved?.amount === undefined ? {} : { amount: amountJson(BigInt(moved.amount)) }
        },
      }
    })
  }
}
