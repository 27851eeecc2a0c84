import { describe, expect, it } from 'vitest'
import { mkdir, open, rename, writeFile } from 'node:fs/promises'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { TaoError } from '../core/errors.js'
import { stdoutFailureLine, systemErrorToTao, userPath } from './system-error.js'

const dir = mkdtempSync(join(tmpdir(), 'tao-syserr-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sysError = (code: string, syscall: string, path?: string, dest?: string) =>
  Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, syscall, path, dest, errno: -1 })

const caught = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  )

describe('file-system errors as one line naming the path and the cause', () => {
  it.each([
    [sysError('EACCES', 'open', '/w/x/coldkey'), 1, 'PERMISSION_DENIED', 'cannot open /w/x/coldkey: permission denied'],
    [sysError('EROFS', 'mkdir', '/mnt/ro/w'), 1, 'READ_ONLY', 'cannot create the folder /mnt/ro/w: the file system is read-only'],
    [
      sysError('ENOSPC', 'write', '/w/x/.coldkey.0a1b2c3d4e5f.tmp'),
      1,
      'DISK_FULL',
      'cannot write /w/x/coldkey: no space left on the device',
    ],
    [
      sysError('EXDEV', 'rename', '/w/x/.coldkey.0a1b2c3d4e5f.tmp', '/w/x/coldkey'),
      1,
      'CROSS_DEVICE',
      'cannot write /w/x/coldkey: it is on another file system',
    ],
    [
      sysError('ENAMETOOLONG', 'open', '/w/x/hotkeys/.hhhh.0a1b2c3d4e5f.tmp'),
      2,
      'NAME_TOO_LONG',
      'cannot open /w/x/hotkeys/hhhh: a name in the path is too long',
    ],
    [
      sysError('ENOTDIR', 'scandir', '/etc/passwd/w'),
      2,
      'NOT_A_FOLDER',
      'cannot read the folder /etc/passwd/w: a part of the path is not a folder',
    ],
  ])('%s', (err, exitCode, code, message) => {
    const mapped = systemErrorToTao(err)!
    expect(mapped).toBeInstanceOf(TaoError)
    expect({ exitCode: mapped.exitCode, code: mapped.code, message: mapped.message }).toEqual({ exitCode, code, message })
    expect(mapped.detail).toBe(err.message) // the raw error stays for --verbose
  })

  it("real errors from Node's fs, and errors wrapped as a cause", async () => {
    const file = join(dir, 'file')
    await writeFile(file, 'x')
    expect(systemErrorToTao(await caught(mkdir(join(file, 'sub'), { recursive: true })))?.message).toBe(
      `cannot create the folder ${join(file, 'sub')}: a part of the path is not a folder`,
    )
    expect(systemErrorToTao(await caught(open(join(dir, 'missing', 'f'), 'r')))?.message).toBe(
      `cannot open ${join(dir, 'missing', 'f')}: no such file or folder`,
    )
    expect(systemErrorToTao(await caught(open(dir, 'w')))?.code).toBe('IS_A_FOLDER')
    expect(systemErrorToTao(await caught(rename(join(dir, 'nope'), join(dir, 'b'))))?.message).toBe(
      `cannot write ${join(dir, 'b')}: no such file or folder`,
    )
    const wrapped = new Error('saving the key failed', { cause: sysError('ENOSPC', 'write', '/w/k') })
    expect(systemErrorToTao(wrapped)?.code).toBe('DISK_FULL')
  })

  it('leaves other errors alone', () => {
    expect(systemErrorToTao(new Error('boom'))).toBeUndefined()
    expect(systemErrorToTao(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined()
  })

  it('names the user path, not a private temp file', () => {
    expect(userPath('/w/x/.coldkeypub.txt.a1b2c3d4e5f6.tmp')).toBe('/w/x/coldkeypub.txt')
    expect(userPath('/w/x/coldkey')).toBe('/w/x/coldkey')
  })

  it('says why stdout cannot be written', () => {
    expect(stdoutFailureLine(sysError('ENOSPC', 'write'))).toBe('cannot write the output: no space left on the device')
    expect(stdoutFailureLine(sysError('EBADF', 'write'))).toBe('cannot write the output: it is closed')
  })
})
