import type { Chain } from '../rpc/index.js'
import { readStakes, stakeReadable } from './stake.js'

/** One stake position of a coldkey: alpha on a subnet through a hotkey, and what it is worth in TAO. */
export interface StakePosition {
  hotkey: string
  netuid: number
  /** Alpha in its base units (9 decimals, like rao). */
  alpha: bigint
  /** TAO value in rao at the subnet's current pool price (root and stable subnets: 1:1). */
  tao: bigint
}

export interface AccountBalance {
  ss58: string
  free: bigint
  reserved: bigint
  frozen: bigint
  stakes: StakePosition[]
  /** Sum of the stakes' TAO value. */
  staked: bigint
  /** Why stake could not be read on this runtime, if it could not. */
  stakeUnavailable?: string
}

/**
 * Balances and stake of several accounts, read in parallel. Stake comes from the same reader as
 * `stake list` (readStakes): every position of every account in one runtime call.
 */
export async function fetchBalances(chain: Chain, addresses: string[]): Promise<AccountBalance[]> {
  const unavailable = stakeReadable(chain.metadata)
  const [accounts, stakes] = await Promise.all([
    Promise.all(addresses.map((ss58) => chain.account(ss58))),
    unavailable ? Promise.resolve([]) : readStakes(chain, addresses),
  ])
  return addresses.map((ss58, i) => {
    const account = accounts[i]!
    const own: StakePosition[] = stakes.filter((s) => s.coldkey === ss58).map((s) => ({ hotkey: s.hotkey, netuid: s.netuid, alpha: s.alpha, tao: s.value }))
    return {
      ss58,
      free: account.free,
      reserved: account.reserved,
      frozen: account.frozen,
      stakes: own,
      staked: own.reduce((sum, s) => sum + s.tao, 0n),
      ...(unavailable ? { stakeUnavailable: unavailable } : {}),
    }
  })
}
