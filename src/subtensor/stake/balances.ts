import type { Chain } from '../../node/index.js'
import { readStakeHoldings, stakeReadable, type StakeValue } from './stake.js'

/** One stake position of a coldkey: alpha on a subnet through a hotkey, and what it is worth in TAO. */
export interface AccountStake extends StakeValue {
  hotkey: string
  netuid: number
  /** Alpha in its base units (9 decimals, like rao). */
  alpha: bigint
}

export interface AccountBalance {
  ss58: string
  free: bigint
  reserved: bigint
  frozen: bigint
  stakes: AccountStake[]
  /** The stakes together: spot value summed, and what unstaking them all now would pay (one sale per subnet). */
  staked: StakeValue
  /** Why stake could not be read on this runtime, if it could not. */
  stakeUnavailable?: string
}

/**
 * Balances and stake of several accounts, all read at one block (the best when called): the accounts in one
 * storage request, stake from the same reader as `stake list` (readStakeHoldings), every position of every
 * account in one runtime call.
 */
export async function fetchBalances(
  chain: Chain,
  addresses: string[],
): Promise<{ block: number; balances: AccountBalance[]; staked: StakeValue }> {
  const unavailable = stakeReadable(chain.metadata)
  const reads = await chain.atHead('best')
  const none: StakeValue = { spotValue: 0n, swapValue: 0n }
  const [accounts, holdings, block] = await Promise.all([
    reads.storageMany(addresses.map((ss58) => ['System', 'Account', ss58] as const)) as Promise<
      Array<{ data: Record<string, bigint> } | undefined>
    >,
    unavailable ? Promise.resolve({ stakes: [], accounts: [], total: none }) : readStakeHoldings(chain, addresses, { at: reads.hash }),
    reads.blockNumber(),
  ])
  const balances = addresses.map((ss58, i) => {
    const d = accounts[i]?.data ?? {}
    const own: AccountStake[] = holdings.stakes
      .filter((s) => s.coldkey === ss58)
      .map((s) => ({ hotkey: s.hotkey, netuid: s.netuid, alpha: s.alpha, spotValue: s.spotValue, swapValue: s.swapValue }))
    const together = holdings.accounts.find((a) => a.coldkey === ss58)
    return {
      ss58,
      free: d.free ?? 0n,
      reserved: d.reserved ?? 0n,
      // Older runtimes split the frozen balance in two; the larger is what cannot move.
      frozen: d.frozen ?? maxBig(d.misc_frozen ?? 0n, d.fee_frozen ?? 0n),
      stakes: own,
      staked: together ? { spotValue: together.spotValue, swapValue: together.swapValue } : none,
      ...(unavailable ? { stakeUnavailable: unavailable } : {}),
    }
  })
  return { block, balances, staked: holdings.total }
}

const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b)
