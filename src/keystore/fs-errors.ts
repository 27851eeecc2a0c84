import { ExitCode, TaoError } from '../errors.js'

/**
 * A file-system failure as one line a person can act on: the user's path (never a temp file's) and the
 * cause in words. Exit 2 where the input is at fault (a name too long, a path through a file), else 1.
 */
const CAUSES: Record<string, { cause: string; code: string; exit: ExitCode }> = {
  EROFS: { cause: 'the file system is read-only', code: 'READ_ONLY', exit: ExitCode.Failed },
  EACCES: { cause: 'permission denied', code: 'PERMISSION_DENIED', exit: ExitCode.Failed },
  EPERM: { cause: 'operation not permitted', code: 'PERMISSION_DENIED', exit: ExitCode.Failed },
  ENOSPC: { cause: 'the disk is full', code: 'DISK_FULL', exit: ExitCode.Failed },
  EDQUOT: { cause: 'the disk quota is used up', code: 'DISK_FULL', exit: ExitCode.Failed },
  EIO: { cause: 'input/output error (a failing disk?)', code: 'IO_ERROR', exit: ExitCode.Failed },
  EMFILE: { cause: 'too many open files', code: 'IO_ERROR', exit: ExitCode.Failed },
  ENFILE: { cause: 'too many open files', code: 'IO_ERROR', exit: ExitCode.Failed },
  EXDEV: { cause: 'its folders are on different file systems', code: 'IO_ERROR', exit: ExitCode.Failed },
  ENAMETOOLONG: { cause: 'a name in the path is too long for the file system', code: 'NAME_TOO_LONG', exit: ExitCode.BadInput },
  ENOENT: { cause: 'a folder in the path does not exist', code: 'NOT_FOUND', exit: ExitCode.BadInput },
  ENOTDIR: { cause: 'a part of the path is a file, not a folder', code: 'NOT_A_FOLDER', exit: ExitCode.BadInput },
  EISDIR: { cause: 'it is a folder', code: 'NOT_A_FILE', exit: ExitCode.BadInput },
  ELOOP: { cause: 'too many symbolic links in the path', code: 'BAD_PATH', exit: ExitCode.BadInput },
}

export type FsAction = 'write' | 'read' | 'create the folder'

/** The TaoError for a failed file operation on `path` (an error that already is a TaoError passes through). */
export function fsError(e: unknown, action: FsAction, path: string): TaoError {
  if (e instanceof TaoError) return e
  const code = (e as NodeJS.ErrnoException)?.code
  const known = code ? CAUSES[code] : undefined
  const detail = e instanceof Error ? e.message : String(e)
  if (known) return new TaoError(known.exit, known.code, `cannot ${action} ${path}: ${known.cause}`, { detail, cause: e })
  return new TaoError(ExitCode.Failed, 'FS_ERROR', `cannot ${action} ${path}: ${code ?? detail}`, { detail, cause: e })
}

/** Run a file operation; a failure becomes fsError naming `path`. */
export async function onFs<T>(action: FsAction, path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (e) {
    throw fsError(e, action, path)
  }
}

export const errnoOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException)?.code
