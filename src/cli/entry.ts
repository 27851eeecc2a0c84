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
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    process.stderr.write(`Error: ${stdoutFailureLine(err)}\n`)
    process.exit(1)
  }
  // Node makes process.stdout on first use, and making it costs a few ms of every start (issue 9): the handler
  // is attached when something first uses stdout, not before.
  const lazy = Object.getOwnPropertyDescriptor(process, 'stdout')
  if (!lazy?.get || !lazy.configurable) {
    process.stdout.on('error', onError)
    return
  }
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: lazy.enumerable,
    get() {
      const stdout = lazy.get!.call(process) as NodeJS.WriteStream
      Object.defineProperty(process, 'stdout', { configurable: true, enumerable: lazy.enumerable, writable: false, value: stdout })
      stdout.on('error', onError)
      return stdout
    },
  })
}

/**
 * End the process once what was written to stdout and stderr is out. A command's last word is its last act:
 * a socket to a node that stopped answering, or a timer, must not keep the process alive after it.
 */
export async function exitWhenFlushed(code: number | string | null | undefined = process.exitCode): Promise<never> {
  const written = (name: 'stdout' | 'stderr') => {
    const stream = process[name]
    if (stream.destroyed || !stream.writable) return Promise.resolve()
    return new Promise<void>((resolve) => stream.write('', () => resolve()))
  }
  // A write that failed reports it on a later turn (stdout on a full disk: guardStdout's one line and exit 1).
  await new Promise((resolve) => setImmediate(resolve))
  // A reader that never reads (a stopped pager) gets a few seconds, not for ever.
  await Promise.race([Promise.all([written('stdout'), written('stderr')]), new Promise((resolve) => setTimeout(resolve, 3000))])
  await new Promise((resolve) => setImmediate(resolve))
  process.exit(typeof code === 'string' ? Number(code) || 0 : (code ?? 0))
}
