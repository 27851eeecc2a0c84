import { toHex } from '../core/hex.js'
import type { RuntimeMetadata, StorageInfo } from '../node/metadata.js'
import type { Funding } from './fund.js'

/** Reads the fresh chain's head state (raw hex), so existing values (a fork's accounts) are kept. */
export interface StateReader {
  get(key: string): Promise<string | undefined>
  /** Every key under a prefix. */
  keys(prefix: string): Promise<string[]>
}

/**
 * A limit that makes a fresh chain wait between the steps a test or a tutorial takes. Each is stored as
 * an explicit 0, which every check in the runtime reads as "no limit" (`blocks_since >= 0`, or `limit == 0`
 * skips the check). Items a runtime lacks are skipped, so forks of newer runtimes work too.
 */
export interface Relaxation {
  pallet: string
  item: string
  /** One entry per netuid (existing ones and the next RELAXED_NETUIDS to be created). */
  perNetuid: boolean
  why: string
}

export const RELAXATIONS: readonly Relaxation[] = [
  {
    pallet: 'SubtensorModule',
    item: 'NetworkRateLimit',
    perNetuid: false,
    why: 'register_network: blocks since the last subnet (10 at genesis)',
  },
  // Not touched by register_network's init of a new subnet, so entries written now cover subnets made later.
  {
    pallet: 'SubtensorModule',
    item: 'WeightsSetRateLimit',
    perNetuid: true,
    why: 'set_weights: blocks since registration or the last weights (default 100)',
  },
  {
    pallet: 'SubtensorModule',
    item: 'ServingRateLimit',
    perNetuid: true,
    why: 'serve_axon / serve_prometheus: blocks between updates (default 50)',
  },
  {
    pallet: 'SubtensorModule',
    item: 'TxRateLimit',
    perNetuid: false,
    why: 'become_delegate, swap_hotkey: blocks between them per coldkey',
  },
  {
    pallet: 'SubtensorModule',
    item: 'TxDelegateTakeRateLimit',
    perNetuid: false,
    why: 'increase_take: blocks between take increases (216000 at genesis)',
  },
  {
    pallet: 'SubtensorModule',
    item: 'TxChildkeyTakeRateLimit',
    perNetuid: false,
    why: 'set_childkey_take: blocks between take changes (216000 at genesis)',
  },
  // The stake a hotkey needs to set weights: 0 at this genesis, 1000 TAO on a fork of finney (renamed over time).
  { pallet: 'SubtensorModule', item: 'WeightsMinStake', perNetuid: false, why: 'set_weights: minimum stake of the hotkey' },
  { pallet: 'SubtensorModule', item: 'StakeThreshold', perNetuid: false, why: 'set_weights: minimum stake of the hotkey' },
]

/** Netuids relaxed ahead of time: 0..RELAXED_NETUIDS-1, plus any existing netuid beyond. */
export const RELAXED_NETUIDS = 256

export interface InitialStateOptions {
  funding: readonly Funding[]
  /** SS58 of the account to make the sudo key, if the runtime has pallet Sudo. */
  sudo: string
  /** false under --realistic: keep every limit as the chain has it. */
  relax: boolean
}

export interface InitialState {
  /** Raw `[key, value]` pairs for Chopsticks' setStorage. */
  writes: Array<[string, string]>
  funded: Funding[]
  /** The sudo key now, or null when the runtime has no pallet Sudo. */
  sudo: string | null
  /** "Pallet.Item" of every limit stored as 0. */
  relaxed: string[]
}

interface AccountInfoValue {
  providers: number
  data: { free: bigint }
}

