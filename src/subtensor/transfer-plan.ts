import { badInput, failed } from '../core/errors.js'
import { formatTao } from '../core/amount.js'

/** What the sender's account holds, as the Balances pallet reports it (rao). */
export interface SenderBalance {
  free: bigint
  frozen: bigint
  existentialDeposit: bigint
}

export type TransferRequest = { amount: bigint; allowDeath: boolean } | { all: true; allowDeath: boolean }

/** The Balances call to make and what it will move. */
export type TransferPlan =
  | { call: 'transfer_keep_alive' | 'transfer_allow_death'; value: bigint; sends: bigint; remains: bigint }
  | { call: 'transfer_all'; keepAlive: boolean; sends: bigint; remains: bigint }

const tao = (rao: bigint) => `${formatTao(rao)} TAO`

/**
 * Decide the call and refuse, before anything is signed, a transfer the chain would reject or that would
 * remove the account without --allow-death. `fee` is the estimated fee of the transfer itself.
 */
export function planTransfer(req: TransferRequest, balance: SenderBalance, fee: bigint): TransferPlan {
  const { free, frozen, existentialDeposit: ed } = balance
  // Funds that must stay: frozen funds always; the existential deposit too when the account must live.
  const keep = (allowDeath: boolean) => (allowDeath ? frozen : frozen > ed ? frozen : ed)
  if ('all' in req) {
    const sends = free - fee - keep(req.allowDeath)
    if (sends <= 0n) throw failed(`nothing to send: the balance is ${tao(free)}, the fee about ${tao(fee)}`, 'INSUFFICIENT_BALANCE')
    return { call: 'transfer_all', keepAlive: !req.allowDeath, sends, remains: free - fee - sends }
  }
  const needed = req.amount + fee
  const spendable = free - frozen
  if (needed > spendable)
    throw failed(
      `insufficient balance: sending ${tao(req.amount)} plus a fee of about ${tao(fee)} needs ${tao(needed)}, but ${tao(spendable > 0n ? spendable : 0n)} is spendable`,
      'INSUFFICIENT_BALANCE',
    )
  const remains = free - needed
  if (!req.allowDeath && remains < keep(false)) {
    const max = free - fee - keep(false)
    throw badInput(
      `this would leave ${tao(remains)}, below the existential deposit of ${tao(ed)}, and remove the account; ` +
        `send at most ${tao(max > 0n ? max : 0n)}, or pass --allow-death`,
      'WOULD_REAP_ACCOUNT',
    )
  }
  return { call: req.allowDeath ? 'transfer_allow_death' : 'transfer_keep_alive', value: req.amount, sends: req.amount, remains }
}
