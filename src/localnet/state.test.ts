import { spawn } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { taoStateDir } from '../config/dirs.js'
import { isLocalnetProcess, readRecord, writeJsonAtomic } from './state.js'

describe('localnet state', () => {
  it('lives in $TAO_STATE_DIR, else $XDG_STATE_HOME/taocli, else ~/.local/state/taocli', () => {
    expect(taoStateDir({ TAO_STATE_DIR: '/x/y' })).toBe('/x/y')
    expect(taoStateDir({ XDG_STATE_HOME: '/s' })).toBe('/s/taocli')
    expect(taoStateDir({})).toBe(path.join(homedir(), '.local', 'state', 'taocli'))
  })

  it('records round trip as 0600 files; junk reads as no record', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tao-state-'))
    const file = path.join(dir, 'sub', 'localnet.json')
    const record = { pid: 123, endpoint: 'ws://127.0.0.1:9944', port: 9944, log: '/l', startedAt: 'now' }
    await writeJsonAtomic(file, record)
    expect(readRecord(file)).toEqual(record)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    writeFileSync(file, '{not json')
    expect(readRecord(file)).toBeUndefined()
    expect(readRecord(path.join(dir, 'missing.json'))).toBeUndefined()
  })

  it('recognises only live localnet processes', async () => {
    expect(isLocalnetProcess(2 ** 22 - 1)).toBe(false)
    // A live process that is not a localnet (where /proc can tell).
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' })
    try {
      expect(isLocalnetProcess(other.pid!)).toBe(process.platform !== 'linux')
    } finally {
      other.kill()
    }
  })
})
