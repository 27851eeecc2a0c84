import { Command, Flags, Interfaces } from '@oclif/core'
import { ExitCode, TaoError } from '../errors.js'
import { paint } from '../ui/output.js'
import type { PromptPolicy } from '../ui/prompt.js'

/**
 * Base for every `tao` command: --json (run() returns the data), --no-prompt/-y, --verbose,
 * and one error handler that turns any failure into one clear line and a meaningful exit code.
 */
export abstract class TaoCommand extends Command {
  static enableJsonFlag = true

  static baseFlags = {
    'no-prompt': Flags.boolean({
      char: 'y',
      aliases: ['yes'],
      description: 'Never ask anything; fail clearly where an answer is missing.',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({ description: 'Show error details.', helpGroup: 'GLOBAL' }),
  }

  /** Prompt policy from the flags; set in init() so services can be given it. */
  get prompts(): PromptPolicy {
    return { noPrompt: this.argv.includes('--no-prompt') || this.argv.includes('-y') || this.argv.includes('--yes') }
  }

  protected get verbose(): boolean {
    return this.argv.includes('--verbose')
  }

  protected async catch(err: Interfaces.CommandError): Promise<never> {
    const exitCode = exitCodeOf(err)
    if (this.jsonEnabled()) this.logJson({ ...(err instanceof TaoError ? err.data : {}), error: errorJson(err, exitCode) })
    process.stderr.write(paint.red('Error: ') + oneLine(err) + '\n')
    if (this.verbose) {
      if (err instanceof TaoError && err.detail) process.stderr.write(err.detail + '\n')
      const cause = (err as Error).cause
      if (cause instanceof Error) process.stderr.write((cause.stack ?? String(cause)) + '\n')
      if (!(err instanceof TaoError) && err.stack) process.stderr.write(err.stack + '\n')
    } else if (!(err instanceof TaoError) && !isUsageError(err)) {
      process.stderr.write(paint.dim('(run again with --verbose for details)') + '\n')
    }
    process.exitCode = exitCode
    // Leave through oclif's own exit so nothing else is printed.
    return this.exit(exitCode)
  }
}

function isUsageError(err: Interfaces.CommandError): boolean {
  return err.oclif?.exit === 2 || err.name === 'NonExistentFlagsError' || err.name === 'RequiredArgsError'
}

function exitCodeOf(err: Interfaces.CommandError): number {
  if (err instanceof TaoError) return err.exitCode
  if (err.name === 'ExitPromptError' || err.name === 'AbortPromptError') return ExitCode.BadInput
  if (isUsageError(err)) return ExitCode.BadInput
  return ExitCode.Failed
}

function oneLine(err: Interfaces.CommandError): string {
  if (err.name === 'ExitPromptError') return 'cancelled'
  const lines = (err.message || String(err))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('See more help with'))
  // oclif lists several flag problems under a header line: keep them all, on one line.
  if (/^The following errors? occurred:$/.test(lines[0] ?? '')) return lines.slice(1).join('; ') || 'bad usage'
  // A flag value oclif could not parse: "Parsing --netuid" alone does not say why; the next line does.
  if (/^Parsing --\S+$/.test(lines[0] ?? '') && lines[1]) return `${lines[0]}: ${lines[1]}`
  return lines[0] ?? 'unknown error'
}

function errorJson(err: Interfaces.CommandError, exitCode: number) {
  return {
    code: err instanceof TaoError ? err.code : isUsageError(err) ? 'USAGE' : 'INTERNAL',
    message: oneLine(err),
    exitCode,
  }
}
