import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { errnoOf, fsError } from '../fsx/fs-errors.js'
import { recoverWallet } from './guard.js'
import { describeKey, readRecords, type KeyState } from './keycheck.js'
import { errorText, type WalletLocation } from './paths.js'

/** One wallet as `wallet list` and `inspect` show it: every key checked, problems reported, never fatal. */
export interface WalletEntry {
  name: string
  coldkey: KeyState
  hotkeys: (KeyState & { name: string })[]
}

export async function listWallets(root: string): Promise<WalletEntry[]> {
  let names: string[]
  try {
    names = (await readdir(root, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return []
    throw fsError(e, 'read', root)
  }
  return Promise.all(names.map((name) => describeWallet({ root, name })))
}

export async function describeWallet(w: WalletLocation): Promise<WalletEntry> {
  let interrupted: string | undefined
  await recoverWallet(w).catch((e) => (interrupted = errorText(e)))
  const records = await readRecords(w)
  const coldkey = await describeKey(w, { kind: 'coldkey' }, records)
  if (interrupted) coldkey.error = [interrupted, coldkey.error].filter(Boolean).join('; ')
  // btcli's hotkeys are the files of hotkeys/; <name>pub.txt is the public twin of <name>.
  const files = await readdir(join(w.root, w.name, 'hotkeys')).catch(() => [] as string[])
  const names = [...new Set(files.filter((f) => !f.startsWith('.')).map((f) => f.replace(/pub\.txt$/, '')))].sort()
  const hotkeys = []
  for (const name of names) hotkeys.push({ name, ...(await describeKey(w, { kind: 'hotkey', name }, records)) })
  return { name: w.name, coldkey, hotkeys }
}
