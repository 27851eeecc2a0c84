import { open, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { emptyStore, parseStore, serializeStore, storeFileName, type CommitStore } from './commit-store.js'
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

/** The store for this hotkey and subnet (empty when there is no file). A damaged file fails, never replaced. */
export async function readPending(hotkey: string, netuid: number, dir = pendingDir()): Promise<CommitStore> {
  const file = pendingFile(hotkey, netuid, dir)
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
  return withLock(file, async () => {
    const next = change(await readPending(hotkey, netuid, dir))
    if (next.commits.length === 0) await rm(file, { force: true })
    else await writeFileAtomic(file, new TextEncoder().encode(serializeStore(next)), { overwrite: true, mode: 0o600 })
    return next
  })
}

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
