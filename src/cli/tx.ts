import { Flags } from '@oclif/core'
import { amountJson, displayTao, parseTao } from '../chain/amount.js'
import { resolveSetting } from '../config/settings.js'
import { badInput, TaoError } from '../errors.js'
import { setInterruptNote } from '../interrupt.js'
import type { Chain, SendOptions, TxCall, TxEvent, TxResult } from '../rpc/index.js'
import { toJsonSafe } from '../rpc/json.js'
import { MAX_ERA } from '../rpc/era.js'
import { askConfirm, type PromptPolicy } from '../ui/prompt.js'
import { paint, progress } from '../ui/output.js'
import type { KeyRole } from '../wallet/store.js'
import { networkFlags, passwordFlags, resolveWallet, walletFlags, type WalletSelection } from './flags.js'
import { readSecretFile, unlockPassword } from './password.js'

/** Flags of every command that signs and submits a transaction. */
export const txFlags = {
  era: Flags.integer({
    description: `Mortal era length in blocks, ${MAX_ERA} at most and no more than the runtime's System.BlockHashCount (0 = immortal).`,
    default: 64,
    min: 0,
    max: MAX_ERA,
    helpGroup: 'TRANSACTION',
  }),
  nonce: Flags.integer({ description: "Account nonce to use instead of the node's next one.", min: 0, max: 4294967295, helpGroup: 'TRANSACTION' }),
  force: Flags.boolean({ description: "Sign with a --nonce ahead of the account's next one (the transaction waits in the pool until the gap is filled).", helpGroup: 'TRANSACTION' }),
  tip: Flags.string({ description: 'Tip in TAO for the block author.', helpGroup: 'TRANSACTION' }),
  'wait-for': Flags.string({
    description: 'Wait until the transaction is in a block, finalized, or only sent.',
    options: ['inclusion', 'finalization', 'none'],
    default: 'inclusion',
    helpGroup: 'TRANSACTION',
  }),
  'dry-run': Flags.boolean({
    description: 'Sign and print the extrinsic hex (alone on stdout) and fee; submit nothing (submit later with `tao tx submit`).',
    helpGroup: 'TRANSACTION',
  }),
}

/** Everything a signing command needs besides its own flags: wallet, network, password and transaction flags. */
export const signingFlags = { ...walletFlags, ...networkFlags, ...passwordFlags, ...txFlags }

/** An extrinsic given as an argument or read from `--file` ("-" for stdin), checked to be 0x hex. */
export async function extrinsicHexInput(arg: string | undefined, file: string | undefined, what: string): Promise<string> {
  const hex = (arg ?? (file !== undefined ? await readSecretFile(file, 'extrinsic') : '')).trim()
  if (!/^0x([0-9a-fA-F]{2})+$/.test(hex)) throw badInput(`give the ${what} as 0x-prefixed hex (argument or --file)`, 'BAD_HEX')
  return hex
}

export interface TxFlagValues {
  era: number
  nonce?: number
  force?: boolean
  tip?: string
  'wait-for': string
  'dry-run': boolean
}