/** The storage writes that turn a bare genesis (or fork) into a chain people can use at once. */
export async function initialState(meta: RuntimeMetadata, state: StateReader, opts: InitialStateOptions): Promise<InitialState> {
  const writes: Array<[string, string]> = []
  const put = (info: StorageInfo, keys: unknown[], value: unknown) => writes.push([info.encodeKey(...keys), toHex(info.encodeValue(value))])

  const account = meta.requireStorage('System', 'Account')
  let minted = 0n
  for (const f of opts.funding) {
    const key = account.encodeKey(f.ss58)
    const raw = await state.get(key)
    const current = (raw === undefined ? account.fallback : account.decodeValue(raw)) as AccountInfoValue
    minted += f.rao - BigInt(current.data.free)
    put(account, [f.ss58], { ...current, providers: Math.max(current.providers, 1), data: { ...current.data, free: f.rao } })
  }
  writes.push(...(await issuanceWrites(meta, state, minted)))

  const sudoKey = meta.storage('Sudo', 'Key')
  if (sudoKey) put(sudoKey, [], opts.sudo)

  const relaxed: string[] = []
  if (opts.relax) {
    const netuids = await knownNetuids(meta, state)
    for (const r of RELAXATIONS) {
      const info = meta.storage(r.pallet, r.item)
      if (!info) continue
      const zero = typeof info.fallback === 'bigint' ? 0n : 0
      if (r.perNetuid) for (const netuid of netuids) put(info, [netuid], zero)
      else put(info, [], zero)
      relaxed.push(`${r.pallet}.${r.item}`)
    }
  }
  return { writes, funded: [...opts.funding], sudo: sudoKey ? opts.sudo : null, relaxed }
}

/**
 * Balances written straight into storage mint TAO that no issuance counts: move both issuance figures by what
 * the funding added, so `chain info` and the runtime's emission schedule (which reads SubtensorModule's) agree
 * with the accounts. Where SubtensorModule.TotalIssuance was never initialised (below the balances', as at the
 * raonet genesis: 0), it is set as the runtime's own migration (migrate_init_total_issuance) does:
 * balances' issuance + TotalStake + every SubnetLocked.
 */
async function issuanceWrites(view: RuntimeMetadata, state: StateReader, minted: bigint): Promise<Array<[string, string]>> {
  const read = async (info: StorageInfo, ...keys: unknown[]): Promise<bigint> => {
    const raw = await state.get(info.encodeKey(...keys))
    return BigInt((raw === undefined ? info.fallback : info.decodeValue(raw)) as bigint)
  }
  const out: Array<[string, string]> = []
  const put = (info: StorageInfo, value: bigint) => out.push([info.encodeKey(), toHex(info.encodeValue(value))])
  const balancesInfo = view.storage('Balances', 'TotalIssuance')
  const subtensorInfo = view.storage('SubtensorModule', 'TotalIssuance')
  const balancesBefore = balancesInfo ? await read(balancesInfo) : null
  const clamp = (v: bigint) => (v < 0n ? 0n : v)
  if (balancesInfo && balancesBefore !== null) put(balancesInfo, clamp(balancesBefore + minted))
  if (subtensorInfo) {
    const before = await read(subtensorInfo)
    if (balancesBefore !== null && before < balancesBefore) {
      const stakeInfo = view.storage('SubtensorModule', 'TotalStake')
      const lockedInfo = view.storage('SubtensorModule', 'SubnetLocked')
      const stake = stakeInfo ? await read(stakeInfo) : 0n
      let locked = 0n
      if (lockedInfo)
        for (const key of await state.keys(lockedInfo.encodeKey())) {
          const raw = await state.get(key)
          if (raw !== undefined) locked += BigInt(lockedInfo.decodeValue(raw) as bigint)
        }
      put(subtensorInfo, clamp(balancesBefore + minted) + stake + locked)
    } else put(subtensorInfo, clamp(before + minted))
  }
  return out
}

/** 0..RELAXED_NETUIDS-1 and every netuid the chain already has. */
async function knownNetuids(meta: RuntimeMetadata, state: StateReader): Promise<number[]> {
  const netuids = new Set<number>(Array.from({ length: RELAXED_NETUIDS }, (_, i) => i))
  const added = meta.storage('SubtensorModule', 'NetworksAdded')
  if (added) for (const key of await state.keys(added.encodeKey())) netuids.add(Number(added.decodeKey(key)[0]))
  return [...netuids].sort((a, b) => a - b)
}
