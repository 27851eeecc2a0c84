import { amountJson, displayTao } from '../core/amount.js'
import { setDeadlineContext, setDeadlineOutcome } from '../core/command-deadline.js'
import { badInput, ExitCode, TaoError, unreachable } from '../core/errors.js'
import { toJsonSafe } from '../core/json.js'
import { paint } from '../core/output.js'
import { terminalText } from '../core/text.js'
import type { Chain, PreparedTx, SendOptions, Sr25519Keypair } from '../node/index.js'
import type { WalletSelection } from '../wallet/selection.js'
import { callText } from './call-text.js'
import type { Acting, Plan, PlanContext, TxIntent } from './intent.js'
import { txOutcome, type ReportOutput } from './report.js'

/** The key that will sign, as its public file names it (nothing unlocked yet). */
export interface SignerInfo {
  ss58: string
  /** `coldkey of wallet "w"`, for the preview. */
  label: string
}

/**
 * Everything the signing path does outside itself, passed in so each branch can be tested with fakes: the
 * node, the wallet, the person at the terminal and where text goes.
 */
export interface TxIO extends ReportOutput {
  /** The signer from its public file. */
  signer(): Promise<SignerInfo>
  connect(): Promise<Chain>
  /** Ask before signing; false = the person said no. Not called with `noPrompt` or a dry run. */
  confirm(question: string): Promise<boolean>
  /** Ask for `answer` to be typed (a plan's confirmPhrase); false = something else was typed. */
  confirmTyped?(prompt: string, answer: string): Promise<boolean>
  /** Unlock the signing key, refusing one that is not the signer named by `signer()`. */
  unlock(): Promise<Sr25519Keypair>
  /** What Ctrl-C would leave behind, said when it comes. */
  interruptNote(note: string): void
}

export interface TxRequest {
  options: SendOptions
  wallet: WalletSelection
  /** Allow a --nonce ahead of the account's next one. */
  force: boolean
  /** Sign without asking (-y / --no-prompt). */
  noPrompt: boolean
  /**
   * Signing from an offline context (`--offline FILE`): `connect()` gives a chain that answers from the file,
   * nothing is submitted, and the fee is unknown.
   */
  offline?: boolean
  /** Sign for another account (--proxy, --multisig-…): the plan's call is wrapped before the fee and preview. */
  acting?: Acting
  /** The network as the user chose it (a name or a URL), for the confirmation and the report; default: the endpoint's. */
  network?: string
}

/**
 * The one path every signing command takes: resolve the signer from its public file, connect, plan the call,
 * prepare it (decode the call bytes back and check them against the plan, read the nonce, estimate the fee of
 * exactly those bytes), show the chain, the call as decoded and the fee and ask, unlock the key (checked against
 * its public file), sign those same bytes, submit (or only sign with --dry-run), follow the transaction and
 * report it. The command states only its call, its signer and its preview.
 */