export interface SigningFlagValues extends TxFlagValues {
  network?: string
  'wallet-path'?: string
  'wallet-name'?: string
  hotkey?: string
  'password-file'?: string
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

/** Which key signs: the wallet's coldkey, or its hotkey (`-H`). */
export type SignerKind = 'coldkey' | 'hotkey'

/** What a planning step gets: the connection, and who will sign (known from the public file, nothing unlocked yet). */
export interface PlanContext {
  chain: Chain
  /** SS58 of the signing key. */
  signer: string
  /** The wallet selection (path, name, hotkey) after flags, environment and config. */
  wallet: WalletSelection
  options: SendOptions
  /** Fee estimate (rao, tip excluded) of a call signed by this signer. */
  estimateFee(call: TxCall): Promise<bigint>
}

/** What a signing command wants done: its call, a human preview, and what its JSON reports. */
export interface TxIntent {
  call: TxCall
  /** One line a person reads before signing, e.g. `stake 10 TAO on subnet 3 to 5F…`. */
  summary: string
  /** Further preview lines (expected alpha, slippage, the burn …). */
  preview?: string[]
  /** The fee of exactly this call when the plan already estimated it (saves a round trip). */
  fee?: bigint
  /** Fields the command reports in its JSON (amounts as {rao,tao}). */
  context?: Record<string, unknown>
  /** Fields learned from the landed transaction's own events (a new netuid, a uid, the amount really moved). */
  fromEvents?(events: TxEvent[]): Record<string, unknown>
  /** A line for people after success, from the report (e.g. `registered as uid 4`). */
  describe?(report: Record<string, unknown>): string | undefined
  /**
   * After the transaction landed and succeeded, while still connected: read what it changed in storage (e.g. a
   * weight commit's reveal window as the chain recorded it). The fields returned join the report.
   */
  settle?(report: Record<string, unknown>): Promise<Record<string, unknown>>
}

export interface TxCommand {
  log(line: string): void
  readonly prompts: PromptPolicy
}

/**
 * The one path every signing command takes: resolve the signer from its public file, connect, plan the call,
 * estimate the fee, show the call and fee and ask, unlock the key (checked against its public file), sign,
 * submit (or only sign with --dry-run), follow the transaction and report it.
 * The command states only its call, its signer and its preview.
 */
export async function executeTx(
  cmd: TxCommand,
  flags: SigningFlagValues,
  signerKind: SignerKind,
  plan: (ctx: PlanContext) => Promise<TxIntent>,
): Promise<Record<string, unknown>> {
  setInterruptNote('interrupted; nothing was submitted')
  const options = sendOptions(flags)
  const wallet = resolveWallet(flags)
  const w = { root: wallet.path, name: wallet.name }
  const role: KeyRole = signerKind === 'coldkey' ? { kind: 'coldkey' } : { kind: 'hotkey', name: wallet.hotkey }
  // The wallet code (key files, locks, encryption) loads here, not at every start of a signing command.
  const { readPublicKey, roleLabel, unlockKey } = await import('../wallet/store.js')
  const signerPublic = await readPublicKey(w, role)
  const signer = signerPublic.ss58

  const chain = await connectChain(flags.network)
  try {
    const ctx: PlanContext = { chain, signer, wallet, options, estimateFee: (call) => chain.estimateFee(call, signer, options) }
    const intent = await plan(ctx)
    const [fee] = await Promise.all([intent.fee ?? ctx.estimateFee(intent.call), checkNonce(chain, signer, options.nonce, flags.force ?? false)])
    const callName = `${intent.call.pallet}.${intent.call.name}`

    process.stderr.write(
      `${paint.bold(callName)} signed by the ${roleLabel(w, role)} (${signer})\n  ${intent.summary}\n` +
        (intent.preview ?? []).map((l) => `  ${l}\n`).join('') +
        `  estimated fee: ${displayTao(fee + (options.tip ?? 0n))}\n`,
    )
    if (!cmd.prompts.noPrompt && !options.dryRun) {
      const yes = await askConfirm(cmd.prompts, 'Sign and submit?', 'pass -y / --no-prompt to submit without asking', false)
      if (!yes) throw badInput('cancelled; nothing was signed', 'CANCELLED')
    }

    // Refuses (KEY_MISMATCH) when the unlocked key is not the signer named above from its public file.
    const keypair = await unlockKey(w, role, () => unlockPassword({ passwordFile: flags['password-file'], policy: cmd.prompts }, roleLabel(w, role)), {
      pub: signerPublic,
    })
    const context = { call: callName, signer, ...intent.context, estimatedFee: amountJson(fee + (options.tip ?? 0n)) }
    const { signerOf } = await import('./signer.js')
    const result = await chain.send(intent.call, signerOf(keypair), { ...options, knownFee: fee }).catch((err: unknown) => {
      // A refusal at submission (TX_REJECTED) still says what was refused: the call, the signer, the plan.
      if (err instanceof TaoError) err.data = { ...context, ...err.data }
      throw err
    })
    const report = await txOutcome(result, context, (line) => cmd.log(line), intent)
    return result.status === 'landed' && intent.settle ? { ...report, ...(await intent.settle(report)) } : report
  } finally {
    chain.close()
  }
}

/**
 * A nonce ahead of the account's next one parks the transaction in the node's future queue, where it waits
 * (possibly for ever) for the gap to be filled: refuse that unless --force says it is meant.
 */
async function checkNonce(chain: Chain, signer: string, nonce: number | undefined, force: boolean): Promise<void> {
  if (nonce === undefined) return
  const next = Number(await chain.rpc<number>('system_accountNextIndex', [signer]))
  if (nonce > next && !force)
    throw badInput(
      `--nonce ${nonce} is ahead of the account's next nonce ${next}: the transaction would wait until nonces ${next}–${nonce - 1} are used; pass --force if that is meant`,
      'NONCE_AHEAD',
    )
  if (nonce < next) throw badInput(`--nonce ${nonce} is already used (the account's next nonce is ${next})`, 'NONCE_USED')
}

/**
 * A transaction result as JSON, following docs/json.md: amounts as {rao,tao}, the call as `Pallet.call`,
 * events JSON-safe.
 */
export function txResultJson(result: TxResult): Record<string, unknown> {
  const base = { status: result.status, txHash: result.txHash, hex: result.hex }
  switch (result.status) {
    case 'dry-run':
      return { ...base, signer: result.signer, nonce: result.nonce, tip: amountJson(result.tip), era: result.era, fee: amountJson(result.fee) }
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
        dispatchError: result.error ? { pallet: result.error.pallet, name: result.error.name, docs: result.error.docs, via: result.error.via ?? null } : null,
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
export function txReportJson(result: TxResult, context: Record<string, unknown>, intent: Pick<TxIntent, 'fromEvents'> = {}): Record<string, unknown> {
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
  log: (line: string) => void,
  intent: Pick<TxIntent, 'fromEvents' | 'describe'> = {},
): Promise<Record<string, unknown>> {
  const { txError } = await import('../rpc/index.js')
  const report = txReportJson(result, context, intent)
  const error = txError(result)
  if (error) {
    error.data = report
    throw error
  }
  if (result.status === 'dry-run') {
    process.stderr.write(`signed, not submitted (fee about ${displayTao(result.fee)}); the extrinsic:\n`)
    log(result.hex)
    return report
  }
  log(describeResult(result))
  const extra = intent.describe?.(report)
  if (extra) log(extra)
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

export type { TxCall, TxEvent }
