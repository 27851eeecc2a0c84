import { CAUSES } from './errno.js'
import { ExitCode, TaoError } from '../core/errors.js'

/**
 * A file-system failure as one line a person can act on: the user's path (never a temp file's) and the
 * cause in words (src/errno.ts). Exit 2 where the input is at fault (a name too long, a path through a file), else 1.
 */
export type FsAction = 'write' | 'read' | 'create the folder'

/** The TaoError for a failed file operation on `path` (an error that already is a TaoError passes through). */
export function fsError(e: unknown, action: FsAction, path: string): TaoError {
  if (e instanceof TaoError) return e
  const code = (e as NodeJS.ErrnoException)?.code
  const known = code ? CAUSES[code] : undefined
  const detail = e instanceof Error ? e.message : String(e)
  if (known) return new TaoError(known.exit, known.code, `cannot ${action} ${path}: ${known.words}`, { detail, cause: e })
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
