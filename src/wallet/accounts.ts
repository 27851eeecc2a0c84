import { badInput } from '../core/errors.js'
import { encodeAddress, parseAddress } from '../core/ss58.js'
import { warn } from '../core/output.js'
import { describeKey } from './keycheck.js'
import type { WalletSelection } from './selection.js'
import { listWallets, readPublicKey } from './store.js'

/** A coldkey address to read, and the local wallets that hold it (none for an address given with --ss58). */
export interface ColdkeyAccount {
  ss58: string
  wallets: string[]
}

export interface AccountSelection {
  accounts: ColdkeyAccount[]
  /** Wallets that could not be read (no coldkey address). */
  skipped: { name: string; error: string }[]
  /** Said on stderr as found (a coldkey whose public file is not its key's). */
  warnings: string[]
}

/**
 * The coldkeys a reading command shows: each `--ss58`, every wallet (`--all`), or the selected wallet. An address is
 * one account however many wallets hold it (each wallet named), so nothing is counted twice.
 */
export async function selectColdkeys(sel: WalletSelection, opts: { all?: boolean; ss58?: string[] }): Promise<AccountSelection> {
  const accounts: ColdkeyAccount[] = []
  const add = (ss58: string, wallet?: string) => {
    const account = accounts.find((a) => a.ss58 === ss58) ?? accounts[accounts.push({ ss58, wallets: [] }) - 1]!
    if (wallet !== undefined && !account.wallets.includes(wallet)) account.wallets.push(wallet)
  }
  const skipped: AccountSelection['skipped'] = []
  const warnings: string[] = []
  const mismatch = (name: string, k: { keyMatchesPub: boolean | null; error: string | null }) => {
    if (k.keyMatchesPub === false) warnings.push(`wallet "${name}": ${k.error}; the figures shown are for coldkeypub.txt's address`)
  }
  for (const address of opts.ss58 ?? []) add(encodeAddress(parseAddress(address, undefined, '--ss58')))
  if (opts.all) {
    for (const w of await listWallets(sel.path)) {
      if (w.coldkey.ss58) add(w.coldkey.ss58, w.name)
      else skipped.push({ name: w.name, error: w.coldkey.error ?? 'no coldkey address' })
      mismatch(w.name, w.coldkey)
    }
    if (accounts.length === 0) throw badInput(`no wallets with a coldkey address under ${sel.path}`, 'NOT_FOUND')
  } else if (!opts.ss58?.length) {
    const w = { root: sel.path, name: sel.name }
    add((await readPublicKey(w, { kind: 'coldkey' })).ss58, sel.name)
    mismatch(sel.name, await describeKey(w, { kind: 'coldkey' }))
  }
  for (const warning of warnings) warn(warning)
  return { accounts, skipped, warnings }
}
