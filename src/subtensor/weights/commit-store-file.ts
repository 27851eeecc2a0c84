import { open, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  emptyStore,
  parseStore,
  serializeStore,
  storeFileName,
  withoutHashes,
  type CommitStore,
  type PendingCommit,
} from './commit-store.js'
import { failed, TaoError } from '../../core/errors.js'
import { ensureDir, READ_LIMIT, readRegularFile, writeFileAtomic } from '../../fsx/files.js'
import { taoStateDir } from '../../config/dirs.js'

/**
 * Pending weight commits on disk: `<state dir>/weights/<hotkey>-<netuid>.json`, 0600 in a 0700 folder, where
 * the state dir is $TAO_STATE_DIR, else $XDG_STATE_HOME/taocli, else ~/.local/state/taocli. Every change is a
 * read-modify-write under a lock file and lands by atomic rename, so two runs at once lose nothing.
 */

export const pendingDir = (env: NodeJS.ProcessEnv = process.env): string => path.join(taoStateDir(env), 'weights')
export const pendingFile = (hotkey: string, netuid: number, dir = pendingDir()): string => path.join(dir, storeFileName(hotkey, netuid))

/**
 * Commits taken out of the pending store (revealed, past their window, or not shown by a node) are kept, salts
 * and all, in `<hotkey>-<netuid>.archive.json` beside it: what a node says (a lagging node, a reorg) can move a
 * record out of the way, never lose the salt a later reveal needs.
 */
export const archiveFile = (hotkey: string, netuid: number, dir = pendingDir()): string =>
  pendingFile(hotkey, netuid, dir).replace(/\.json$/, '.archive.json')

/** The store for this hotkey and subnet (empty when there is no file). A damaged file fails, never replaced. */
export const readPending = (hotkey: string, netuid: number, dir = pendingDir()): Promise<CommitStore> =>
  readStoreFile(pendingFile(hotkey, netuid, dir), hotkey, netuid)

/** The archived commits of this hotkey and subnet. */
export const readArchive = (hotkey: string, netuid: number, dir = pendingDir()): Promise<CommitStore> =>
  readStoreFile(archiveFile(hotkey, netuid, dir), hotkey, netuid)

async function readStoreFile(file: string, hotkey: string, netuid: number): Promise<CommitStore> {
  let text: string
  try {
    text = Buffer.from(await readRegularFile(file, 'the pending weight commits', READ_LIMIT.commits)).toString('utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore(hotkey, netuid)
    if (err instanceof TaoError) throw err
    throw failed(`cannot read the pending weight commits in ${file}: ${(err as Error).message}`, 'COMMIT_STORE')
  }
  try {
    return parseStore(text, hotkey, netuid)
  } catch (err) {
    throw failed(`the pending weight commits file ${file} is damaged (${(err as Error).message}); move it away to continue`, 'COMMIT_STORE')
  }
}

/** Change the store under its lock; an empty result removes the file. */
export async function updatePending(
  hotkey: string,
  netuid: number,
  change: (store: CommitStore) => CommitStore,
  dir = pendingDir(),
): Promise<CommitStore> {
  await ensureDir(dir)
  const file = pendingFile(hotkey, netuid, dir)
  return withLock(file, () => rewrite(file, hotkey, netuid, change))
}

async function rewrite(file: string, hotkey: string, netuid: number, change: (store: CommitStore) => CommitStore): Promise<CommitStore> {
  const next = change(await readStoreFile(file, hotkey, netuid))
  if (next.commits.length === 0) await rm(file, { force: true })
  else await writeFileAtomic(file, new TextEncoder().encode(serializeStore(next)), { overwrite: true, mode: 0o600 })
  return next
}

const merged = (store: CommitStore, records: readonly PendingCommit[]): CommitStore => ({
  ...store,
  commits: [...store.commits.filter((c) => !records.some((r) => r.hash === c.hash)), ...records],
})

/**
 * Move records between the pending store and the archive, under both locks (pending first): written to where they
 * go before they leave where they were, so a crash between the two leaves a record in both, never in neither.
 */
async function move(hotkey: string, netuid: number, hashes: readonly string[], toArchive: boolean, dir: string): Promise<void> {
  if (hashes.length === 0) return
  await ensureDir(dir)
  const pending = pendingFile(hotkey, netuid, dir)
  const archive = archiveFile(hotkey, netuid, dir)
  const [from, to] = toArchive ? [pending, archive] : [archive, pending]
  await withLock(pending, () =>
    withLock(archive, async () => {
      const records = (await readStoreFile(from, hotkey, netuid)).commits.filter((c) => hashes.includes(c.hash))
      await rewrite(to, hotkey, netuid, (store) => merged(store, records))
      await rewrite(from, hotkey, netuid, (store) =>
        withoutHashes(
          store,
          records.map((r) => r.hash),
        ),
      )
    }),
  )
}

/** Take records out of the pending store into the archive (never deleted there). */
export const archivePending = (hotkey: string, netuid: number, hashes: readonly string[], dir = pendingDir()): Promise<void> =>
  move(hotkey, netuid, hashes, true, dir)

/** Bring archived records back: the chain shows them after all (a node that lagged, a reorg undone). */
export const restorePending = (hotkey: string, netuid: number, hashes: readonly string[], dir = pendingDir()): Promise<void> =>
  move(hotkey, netuid, hashes, false, dir)

const LOCK_WAIT_MS = 10_000
/** A lock older than this was left by a process that died mid-update (an update takes milliseconds). */
const STALE_LOCK_MS = 60_000

async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600)
      await handle.writeFile(String(process.pid))
      await handle.close()
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (age > STALE_LOCK_MS) {
        await rm(lock, { force: true })
        continue
      }
      if (Date.now() > deadline) throw failed(`${file} is being changed by another tao process (lock ${lock})`, 'COMMIT_STORE_LOCKED')
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(lock, { force: true })
  }
}
