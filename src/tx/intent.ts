import type { Chain, SendOptions, TxCall, TxEvent } from '../node/index.js'
import type { WalletSelection } from '../wallet/selection.js'

/** Which key signs: the wallet's coldkey, or its hotkey (`-H`). */
export type SignerKind = 'coldkey' | 'hotkey'

/** What a planning step gets: the connection, and who will sign (known from the public file, nothing unlocked yet). */
export interface PlanContext {
  chain: Chain
  /** SS58 of the signing key. */
  signer: string
  /**
   * SS58 of the account the call runs as: the signer, or the real account it signs for as a proxy, or the
   * multisig account it approves for. Balances and ownership are checked against this one.
   */
  actor: string
  /** The wallet selection (path, name, hotkey) after flags, environment and config. */
  wallet: WalletSelection
  options: SendOptions
  /**
   * Fee estimate (rao, tip excluded) of a call signed by this signer. The confirmation shows the fee of the exact
   * bytes signed: an estimate of the very call the plan returns is reused, any other is estimated again.
   */
  estimateFee(call: TxCall): Promise<bigint>
}

/** What a signing command wants done: its call, a human preview, and what its JSON reports. */
export interface TxIntent {
  call: TxCall
  /** One line a person reads before signing, e.g. `stake 10 TAO on subnet 3 to 5F…`. */
  summary: string
  /** Further preview lines (expected alpha, slippage, the burn …). */
  preview?: string[]
  /**
   * For a transaction that cannot be undone: the person types `answer` after the preview instead of answering
   * y/N (-y / --no-prompt still skips the question).
   */
  confirmPhrase?: { prompt: string; answer: string }
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
  readBack?(report: Record<string, unknown>): Promise<Record<string, unknown>>
  /**
   * After the transaction landed with a failed dispatch, while still connected: words that say more than the
   * runtime's error (which part of a batch failed). They follow the error's own message.
   */
  explainFailure?(): Promise<string | undefined>
}

export type Plan = (ctx: PlanContext) => Promise<TxIntent>

/**
 * Signing on behalf of another account (a proxy's real account, a multisig): who the call runs as, and how the
 * planned call is wrapped into the call the signer really signs (the wrapped intent keeps the plan's summary,
 * preview and context, adds its own lines, and reads the inner call's events only when the inner call ran).
 */
export interface Acting {
  /** The account the call runs as when `signer` signs; throws (bad input) when this signer cannot act for it. */
  actorFor(signer: string): string
  wrap(ctx: PlanContext, intent: TxIntent): Promise<TxIntent>
}

/** Runs a plan through the one signing path, signed by the wallet's coldkey or hotkey; gives the report. */
export type TxRunner = (signerKind: SignerKind, plan: Plan) => Promise<Record<string, unknown>>
