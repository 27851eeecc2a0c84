import type { Hook } from '@oclif/core'
import { ExitCode } from '../core/errors.js'
import { paint } from '../core/output.js'
import { GLOBAL_FLAGS } from '../cli/argv.js'
import { closest } from '../cli/suggest.js'

/**
 * An unknown command: one line with the names as people type them (space-separated, not oclif's `wallet:crate`)
 * and the closest commands, exit 2; with --json also the usual error document on stdout.
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const { config } = opts
  const bin = config.bin
  const typed = opts.id.split(':')
  const topics = config.topics.filter((t) => !t.hidden).map((t) => t.name.split(':').join(' '))
  const commands = config.commands.filter((c) => !c.hidden).map((c) => c.id.split(':').join(' '))

  let message: string
  const first = typed[0] ?? ''
  if (first.startsWith('-')) {
    const known = [...GLOBAL_FLAGS.withValue, ...GLOBAL_FLAGS.boolean].includes(first.split('=')[0]!)
    message = known
      ? `no command given after ${first}; \`${bin} --help\` lists the commands`
      : `"${first}" is not a flag ${bin} knows before a command; put it after the command (\`${bin} COMMAND --help\` lists its flags)`
  } else {
    const shown = typed.join(' ')
    const near = closest(typed, [...commands, ...topics])
    const topic = topics.includes(first) ? first : undefined
    message =
      near.length > 0
        ? `unknown command "${shown}"; did you mean ${near.map((n) => `"${bin} ${n}"`).join(' or ')}?`
        : `unknown command "${shown}"; \`${bin} ${topic ? `${topic} ` : ''}--help\` lists the commands`
  }

  if ([...(opts.argv ?? []), ...process.argv].includes('--json'))
    process.stdout.write(JSON.stringify({ error: { code: 'UNKNOWN_COMMAND', message, exitCode: ExitCode.BadInput } }, null, 2) + '\n')
  process.stderr.write(paint.red('Error: ') + message + '\n')
  this.exit(ExitCode.BadInput)
}

export default hook
