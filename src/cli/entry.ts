/**
 * What bin/run.js does before oclif starts: global flags before the command are moved behind it, and a stdout
 * that cannot be written ends the process with one line. Light on purpose (no oclif, no dependencies).
 */
import { readFileSync, readlinkSync } from 'node:fs'
import { stdoutFailureLine } from './system-error.js'

export { hoistGlobalFlags } from './argv.js'

/**
 * `tao … | head` closes stdout early: that is the reader's choice, exit 0 quietly. Any other write failure
 * (`> /dev/full`, a full disk, stdout closed with `>&-`) is one line on stderr and exit 1, never a stack trace.
 */
export function guardStdout(): void {
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    process.stderr.write(`Error: ${stdoutFailureLine(err)}\n`)
    process.exit(1)
  }
  if (stdoutWasClosed()) onError(Object.assign(new Error('stdout is closed'), { code: 'EBADF' }))
  // Node makes process.stdout on first use, and making it costs a few ms of every start: the handler
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

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'oksh', 'ash', 'busybox', 'yash', 'posh', 'fish', 'csh', 'tcsh'])

/**
 * Whether this process was started with stdout closed (`tao … >&-`). Node opens /dev/null read-write in place
 * of a closed stdout before any code of tao's runs, so the output would vanish and the command report success.
 * Linux shows what fd 1 is, and a shell's own `> /dev/null` opens it write-only; but a program that hands its
 * child a read-write /dev/null to discard the output (Python's subprocess.DEVNULL, Node's stdio 'ignore') looks
 * the same, so it counts as closed only when the parent is a shell. Elsewhere (no /proc) nothing is known: false.
 */
export function stdoutWasClosed(proc = '/proc'): boolean {
  try {
    if (readlinkSync(`${proc}/self/fd/1`) !== '/dev/null') return false
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`${proc}/self/fdinfo/1`, 'utf8'))?.[1]
    // O_ACCMODE: 2 is O_RDWR.
    if (flags === undefined || (Number.parseInt(flags, 8) & 3) !== 2) return false
    return SHELLS.has(readFileSync(`${proc}/${process.ppid}/comm`, 'utf8').trim())
  } catch {
    return false
  }
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
