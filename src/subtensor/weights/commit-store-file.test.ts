import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PendingCommit } from './commit-store.js'
import {
  archiveFile,
  archivePending,
  pendingDir,
  pendingFile,
  readArchive,
  readPending,
  restorePending,
  updatePending,
} from './commit-store-file.js'

const HOTKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const root = mkdtempSync(path.join(tmpdir(), 'tao-pending-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const record = (n: number): PendingCommit => ({
  hash: '0x' + n.toString(16).padStart(64, '0'),
  genesisHash: '0xgen',
  uids: [0],
  values: [65535],
  salt: [n, 2, 3, 4, 5, 6, 7, 8],
  versionKey: '0',
  createdAt: '2026-07-01T00:00:00Z',
  block: null,
})

describe('pending commits on disk', () => {
  it('live under $TAO_STATE_DIR/weights, one 0600 file per hotkey and subnet', async () => {
    expect(pendingDir({ TAO_STATE_DIR: '/x/state' })).toBe('/x/state/weights')
    const dir = path.join(root, 'a')
    await updatePending(HOTKEY, 2, (s) => ({ ...s, commits: [record(1)] }), dir)
    expect(statSync(pendingFile(HOTKEY, 2, dir)).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect((await readPending(HOTKEY, 2, dir)).commits).toEqual([record(1)])
    expect((await readPending(HOTKEY, 3, dir)).commits).toEqual([])
  })

  it('loses nothing when many runs add at once, and removes the file when the last record goes', async () => {
    const dir = path.join(root, 'b')
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => updatePending(HOTKEY, 2, (s) => ({ ...s, commits: [...s.commits, record(i)] }), dir)),
    )
    expect((await readPending(HOTKEY, 2, dir)).commits.map((c) => c.salt[0]!).sort((a, b) => a - b)).toEqual([...Array(12).keys()])
    await updatePending(HOTKEY, 2, (s) => ({ ...s, commits: [] }), dir)
    expect(existsSync(pendingFile(HOTKEY, 2, dir))).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('never replaces a damaged file', async () => {
    const dir = path.join(root, 'c')
    await updatePending(HOTKEY, 2, (s) => ({ ...s, commits: [record(1)] }), dir)
    writeFileSync(pendingFile(HOTKEY, 2, dir), '{"version":1,"hotk')
    await expect(updatePending(HOTKEY, 2, (s) => ({ ...s, commits: [...s.commits, record(2)] }), dir)).rejects.toThrow(/damaged/)
    await expect(readPending(HOTKEY, 2, dir)).rejects.toMatchObject({ exitCode: 1 })
  })
})

describe('the archive: a salt is never lost on a node’s word', () => {
  it('archived records keep their salts, come back when the chain shows them, and two stores never both drop one', async () => {
    const dir = path.join(root, 'archive')
    await updatePending(HOTKEY, 4, (s) => ({ ...s, commits: [record(1), record(2)] }), dir)
    // A node that does not show commit 1 (behind, or a reorg): out of the way, salt kept.
    await archivePending(HOTKEY, 4, [record(1).hash], dir)
    expect((await readPending(HOTKEY, 4, dir)).commits).toEqual([record(2)])
    expect((await readArchive(HOTKEY, 4, dir)).commits).toEqual([record(1)])
    expect(statSync(archiveFile(HOTKEY, 4, dir)).mode & 0o777).toBe(0o600)
    // An honest node shows it after all: back, whole.
    await restorePending(HOTKEY, 4, [record(1).hash], dir)
    expect((await readPending(HOTKEY, 4, dir)).commits.map((c) => c.salt[0])).toEqual([2, 1])
    expect(existsSync(archiveFile(HOTKEY, 4, dir))).toBe(false)
    // Archiving what is already archived (a crash left it in both) keeps one copy.
    await archivePending(HOTKEY, 4, [record(2).hash], dir)
    await updatePending(HOTKEY, 4, (s) => ({ ...s, commits: [...s.commits, record(2)] }), dir)
    await archivePending(HOTKEY, 4, [record(2).hash], dir)
    expect((await readArchive(HOTKEY, 4, dir)).commits).toEqual([record(2)])
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
  })
})
