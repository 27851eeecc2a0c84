import { Flags } from '@oclif/core'
import { badInput } from '../../core/errors.js'
import { parseAmount, parseTolerance } from '../parse.js'

/** Flags shared by the stake commands (btcli's names as aliases), and their parsing before connecting. */

export const amountFlags = (unit: 'TAO' | 'alpha', all: string) => ({
  amount: Flags.string({ char: 'a', description: `Amount in ${unit} (up to 9 decimals).`, exactlyOne: ['amount', 'all'] }),
  all: Flags.boolean({ description: all, aliases: ['all-tokens', 'stake-all', 'swap-all'], exactlyOne: ['amount', 'all'] }),
})

export const DEFAULT_TOLERANCE = '0.005'

const toleranceFlag = Flags.string({
  description:
    `Price tolerance: a fraction (0.005) or a percentage (0.5%) [default ${DEFAULT_TOLERANCE}]. Sent as the limit of the runtime's limit call; ` +
    'where the chain enforces no price, the quoted slippage is checked against it before signing.',
  aliases: ['rate-tolerance'],
  helpGroup: 'PRICE',
})

export const safetyFlags = {
  tolerance: toleranceFlag,
  'allow-partial': Flags.boolean({
    description: 'Let the runtime fill only the part of the trade that stays within the tolerance.',
    aliases: ['allow-partial-stake', 'partial'],
    helpGroup: 'PRICE',
  }),
  unsafe: Flags.boolean({
    description: 'Send the plain call without a limit price, even where the runtime has one, and skip the tolerance check.',
    aliases: ['no-safe-staking'],
    exclusive: ['tolerance', 'allow-partial'],
    helpGroup: 'PRICE',
  }),
}

/** For trades whose call takes no limit price on any runtime (move_stake, transfer_stake): the tolerance is checked before signing. */
export const checkedPriceFlags = {
  tolerance: toleranceFlag,
  unsafe: Flags.boolean({
    description: 'Skip the tolerance check (the call takes no limit price: nothing protects the price).',
    exclusive: ['tolerance'],
    helpGroup: 'PRICE',
  }),
}

export interface SafetyFlagValues {
  tolerance?: string
  'allow-partial'?: boolean
  unsafe?: boolean
}

/** Price protection as the planners take it; a bad tolerance exits 2 here, before connecting. */
export async function guardOptions(flags: SafetyFlagValues) {
  return {
    tolerancePpb: parseTolerance(flags.tolerance ?? DEFAULT_TOLERANCE),
    allowPartial: flags['allow-partial'] ?? false,
    unsafe: flags.unsafe ?? false,
    explicit: flags.tolerance !== undefined || flags['allow-partial'] === true,
  }
}

/** An amount of TAO or alpha (both have 9 decimals), or undefined for --all. */
export function amountOf(flags: { amount?: string }, unit: 'TAO' | 'alpha'): bigint | undefined {
  return flags.amount === undefined ? undefined : parseAmount(flags.amount, '--amount', { unit })
}

/** Refuse, before connecting, a command that would do nothing. */
export function requireSome(given: Record<string, string>, what: string): void {
  if (Object.keys(given).length === 0) throw badInput(`give at least one ${what} flag`, 'NOTHING_TO_SET')
}
