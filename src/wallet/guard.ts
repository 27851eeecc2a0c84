import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { expandHome } from '../config/settings.js'
import { failed, TaoError } from '../core/errors.js'
import { hasJournal, recoverJournal } from '../fsx/journal.js'
import { ensureDir, removeCreatedDirs } from '../fsx/files.js'
import { acquireLock } from '../fsx/lock.js'
import { validateName } from './names.js'
import { errorText, taoDir, walletDir, type WalletLocation } from './paths.js'

/** The files a wallet change may name in its journal: keys, public keys and tao's key records. */
function walletFiles(relativePath: string): boolean {
  if (['coldkey', 'coldkeypub.txt', join('.tao', 'keys.json')].includes(relativePath)) return true
  const m = /^hotkeys\/([^/]+)$/.exec(relativePath)
  if (!m) return false
  try {
    validateName(m[1] ?? '', 'hotkey name')
    return true
  } catch {
    return false
  }
}

/**
 * One writer per wallet: every change to a wallet's files runs inside `withWalletLock`, which takes the
 * wallet's lock (waiting up to TAO_LOCK_TIMEOUT for a live holder, recovering a dead one's), first undoes
 * any change a killed writer left half-done, and on failure removes the folders this run created.
 */
export interface WalletGuard {
  /** The wallet folder. */
  base: string
  /** tao's own folder inside it (`.tao`: lock, journal, key records). */
  taoDir: string
}

const lockOf = (w: WalletLocation) => acquireLock(join(taoDir(w), 'lock'), `wallet "${w.name}"`, { errorPath: walletDir(w) })

export async function withWalletLock<T>(w: WalletLocation, folders: string[], fn: (g: WalletGuard) => Promise<T>): Promise<T> {
  const base = walletDir(w)
  const tao = taoDir(w)
  const created: string[] = []
  try {
    for (const dir of [expandHome(w.root), base, tao, ...folders]) created.push(...(await ensureDir(dir)))
    const lock = await lockOf(w)
    try {
      await recoverJournal(base, tao, walletFiles)
      return await fn({ base, taoDir: tao })
    } finally {
      await lock.release()
    }
  } catch (e) {
    await removeCreatedDirs(created)
    throw e
  }
}

/**
 * Before reading a wallet: if a writer was killed half-way (its journal is left), undo its change so the
 * reader sees whole files. Costs one stat when there is nothing to do; writes only when there is.
 */
export async function recoverWallet(w: WalletLocation): Promise<void> {
  const tao = taoDir(w)
  if (!(await hasJournal(tao))) return
  try {
    const lock = await lockOf(w)
    try {
      await recoverJournal(walletDir(w), tao, walletFiles)
    } finally {
      await lock.release()
    }
  } catch (e) {
    if (e instanceof TaoError && e.code === 'WALLET_LOCKED') throw e
    throw failed(`wallet "${w.name}" has a change that was interrupted and cannot be undone now: ${errorText(e)}`, 'UNFINISHED_CHANGE')
  }
}

/**
 * Wait until no tao writer is in the middle of changing the wallet (take the lock and give it back), so a
 * second look at its files is not torn by a concurrent write. Best effort: a read-only wallet is left as is.
 */
export async function awaitQuietWallet(w: WalletLocation): Promise<void> {
  const tao = taoDir(w)
  if (
    !(await stat(tao).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return
  try {
    const lock = await lockOf(w)
    try {
      await recoverJournal(walletDir(w), tao, walletFiles)
    } finally {
      await lock.release()
    }
  } catch {
    // Nothing more to do: the caller reports what it sees.
  }
}
