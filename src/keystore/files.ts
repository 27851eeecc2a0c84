import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { expandHome } from '../config/settings.js'
import { badInput } from '../errors.js'

/**
 * Write a file so that a crash or kill at any instant leaves either the old file or the new one:
 * a private temp file beside it (O_EXCL, mode 0600), fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, opts: { overwrite: boolean; mode?: number }): Promise<void> {
  const mode = opts.mode ?? 0o600
  if (!opts.overwrite && (await pathExists(path))) throw badInput(`${path} already exists; use --overwrite to replace it`, 'KEY_EXISTS')
  // Web Crypto's random source: importing node:crypto would cost every command's start-up (issue 9).
  const tmp = join(dirname(path), `.${basename(path)}.${Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex')}.tmp`)
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.chmod(mode)
    await handle.sync()
  } catch (e) {
    await handle.close()
    await rm(tmp, { force: true })
    throw e
  }
  await handle.close()
  try {
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
  await syncDir(dirname(path))
}

async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r')
    try {
      await h.sync()
    } finally {
      await h.close()
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Create a folder (and parents) private to the user; tighten an existing one we created loosely. */
export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 })
  const s = await stat(path)
  if (!s.isDirectory()) throw badInput(`${path} is not a folder`, 'NOT_A_FOLDER')
  if ((s.mode & 0o077) !== 0 && process.getuid && s.uid === process.getuid()) await chmod(path, 0o700).catch(() => undefined)
}

/** A wallet or hotkey name is one path segment. */
export function validateName(name: string, what: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) throw badInput(`${what} "${name}" is not a valid name (one folder name, no slashes)`, 'BAD_NAME')
  return name
}

/** btcli's layout: <root>/<name>/coldkey, coldkeypub.txt, hotkeys/<hotkey>, hotkeys/<hotkey>pub.txt. */
export function walletPaths(root: string, name: string, hotkey: string) {
  const dir = join(expandHome(root), validateName(name, 'wallet name'))
  const hotkeysDir = join(dir, 'hotkeys')
  validateName(hotkey, 'hotkey name')
  return {
    dir,
    coldkey: join(dir, 'coldkey'),
    coldkeypub: join(dir, 'coldkeypub.txt'),
    hotkeysDir,
    hotkey: join(hotkeysDir, hotkey),
    hotkeypub: join(hotkeysDir, `${hotkey}pub.txt`),
  }
}