export async function executeTx(io: TxIO, req: TxRequest, plan: Plan): Promise<Record<string, unknown>> {
  io.interruptNote('interrupted; nothing was submitted')
  setDeadlineOutcome((gaveUp) => unreachable(`${gaveUp}; nothing was submitted`, 'DEADLINE'))
  const { options } = req
  const { ss58: signer, label } = await io.signer()
  const actor = req.acting ? req.acting.actorFor(signer) : signer

  const chain = await io.connect()
  try {
    // The signer is known before the plan: its nonce and the head are read while the plan reads what it needs.
    chain.prefetch?.(signer, options)
    const ctx: PlanContext = {
      chain,
      signer,
      actor,
      wallet: req.wallet,
      options,
      estimateFee: (call) => chain.estimateFee(call, signer, options),
    }
    const planned = await plan(ctx)
    const intent = req.acting ? await req.acting.wrap(ctx, planned) : planned
    // What vouches for the metadata the call was built from is settled here, before anything is shown or
    // unlocked: a node whose metadata cannot be trusted is refused now. Offline, a nonce ahead of the context's
    // is how several transactions are signed from one context.
    // The call is prepared once: its bytes decoded back and checked against the plan, the nonce, the fee of exactly
    // those bytes. That is what is shown, and exactly that is signed.
    const [prepared, trust] = await Promise.all([
      chain.prepare(intent.call, signer, options),
      chain.signingTrust(),
      checkNonce(chain, signer, options.nonce, req.force || req.offline === true),
    ])
    const callName = `${prepared.decoded.pallet}.${prepared.decoded.name}`
    const fee = prepared.fee + prepared.tip
    const where = chainContext(chain, prepared, req)

    io.note(
      `${paint.bold(callName)} signed by the ${label} (${signer})\n  ${terminalText(intent.summary)}\n` +
        // A plan's lines may quote the chain's own text (a symbol, a name): shown without its control characters.
        (intent.preview ?? []).map((l) => `  ${terminalText(l)}\n`).join('') +
        // In mode 1 the runtime checks the metadata itself; in mode 0 the person is told what tao checked instead.
        (trust.mode === 0 ? `  ${trust.words}\n` : '') +
        `  network: ${where.label}, genesis ${prepared.genesisHash.slice(0, 10)}…, spec ${prepared.specVersion}\n` +
        `  call as signed: ${callText(prepared.decoded)}\n` +
        (req.offline
          ? `  fee: unknown (signed offline: no node to ask)${prepared.tip > 0n ? `; tip ${displayTao(prepared.tip)}` : ''}`
          : `  estimated fee: ${displayTao(fee)}`),
    )
    if (!req.noPrompt && !options.dryRun && !(await confirmed(io, intent.confirmPhrase)))
      throw badInput('cancelled; nothing was signed', 'CANCELLED')

    const keypair = await io.unlock()
    const context = { call: callName, signer, ...where.json, ...intent.context, estimatedFee: req.offline ? null : amountJson(fee) }
    setDeadlineContext(context)
    const result = await chain
      .sendPrepared(prepared, keypair, { ...options, onProgress: (line) => io.note(line) })
      .catch((err: unknown) => {
        // A refusal at submission (TX_REJECTED) still says what was refused: the call, the signer, the plan.
        if (err instanceof TaoError) err.data = { ...context, ...err.data }
        throw err
      })
    const report = await txOutcome(result, context, io, intent).catch(async (err: unknown) => {
      if (err instanceof TaoError && err.code === 'DISPATCH_ERROR' && intent.explainFailure) {
        const more = await intent.explainFailure().catch(() => undefined)
        if (more) err.message = `${err.message}; ${more}`
      }
      throw err
    })
    // Only what succeeded changed storage; txOutcome has thrown for a dispatch error, this guard does not rely on it.
    return result.status === 'landed' && result.ok && intent.readBack ? { ...report, ...(await intent.readBack(report)) } : report
  } finally {
    chain.close()
  }
}

/**
 * Which chain a transaction is for, as the confirmation names it and the report gives it: the network as chosen
 * (offline: as the context names it) and the endpoint, the genesis hash, the runtime's spec version, and the call
 * decoded from the bytes signed.
 */
function chainContext(chain: Chain, p: PreparedTx, req: Pick<TxRequest, 'network' | 'offline'>) {
  const { url } = chain.endpoint
  const name = p.network ?? req.network ?? (chain.endpoint.network === 'custom' ? url : chain.endpoint.network)
  return {
    label: name === url ? url : `${name} (${url})`,
    json: {
      network: name,
      endpoint: req.offline ? null : url,
      genesisHash: p.genesisHash,
      specVersion: p.specVersion,
      args: toJsonSafe(p.decoded.args),
      callData: p.call.callData,
    },
  }
}

/** y/N, or the typed answer a plan asks for (refused when this terminal cannot ask for one). */
async function confirmed(io: TxIO, phrase: TxIntent['confirmPhrase']): Promise<boolean> {
  if (!phrase) return io.confirm('Sign and submit?')
  if (!io.confirmTyped)
    throw badInput(
      'this transaction needs a typed confirmation, which cannot be asked here; pass -y to submit without asking',
      'MISSING_INPUT',
    )
  return io.confirmTyped(phrase.prompt, phrase.answer)
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
 * Whether the transaction of a failed executeTx may be on chain (what was prepared for it, such as a weight
 * commit's salt, must then be kept). Known not to be: refused before signing (bad input, cancelled, wrong
 * password), refused by the node, landed with a failed dispatch, or no longer able to land. The result a
 * failure carries in its data says which; an unreachable node, or a failure that is not a TaoError, counts as
 * maybe: keeping too much is the safe side.
 */
export function mayHaveLanded(err: unknown): boolean {
  if (!(err instanceof TaoError)) return true
  const status = err.data?.status
  if (status === 'landed' || status === 'not-landed') return false
  if (status !== undefined) return true
  return err.exitCode === ExitCode.Unreachable
}
