import type { Chain } from '../rpc/index.js'

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

/** U64F64 fixed point (a struct `{ bits }` with 64 fractional bits), or a plain integer. */
function fixedToBigint(value: unknown): { raw: bigint; fractionalBits: bigint } {
  if (typeof value === 'bigint') return { raw: value, fractionalBits: 0n }
  if (typeof value === 'number') return { raw: BigInt(value), fractionalBits: 0n }
  if (value && typeof value === 'object' && 'bits' in value) return { raw: BigInt((value as { bits: bigint }).bits), fractionalBits: 64n }
  return { raw: 0n, fractionalBits: 0n }
}

const asInteger = (value: unknown): bigint => {
  const { raw, fractionalBits } = fixedToBigint(value)
  return raw >> fractionalBits
}

const has = (chain: Chain, item: string) => chain.metadata.storage('SubtensorModule', item) !== undefined

/**
 * Stake of a coldkey in the dynamic-TAO era: for each hotkey it stakes to (StakingHotkeys) and each subnet,
 * `Alpha(hotkey, coldkey, netuid)`. Where the runtime keeps shares (U64F64), alpha is
 * shares × TotalHotkeyAlpha / TotalHotkeyShares. TAO value = alpha × SubnetTAO / SubnetAlphaIn on dynamic
 * subnets, 1:1 on root (netuid 0) and stable ones.
 */
async function stakesOf(chain: Chain, coldkey: string): Promise<StakePosition[]> {
  const hotkeys = ((await chain.storage('SubtensorModule', 'StakingHotkeys', coldkey)) as string[] | undefined) ?? []
  const pools = new Map<number, Promise<{ taoIn: bigint; alphaIn: bigint; dynamic: boolean }>>()
  const pool = (netuid: number) => {
    let p = pools.get(netuid)
    if (!p) {
      p = Promise.all([
        chain.storage('SubtensorModule', 'SubnetTAO', netuid),
        chain.storage('SubtensorModule', 'SubnetAlphaIn', netuid),
        has(chain, 'SubnetMechanism') ? chain.storage('SubtensorModule', 'SubnetMechanism', netuid) : Promise.resolve(1),
      ]).then(([taoIn, alphaIn, mechanism]) => ({ taoIn: asInteger(taoIn), alphaIn: asInteger(alphaIn), dynamic: Number(mechanism) !== 0 && netuid !== 0 }))
      pools.set(netuid, p)
    }
    return p
  }
  const alphaOf = async (hotkey: string, netuid: number, value: unknown): Promise<bigint> => {
    const share = fixedToBigint(value)
    if (share.fractionalBits === 0n) return share.raw
    const [totalAlpha, totalShares] = await Promise.all([
      chain.storage('SubtensorModule', 'TotalHotkeyAlpha', hotkey, netuid),
      chain.storage('SubtensorModule', 'TotalHotkeyShares', hotkey, netuid),
    ])
    const shares = fixedToBigint(totalShares)
    return shares.raw === 0n ? 0n : (share.raw * asInteger(totalAlpha)) / shares.raw
  }
  // Every hotkey and every subnet at once: the reads are independent round trips.
  const perHotkey = await Promise.all(
    hotkeys.map(async (hotkey) => {
      const entries = await chain.entries('SubtensorModule', 'Alpha', hotkey, coldkey)
      return Promise.all(
        entries.map(async ({ keys, value }): Promise<StakePosition | undefined> => {
          const netuid = Number(keys[2])
          const alpha = await alphaOf(hotkey, netuid, value)
          if (alpha === 0n) return undefined
          const { taoIn, alphaIn, dynamic } = await pool(netuid)
          const tao = !dynamic ? alpha : alphaIn === 0n ? 0n : (alpha * taoIn) / alphaIn
          return { hotkey, netuid, alpha, tao }
        }),
      )
    }),
  )
  const positions = perHotkey.flat().filter((p): p is StakePosition => p !== undefined)
  return positions.sort((a, b) => a.netuid - b.netuid || a.hotkey.localeCompare(b.hotkey))
}

/** Balances and stake of several accounts, fetched in parallel. */
export async function fetchBalances(chain: Chain, addresses: string[]): Promise<AccountBalance[]> {
  const stakeReadable = has(chain, 'StakingHotkeys') && has(chain, 'Alpha')
  return Promise.all(
    addresses.map(async (ss58) => {
      const [account, stakes] = await Promise.all([chain.account(ss58), stakeReadable ? stakesOf(chain, ss58) : Promise.resolve([])])
      return {
        ss58,
        free: account.free,
        reserved: account.reserved,
        frozen: account.frozen,
        stakes,
        staked: stakes.reduce((sum, s) => sum + s.tao, 0n),
        ...(stakeReadable ? {} : { stakeUnavailable: `this runtime (spec ${chain.specVersion}) has no SubtensorModule.Alpha stake map` }),
      }
    }),
  )
}
