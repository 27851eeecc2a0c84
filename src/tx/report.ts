import { amountJson, displayTao } from '../core/amount.js'
import { toJsonSafe } from '../core/json.js'
import { paint } from '../core/output.js'
import type { TxResult } from '../node/index.js'
import type { TxIntent } from './intent.js'

/** Where a report goes: `log` the command's own lines (stdout in text mode), `note` a line for people (stderr). */
export interface ReportOutput {
  log(line: string): void
  note(line: string): void
}

/**
 * A transaction result as JSON, following docs/json.md: amounts as {rao,tao}, the call as `Pallet.call`,
 * events JSON-safe.
 */
export function txResultJson(result: TxResult): Record<string, unknown> {
  const base = { status: result.status, txHash: result.txHash, hex: result.hex }
  switch (result.status) {
    case 'dry-run':
      return {
        ...base,
        signer: result.signer,
        nonce: result.nonce,
        tip: amountJson(result.tip),
        era: result.era,
        fee: result.fee === undefined ? null : amountJson(result.fee),
      }
    case 'landed':
      return {
        ...base,
        block: result.blockNumber,
        blockHash: result.blockHash,
        index: result.index,
        finalized: result.finalized,
        fee: result.fee === undefined ? null : amountJson(result.fee),
        ok: result.ok,
        // Not `error`: an error document's `error` is {code, message, exitCode}, and both must survive the merge.
        dispatchError: result.error
          ? { pallet: result.error.pallet, name: result.error.name, docs: result.error.docs, via: result.error.via ?? null }
          : null,
        events: toJsonSafe(result.events),
        connectionLost: result.connectionLost,
        note: result.note ?? null,
      }
    case 'not-landed':
      return { ...base, reason: result.reason, connectionLost: result.connectionLost }
    case 'unknown':
      return { ...base, reason: result.reason, validUntil: result.validUntil ?? null, connectionLost: result.connectionLost }
    case 'submitted':
      return base
  }
}

/**
 * A transaction report as docs/json.md describes it: what the command planned (`context`: call, signer, its
 * own fields, estimatedFee), the result, and, when it landed and succeeded, what the command reads from its events.
 */
export function txReportJson(
  result: TxResult,
  context: Record<string, unknown>,
  intent: Pick<TxIntent, 'fromEvents'> = {},
): Record<string, unknown> {
  const fromEvents = result.status === 'landed' && result.ok && intent.fromEvents ? intent.fromEvents(result.events) : {}
  return { ...context, ...txResultJson(result), ...fromEvents }
}

/**
 * The command's report of a transaction: what the command knows (`context`) plus the result.
 * A result that is not a success becomes the command's error (exit 1), carrying the report for --json.
 * With --dry-run the signed hex alone goes to stdout (a script can save it), the label to stderr.
 */
export async function txOutcome(
  result: TxResult,
  context: Record<string, unknown>,
  out: ReportOutput,
  intent: Pick<TxIntent, 'fromEvents' | 'describe'> = {},
): Promise<Record<string, unknown>> {
  const { txError } = await import('../node/index.js')
  const report = txReportJson(result, context, intent)
  const error = txError(result)
  if (error) {
    error.data = report
    throw error
  }
  if (result.status === 'dry-run') {
    const until = result.era.type === 'mortal' ? `; submit it before block #${result.era.death} with \`tao tx submit\`` : ''
    const fee = result.fee === undefined ? 'fee unknown: signed offline' : `fee about ${displayTao(result.fee)}`
    out.note(`signed, not submitted (${fee}${until}); the extrinsic:`)
    out.log(result.hex)
    return report
  }
  out.log(describeResult(result))
  const extra = intent.describe?.(report)
  if (extra) out.log(extra)
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
      return result.hex
    case 'submitted':
      return `submitted ${result.txHash} (not waiting)`
    default:
      return `${result.status}: ${'reason' in result ? result.reason : ''}`
  }
}
