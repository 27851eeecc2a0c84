import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { taoStateDir } from '../config/dirs.js'
import { ensureDir, READ_LIMIT, readRegularFileSync, writeFileAtomic } from '../fsx/files.js'

/** A detached localnet is recorded in tao's state folder, one per folder. */
export const stateFile = (dir = taoStateDir()): string => path.join(dir, 'localnet.json')
export const logFile = (dir = taoStateDir()): string => path.join(dir, 'localnet.log')
export const readyFile = (dir = taoStateDir()): string => path.join(dir, 'localnet.ready.json')

/** What `start --detach` records and `stop` reads. */
export interface LocalnetRecord {
  pid: number
  endpoint: string
  port: number
  log: string
  startedAt: string
}

export function readRecord(file = stateFile()): LocalnetRecord | undefined {
  let text: string
  try {
    text = readRegularFileSync(file, 'the localnet record', READ_LIMIT.small)
  } catch {
    return undefined
  }
  try {
    const r = JSON.parse(text) as Partial<LocalnetRecord>
    if (typeof r.pid === 'number' && Number.isInteger(r.pid) && r.pid > 0 && typeof r.endpoint === 'string') return r as LocalnetRecord
  } catch {
    // fall through: an unreadable record is a stale one
  }
  return undefined
}

/** Write whole or not at all, 0600: it names a process of this user. */
export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await ensureDir(path.dirname(file))
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(data, null, 2) + '\n'), { overwrite: true })
}

export const removeFile = (file: string): void => rmSync(file, { force: true })

/**
 * Is this pid a live process (not a zombie)? With /proc, also that it is a `localnet start` of ours, so a
 * recycled pid is never signalled.
 */
export function isLocalnetProcess(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  let stat: string
  let cmdline: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    return true // no /proc (macOS): the signal check is all there is
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  if (state === 'Z' || state === 'X') return false
  const args = cmdline.split('\0')
  return args.includes('localnet') && args.includes('start')
}
