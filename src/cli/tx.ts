import { Flags } from '@oclif/core'
import { displayTao, parseTao } from '../chain/amount.js'
import { resolveSetting } from '../config/settings.js'
import { badInput } from '../errors.js'
import type { Chain, SendOptions, TxCall, TxResult } from '../rpc/index.js'
import { toJsonSafe } from '../rpc/json.js'
import { askConfirm, type PromptPolicy } from '../ui/prompt.js'
import { paint, progress } from '../ui/output.js'
import { readSecretFile } from './password.js'

/** Flags of every command that signs and submits a transaction. */
export const txFlags = {
  era: Flags.integer({ description: 'Mortal era length in blocks (0 = immortal).', default: 64, min: 0, helpGroup: 'TRANSACTION' }),
  nonce: Flags.integer({ description: 'Account nonce to use instead of the node\'s next one.', min: 0, helpGroup: 'TRANSACTION' }),
  tip: Flags.string({ description: 'Tip in TAO for the block author.', helpGroup: 'TRANSACTION' }),
  'wait-for': Flags.string({
    description: 'Wait until the transaction is in a block, finalized, or only sent.',
    options: ['inclusion', 'finalization', 'none'],
    default: 'inclusion',
    helpGroup: 'TRANSACTION',
  }),
  'dry-run': Flags.boolean({ description: 'Sign and print the extrinsic hex and fee; submit nothing (submit later with `tao tx submit`).', helpGroup: 'TRANSACTION' }),
}

/** An extrinsic given as an argument or read from `--file` ("-" for stdin), checked to be 0x hex. */
export async function extrinsicHexInput(arg: string | undefined, file: string | undefined, what: string): Promise<string> {
  const hex = (arg ?? (file !== undefined ? await readSecretFile(file, 'extrinsic') : '')).trim()
  if (!/^0x([0-9a-fA-F]{2})+$/.test(hex)) throw badInput(`give the ${what} as 0x-prefixed hex (argument or --file)`, 'BAD_HEX')
  return hex
}

export interface TxFlagValues {
  era: number
  nonce?: number
  tip?: string
  'wait-for': string
  'dry-run': boolean
}

export function sendOptions(flags: TxFlagValues): SendOptions {
  return {
    era: flags.era === 0 ? 'immortal' : flags.era,
    nonce: flags.nonce,
    tip: flags.tip === undefined ? undefined : parseTao(flags.tip, '--tip', { allowZero: true }),
    waitFor: flags['wait-for'] as SendOptions['waitFor'],
    dryRun: flags['dry-run'],
  }
}

/** Connect to the network chosen by flag > env > config > default. Loads the node client lazily. */
export async function connectChain(networkFlag: string | undefined): Promise<Chain> {
  const network = resolveSetting('network', networkFlag).value
  const { connect } = await import('../rpc/index.js')
  progress(`connecting to ${network}…`)
  return connect(network)
}

/** Show the call and its fee, and ask before signing (skipped with --no-prompt / -y and with --dry-run). */
export async function confirmCall(policy: PromptPolicy, summary: string, fee: bigint, dryRun: boolean): Promise<void> {
  process.stderr.write(`${summary}\n  estimated fee: ${displayTao(fee)}\n`)
  if (policy.noPrompt || dryRun) return
  const yes = await askConfirm(policy, 'Sign and submit?', 'pass -y / --no-prompt to submit without asking', false)
  if (!yes) throw badInput('cancelled; nothing was signed', 'CANCELLED')
}

/**
 * The command's report of a transaction: what the command knows (`context`) plus the JSON-safe result.
 * A result that is not a success becomes the command's error (exit 1), carrying the report for --json.
 */
export async function txOutcome(result: TxResult, context: Record<string, unknown>, log: (line: string) => void): Promise<Record<string, unknown>> {
  const { txError } = await import('../rpc/index.js')
  const report = { ...context, ...(toJsonSafe(result) as Record<string, unknown>) }
  const error = txError(result)
  if (error) {
    error.data = report
    throw error
  }
  log(describeResult(result))
  return report
}

export function describeResult(result: TxResult): string {
  switch (result.status) {
    case 'landed':
      return (
        `${result.ok ? paint.green('included') : paint.red('failed')} in block #${result.blockNumber} ${paint.dim(result.blockHash)}` +
        `${result.fee !== undefined ? `\n  fee paid: ${displayTao(result.fee)}` : ''}\n  extrinsic: ${result.txHash}` +
        (result.note ? `\n  ${paint.yellow(result.note)}` : '')
      )
    case 'dry-run':
      return `signed, not submitted (fee about ${displayTao(result.fee)}):\n${result.hex}`
    case 'submitted':
      return `submitted ${result.txHash} (not waiting)`
    default:
      return `${result.status}: ${'reason' in result ? result.reason : ''}`
  }
}

export type { TxCall }
