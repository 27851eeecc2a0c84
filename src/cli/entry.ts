/**
 * What bin/run.js does before oclif starts: global flags before the command are moved behind it, and a stdout
 * that cannot be written ends the process with one line. Light on purpose (no oclif, no dependencies).
 */
import { stdoutFailureLine } from './system-error.js'

export { hoistGlobalFlags } from './argv.js'

/**
 * `tao … | head` closes stdout early: that is the reader's choice, exit 0 quietly. Any other write failure
 * (`> /dev/full`, a full disk) is one line on stderr and exit 1, never a stack trace.
 */
export function guardStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    process.stderr.write(`Error: ${stdoutFailureLine(err)}\n`)
    process.exit(1)
  })
}
