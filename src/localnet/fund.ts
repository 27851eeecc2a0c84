import { RAO_PER_TAO } from '../core/amount.js'
import { DEV_ACCOUNT_NAMES, DEV_ADDRESSES } from './dev-addresses.js'

/** Free balance every dev account gets: a million TAO, enough for any number of subnet locks and burns. */
export const DEV_BALANCE = 1_000_000n * RAO_PER_TAO

/** One account to give a free balance; `name` for the dev accounts, null for --fund entries. */
export interface Funding {
  name: string | null
  ss58: string
  rao: bigint
}

/**
 * The dev accounts with DEV_BALANCE, then the extra entries (`--fund ADDRESS=TAO`, read by src/cli/parse.ts;
 * addresses in Bittensor's format): a later entry for the same address wins.
 */
export function fundingPlan(entries: ReadonlyArray<{ ss58: string; rao: bigint }> = []): Funding[] {
  const plan: Funding[] = DEV_ACCOUNT_NAMES.map((name) => ({ name, ss58: DEV_ADDRESSES[name], rao: DEV_BALANCE }))
  for (const entry of entries) {
    const extra: Funding = { name: null, ...entry }
    const same = plan.findIndex((f) => f.ss58 === extra.ss58)
    if (same >= 0) plan[same] = { ...plan[same]!, rao: extra.rao }
    else plan.push(extra)
  }
  return plan
}
