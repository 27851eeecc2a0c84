import { terminalText } from '../core/text.js'
import { Command, Flags, Interfaces } from '@oclif/core'
import { deadlineSeconds, startDeadline } from '../core/command-deadline.js'
import { ExitCode, TaoError } from '../core/errors.js'
import { handleInterrupts } from '../core/interrupt.js'
import { paint } from '../core/output.js'
import type { PromptPolicy } from './prompt.js'
import { exitWhenFlushed } from './entry.js'
import { errorLine } from './error-line.js'
import { systemErrorToTao } from './system-error.js'

/**
 * Base for every `tao` command: --json (run() returns the data), --no-prompt/-y, --verbose,
 * and one error handler that turns any failure into one clear line and a meaningful exit code.
 */
export abstract class TaoCommand extends Command {
  static enableJsonFlag = true
  /** Commands that handle Ctrl-C themselves (a node that runs until stopped) set this. */
  static handlesInterrupt = false

  static baseFlags = {
    'no-prompt': Flags.boolean({
      char: 'y',
      aliases: ['yes'],
      description: 'Never ask anything; fail clearly where an answer is missing.',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({ description: 'Show error details.', helpGroup: 'GLOBAL' }),
    deadline: Flags.integer({
      description: 'Give up after this many seconds in all, time at prompts not counted [env TAO_DEADLINE, default 600; 0 = none].',
      min: 0,
      helpValue: 'SECONDS',
      helpGroup: 'GLOBAL',
    }),
  }

  /** Prompt policy from the flags; set in init() so services can be given it. */
  get prompts(): PromptPolicy {
    return { noPrompt: this.argv.includes('--no-prompt') || this.argv.includes('-y') || this.argv.includes('--yes') }
  }

  protected get verbose(): boolean {
    return this.argv.includes('--verbose')
  }

  async init(): Promise<void> {
    await super.init()
    if (!(this.constructor as typeof TaoCommand).handlesInterrupt) handleInterrupts()
    // Nothing a command waits for may keep it for ever: when its time is up it says why and ends.
    const { seconds, explicit } = deadlineSeconds(this.argv)
    startDeadline(seconds, explicit, (err) => {
      void exitWhenFlushed(
        emitError(
          errorSink(this, (json) => this.logJson(json)),
          err,
        ),
      )
    })
  }

  protected async catch(caught: Interfaces.CommandError): Promise<never> {
    return reportError(
      errorSink(this, (json) => this.logJson(json)),
      caught,
    )
  }
}

/** What the error handler needs of a command (oclif keeps logJson protected: the command passes it in). */
export interface ErrorSink {
  argv: string[]
  jsonEnabled(): boolean
  logJson(json: unknown): void
  exit(code: number): never
}

export const errorSink = (cmd: Command, logJson: (json: unknown) => void): ErrorSink => ({
  argv: cmd.argv,
  jsonEnabled: () => cmd.jsonEnabled(),
  logJson,
  exit: (code) => cmd.exit(code),
})

/**
 * The one error handler: any failure becomes one line on stderr (with --json also the error document on stdout)
 * and the documented exit code. Shared by every command, oclif's own folded in (src/cli/folded-command.ts).
 */
export async function reportError(cmd: ErrorSink, caught: Interfaces.CommandError): Promise<never> {
  const exitCode = emitError(cmd, caught)
  process.exitCode = exitCode
  // Leave through oclif's own exit so nothing else is printed.
  return cmd.exit(exitCode)
}

/** Say what went wrong (stderr, and the error document with --json); gives the exit code. */
export function emitError(cmd: ErrorSink, caught: Interfaces.CommandError): number {
  // A file-system error nobody mapped at its source still becomes one line naming the path and the cause.
  const err = (caught instanceof TaoError ? caught : (systemErrorToTao(caught) ?? caught)) as Interfaces.CommandError
  const exitCode = exitCodeOf(err)
  const verbose = cmd.argv.includes('--verbose')
  if (cmd.jsonEnabled()) {
    const doc = { ...(err instanceof TaoError ? err.data : {}), error: errorJson(err, exitCode) }
    // --watch prints one document a line (docs/json.md): the error that ends it is one more line.
    if (cmd.argv.includes('--watch')) process.stdout.write(JSON.stringify(doc) + '\n')
    else cmd.logJson(doc)
  }
  process.stderr.write(exitCode === ExitCode.Interrupted ? `${oneLine(err)}\n` : paint.red('Error: ') + oneLine(err) + '\n')
  if (verbose) {
    if (err instanceof TaoError && err.detail) process.stderr.write(err.detail + '\n')
    const cause = (err as Error).cause
    if (cause instanceof Error) process.stderr.write((cause.stack ?? String(cause)) + '\n')
    if (!(err instanceof TaoError) && err.stack) process.stderr.write(err.stack + '\n')
  } else if (!(err instanceof TaoError) && !isUsageError(err) && !isCancel(err)) {
    process.stderr.write(paint.dim('(run again with --verbose for details)') + '\n')
  }
  return exitCode
}

/** Ctrl-C (or Escape) at a prompt. */
const isCancel = (err: Interfaces.CommandError): boolean => err.name === 'ExitPromptError' || err.name === 'AbortPromptError'

function isUsageError(err: Interfaces.CommandError): boolean {
  return err.oclif?.exit === 2 || err.name === 'NonExistentFlagsError' || err.name === 'RequiredArgsError'
}

function exitCodeOf(err: Interfaces.CommandError): number {
  if (err instanceof TaoError) return err.exitCode
  if (isCancel(err)) return ExitCode.Interrupted
  if (isUsageError(err)) return ExitCode.BadInput
  return ExitCode.Failed
}

function oneLine(err: Interfaces.CommandError): string {
  if (isCancel(err)) return 'cancelled'
  // Messages can carry the chain's text (a runtime's error docs, names): shown without its control characters.
  return terminalText(errorLine(err.message || String(err)))
}

function errorJson(err: Interfaces.CommandError, exitCode: number) {
  return {
    code: err instanceof TaoError ? err.code : isCancel(err) ? 'CANCELLED' : isUsageError(err) ? 'USAGE' : 'INTERNAL',
    message: oneLine(err),
    exitCode,
  }
}
