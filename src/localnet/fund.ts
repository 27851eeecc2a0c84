import { parseTao, RAO_PER_TAO } from '../core/amount.js'
import { badInput } from '../core/errors.js'
import { decodeAddress, encodeAddress } from '../core/ss58.js'
import { DEV_ACCOUNT_NAMES, DEV_ADDRESSES } from './dev-addresses.js'

/** Free balance every dev account gets: a million TAO, enough for any number of subnet locks and burns. */
export const DEV_BALANCE = 1_000_000n * RAO_PER_TAO

/** One account to give a free balance; `name` for the dev accounts, null for --fund entries. */
export interface Funding {
  name: string | null
  ss58: string
  rao: bigint
}

/** `--fund SS58=TAO`: an address (any SS58 prefix; reported with Bittensor's 42) and an exact TAO amount. */
export function parseFundEntry(entry: string): Funding {
  const at = entry.lastIndexOf('=')
  if (at <= 0) throw badInput(`--fund takes ADDRESS=TAO, e.g. 5F…=100; got "${entry}"`, 'BAD_FUND')
  const ss58 = entry.slice(0, at).trim()
  const decoded = decodeAddress(ss58)
  if (!decoded.ok) throw badInput(`--fund: not an SS58 address: "${ss58}"`, 'BAD_ADDRESS')
  const rao = parseTao(entry.slice(at + 1), `--fund amount for ${ss58}`)
  return { name: null, ss58: encodeAddress(decoded.publicKey), rao }
}

/** The dev accounts with DEV_BALANCE, then the extra entries (a later entry for the same address wins). */
export function fundingPlan(entries: readonly string[] = []): Funding[] {
  const plan: Funding[] = DEV_ACCOUNT_NAMES.map((name) => ({ name, ss58: DEV_ADDRESSES[name], rao: DEV_BALANCE }))
  for (const extra of entries.map(parseFundEntry)) {
    const same = plan.findIndex((f) => f.ss58 === extra.ss58)
    if (same >= 0) plan[same] = { ...plan[same], rao: extra.rao }
    else plan.push(extra)
  }
  return plan
}

