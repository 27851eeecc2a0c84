import { ExitCode } from '../core/errors.js'

/**
 * Node's system error codes in words, with the code a --json error carries and the exit code (2 where the
 * user's input is at fault: a path that does not exist, is too long or is the wrong kind of thing; 1 where the
 * machine refuses: permissions, a read-only or full disk). One table for every place that words a file error.
 */

export interface Cause {
  words: string
  code: string
  exit: ExitCode
}

export const CAUSES: Record<string, Cause> = {
  EACCES: { words: 'permission denied', code: 'PERMISSION_DENIED', exit: ExitCode.Failed },
  EPERM: { words: 'operation not permitted', code: 'PERMISSION_DENIED', exit: ExitCode.Failed },
  EROFS: { words: 'the file system is read-only', code: 'READ_ONLY', exit: ExitCode.Failed },
  ENOSPC: { words: 'no space left on the device', code: 'DISK_FULL', exit: ExitCode.Failed },
  EDQUOT: { words: 'disk quota exceeded', code: 'DISK_FULL', exit: ExitCode.Failed },
  EFBIG: { words: 'the file is too large', code: 'DISK_FULL', exit: ExitCode.Failed },
  EIO: { words: 'input/output error (a failing disk?)', code: 'IO_ERROR', exit: ExitCode.Failed },
  EMFILE: { words: 'too many open files', code: 'TOO_MANY_FILES', exit: ExitCode.Failed },
  ENFILE: { words: 'too many open files in the system', code: 'TOO_MANY_FILES', exit: ExitCode.Failed },
  EBUSY: { words: 'the file or device is busy', code: 'BUSY', exit: ExitCode.Failed },
  ETXTBSY: { words: 'the file is busy', code: 'BUSY', exit: ExitCode.Failed },
  EXDEV: { words: 'it is on another file system', code: 'CROSS_DEVICE', exit: ExitCode.Failed },
  EPIPE: { words: 'the reader closed the pipe', code: 'BROKEN_PIPE', exit: ExitCode.Failed },
  EBADF: { words: 'it is closed', code: 'CLOSED', exit: ExitCode.Failed },
  EAGAIN: { words: 'the resource is temporarily unavailable', code: 'IO_ERROR', exit: ExitCode.Failed },
  ENAMETOOLONG: { words: 'a name in the path is too long', code: 'NAME_TOO_LONG', exit: ExitCode.BadInput },
  ENOENT: { words: 'no such file or folder', code: 'NOT_FOUND', exit: ExitCode.BadInput },
  ENOTDIR: { words: 'a part of the path is not a folder', code: 'NOT_A_FOLDER', exit: ExitCode.BadInput },
  EEXIST: { words: 'something else already exists there', code: 'ALREADY_EXISTS', exit: ExitCode.BadInput },
  EISDIR: { words: 'it is a folder, not a file', code: 'IS_A_FOLDER', exit: ExitCode.BadInput },
  ENOTEMPTY: { words: 'the folder is not empty', code: 'NOT_EMPTY', exit: ExitCode.BadInput },
  ELOOP: { words: 'too many symbolic links', code: 'SYMLINK_LOOP', exit: ExitCode.BadInput },
  ENXIO: { words: 'no such device or address (a FIFO without a reader?)', code: 'NO_DEVICE', exit: ExitCode.BadInput },
}
