import { basename, dirname, join } from 'node:path'
import { TaoError } from '../core/errors.js'
import { CAUSES } from '../fsx/errno.js'

/**
 * Node's file-system errors in words: one line naming the path the user knows and the cause, with an exit code
 * (2 where the user's input is at fault: a path that does not exist, is too long or is the wrong kind of thing;
 * 1 where the machine refuses: permissions, a read-only or full disk). The fallback for any error a command did
 * not map at its source, so nothing reaches the user as INTERNAL with a temp-file path.
 */

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  scandir: 'read the folder',
  opendir: 'read the folder',
  rename: 'write',
  link: 'write',
  symlink: 'create the link',
  unlink: 'remove',
  rm: 'remove',
  stat: 'read',
  lstat: 'read',
  fstat: 'read',
  access: 'access',
  chmod: 'change the permissions of',
  fchmod: 'change the permissions of',
  chown: 'change the owner of',
  fsync: 'save',
  copyfile: 'copy',
  readlink: 'read the link',
  realpath: 'resolve',
  utime: 'update',
  futime: 'update',
}

/** The Node system error inside `err` (itself or its cause), if any. */
export function systemErrorOf(err: unknown): NodeJS.ErrnoException | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = (e as Error).cause, depth++) {
    const x = e as NodeJS.ErrnoException
    if (typeof x.code === 'string' && typeof x.syscall === 'string') return x
  }
  return undefined
}

/**
 * A private temp file written beside a target (`.coldkey.3f9a….tmp`, as atomic writes make) is reported as
 * the target: that is the path the user knows.
 */
export function userPath(path: string): string {
  const m = /^\.(.+)\.[0-9a-f]{6,}\.tmp$/.exec(basename(path))
  return m ? join(dirname(path), m[1]!) : path
}

/** `err` as a one-line TaoError, or undefined when it is not a system error this knows. */
export function systemErrorToTao(err: unknown): TaoError | undefined {
  const sys = systemErrorOf(err)
  const cause = sys && CAUSES[sys.code!]
  if (!sys || !cause) return undefined
  // For a rename or link the target is what the user asked for; otherwise the path the call was about.
  const dest = (sys as { dest?: unknown }).dest
  const raw = (sys.syscall === 'rename' || sys.syscall === 'link') && typeof dest === 'string' ? dest : sys.path
  const verb = VERBS[sys.syscall!] ?? sys.syscall!
  const what = typeof raw === 'string' ? `${verb} ${userPath(raw)}` : verb
  return new TaoError(cause.exit, cause.code, `cannot ${what}: ${cause.words}`, { detail: sys.message, cause: sys })
}

/** The cause of a failed file operation in words (`no such file or folder`), for messages that name the file themselves. */
export function causeWords(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  return CAUSES[e?.code ?? '']?.words ?? e?.code ?? (e as Error)?.message ?? String(err)
}

/** What to say when stdout cannot be written (a full disk behind `>`, a closed device): one line. */
export function stdoutFailureLine(err: NodeJS.ErrnoException): string {
  const cause = CAUSES[err.code ?? '']
  return `cannot write the output: ${cause?.words ?? err.code ?? err.message}`
}
