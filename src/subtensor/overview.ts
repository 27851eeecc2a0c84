/**
 * `wallet overview`: every hotkey of one wallet (or of every local wallet), on every subnet where it is
 * registered, with its metagraph row, read at one block. Requests grow with the hotkeys and the subnets they
 * are on, never with the UIDs: the coldkeys' OwnedHotkeys in one request, each hotkey's IsNetworkMember
 * entries, then the metagraph of only those subnets (readMetagraph, as `subnets show` reads it) at that block.
 */
import type { Neuron } from './models.js'
import { readMetagraph } from './subnets/metagraph.js'
import { registeredNetuids } from './registrations.js'
import { optionalStorage, readsAt, type ReadChain, type ReadOptions } from '../node/read-at.js'

/** A local wallet's coldkey and the hotkeys its folder holds. */
export interface OverviewOwner {
  wallet: string
  coldkey: string
  hotkeys: Array<{ name: string; ss58: string }>
}

/** One hotkey on one subnet. */
export interface OverviewRow {
  wallet: string
  /** The hotkey's name in the wallet; null for a hotkey the coldkey owns on chain that the folder lacks. */
  hotkeyName: string | null
  netuid: number
  symbol: string | null
  neuron: Neuron
}

export interface OverviewSubnet {
  netuid: number
  symbol: string | null
  neurons: number
  /** Sums over the rows of this subnet (alpha in its own token, value in TAO). */
  alphaStake: bigint
  stakeSwapValue: bigint
  emission: bigint
}

export interface OverviewView {
  block: number
  rows: OverviewRow[]
  subnets: OverviewSubnet[]
  totals: { neurons: number; stakeSwapValue: bigint }
}

/** The rows of the owners' hotkeys; a hotkey named by two wallets (or known only on chain) is listed once. */
export async function readOverview(chain: ReadChain, owners: readonly OverviewOwner[], opts: ReadOptions = {}): Promise<OverviewView> {
  const reads = await readsAt(chain, opts.at)
  const keys = new Map<string, { wallet: string; hotkeyName: string | null }>()
  for (const o of owners) for (const h of o.hotkeys) if (!keys.has(h.ss58)) keys.set(h.ss58, { wallet: o.wallet, hotkeyName: h.name })
  // Hotkeys the coldkey owns on chain whose files are not in the wallet still belong in its overview.
  const owned = await optionalStorage(
    chain,
    reads,
    owners.map((o) => ['SubtensorModule', 'OwnedHotkeys', o.coldkey] as const),
  )
  owners.forEach((o, i) => {
    for (const ss58 of (owned[i] as string[] | undefined) ?? []) if (!keys.has(ss58)) keys.set(ss58, { wallet: o.wallet, hotkeyName: null })
  })

  const hotkeys = [...keys.keys()]
  const memberships = await Promise.all(hotkeys.map((h) => registeredNetuids(reads, h)))
  const netuids = [...new Set(memberships.flat())].sort((a, b) => a - b)
  const [graphs, block] = await Promise.all([
    Promise.all(netuids.map((n) => readMetagraph(chain, n, { at: reads.hash }))),
    reads.blockNumber(),
  ])

  const rows: OverviewRow[] = []
  const subnets: OverviewSubnet[] = []
  graphs.forEach((g, i) => {
    const netuid = netuids[i]!
    const mine = g.neurons.filter((n) => keys.has(n.hotkey))
    if (!mine.length) return
    for (const neuron of mine) rows.push({ ...keys.get(neuron.hotkey)!, netuid, symbol: g.subnet.symbol, neuron })
    const sum = (pick: (n: Neuron) => bigint) => mine.reduce((s, n) => s + pick(n), 0n)
    subnets.push({
      netuid,
      symbol: g.subnet.symbol,
      neurons: mine.length,
      alphaStake: sum((n) => n.alphaStake),
      stakeSwapValue: sum((n) => n.stakeSwapValue),
      emission: sum((n) => n.emission),
    })
  })
  const order = (r: OverviewRow) => `${r.wallet}\u0000${r.hotkeyName ?? '\uffff'}\u0000${r.neuron.hotkey}`
  rows.sort((a, b) => a.netuid - b.netuid || order(a).localeCompare(order(b)))
  return { block, rows, subnets, totals: { neurons: rows.length, stakeSwapValue: subnets.reduce((s, x) => s + x.stakeSwapValue, 0n) } }
}
