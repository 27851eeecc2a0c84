import { Flags } from '@oclif/core'
import { amountJson, displayTao } from '../../core/amount.js'
import { planTransfer } from '../../subtensor/transfer-plan.js'
import { TaoCommand } from '../../cli/base-command.js'
import { runTx } from '../../cli/signing.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseAmount, parseSs58 } from '../../cli/parse.js'
import { failed } from '../../core/errors.js'
import { paint } from '../../core/output.js'
import type { Chain } from '../../node/index.js'

/** When `to` is a hotkey the chain knows: who owns it and where it is registered, in words; else null. */
async function hotkeyDestination(chain: Chain, to: string): Promise<string | null> {
  const { hotkeyOwner } = await import('../../subtensor/stake/pool-reader.js')
  // Signing offline there is no chain to ask: the check is a warning's worth, not a reason to refuse.
  const owner = await hotkeyOwner(chain, to).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'NEEDS_NODE') return null
    throw err
  })
  if (!owner) return null
  const member = chain.metadata.storage('SubtensorModule', 'IsNetworkMember')
    ? (await chain.entries('SubtensorModule', 'IsNetworkMember', to)).filter((e) => e.value === true).map((e) => Number(e.keys[1]))
    : []
  return (
    `owned by coldkey ${owner}` +
    (member.length ? `, registered on subnet${member.length > 1 ? 's' : ''} ${member.sort((a, b) => a - b).join(', ')}` : '')
  )
}

export default class WalletTransfer extends TaoCommand {
  static summary = 'Send TAO from the coldkey to an address.'
  static description =
    'Uses Balances.transfer_keep_alive (the sender stays above the existential deposit); --allow-death uses transfer_allow_death, ' +
    '--all transfer_all. Amount, destination and balance are checked before anything is signed; the fee is shown and confirmed. ' +
    'The result reports the amount the chain moved (its Transfer event) and the fee it charged. A destination that is a hotkey ' +
    '(the chain knows its owner: SubtensorModule.Owner) is almost always a mistake — TAO sent there is held by the hotkey, not ' +
    'staked: the preview warns and asks for "hotkey" to be typed; with -y or --dry-run it is refused unless --allow-hotkey-dest.'
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
    'allow-hotkey-dest': Flags.boolean({
      description: 'Send even when the destination is a registered hotkey (without it, -y refuses such a transfer).',
    }),
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
      const hotkey = await hotkeyDestination(chain, to)
      const asked = hotkey && !flags['allow-hotkey-dest']
      if (asked && (this.prompts.noPrompt || options.dryRun))
        throw failed(
          `${to} is a hotkey (${hotkey}): TAO sent to it is not staked; nothing was signed. Pass --allow-hotkey-dest if this is meant`,
          'HOTKEY_DESTINATION',
        )
      // Said in the preview, which the prompt follows and -y still prints: the TAO would not move, the fee is spent.
      const toSelf = to === actor
      const preview = [
        ...(hotkey ? [paint.red(`warning: the destination is a hotkey (${hotkey}); TAO sent to it is not staked`)] : []),
        ...(toSelf ? [`warning: ${to} is the sending account itself: nothing moves, and the fee is paid for it`] : []),
      ]
      return {
        call,
        summary: `${amount === undefined ? 'about ' : ''}${displayTao(plan.sends)} from ${actor} to ${to}`,
        preview,
        ...(asked
          ? { confirmPhrase: { prompt: 'The destination is a hotkey. Type "hotkey" to send to it anyway:', answer: 'hotkey' } }
          : {}),
        context: { from: actor, to, amount: amountJson(plan.sends), destinationIsHotkey: hotkey !== null },
        // What the chain moved, from its Transfer event (for --all the estimate can differ from what went).
        fromEvents: (events) => {
          const moved = events.find((e) => e.pallet === 'Balances' && e.name === 'Transfer')?.data as { amount?: bigint } | undefined
          return moved?.amount === undefined ? {} : { amount: amountJson(BigInt(moved.amount)) }
        },
      }
    })
  }
}
