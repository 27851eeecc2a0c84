/** Exit codes shared by every command; scripts rely on them. */
export const ExitCode = {
  Ok: 0,
  /** The operation itself failed (e.g. a rejected transaction). */
  Failed: 1,
  /** Bad usage or bad input. */
  BadInput: 2,
  /** The node cannot be reached. */
  Unreachable: 3,
  /** Wrong password or locked key. */
  Locked: 4,
  /** A transaction was sent and it cannot be told whether it landed: it may or may not have. */
  OutcomeUnknown: 5,
  /** Interrupted by the user (Ctrl-C), as a shell reports a SIGINT death. */
  Interrupted: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * The one error type user-facing code throws: a one-line message and the exit code.
 * The top-level handler prints `message` (and `detail` only with --verbose).
 */
export class TaoError extends Error {
  readonly exitCode: ExitCode
  readonly detail?: string
  /** Stable machine-readable code for --json error output, e.g. "WRONG_PASSWORD". */
  readonly code: string
  /** What the command had learned before failing (e.g. a transaction result); merged into --json output. */
  data?: Record<string, unknown>

  constructor(exitCode: ExitCode, code: string, message: string, options?: { detail?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TaoError'
    this.exitCode = exitCode
    this.code = code
    this.detail = options?.detail
  }
}

export const badInput = (message: string, code = 'BAD_INPUT', detail?: string): TaoError =>
  new TaoError(ExitCode.BadInput, code, message, { detail })

export const failed = (message: string, code = 'FAILED', detail?: string): TaoError =>
  new TaoError(ExitCode.Failed, code, message, { detail })

export const locked = (message: string, code = 'WRONG_PASSWORD'): TaoError => new TaoError(ExitCode.Locked, code, message)

/** A transaction was sent, and whether it landed cannot be told (exit 5): a script must look before sending it again. */
export const outcomeUnknown = (message: string, code = 'TX_UNKNOWN', detail?: string): TaoError =>
  new TaoError(ExitCode.OutcomeUnknown, code, message, { detail })

export const unreachable = (message: string, code = 'UNREACHABLE', detail?: string): TaoError =>
  new TaoError(ExitCode.Unreachable, code, message, { detail })
