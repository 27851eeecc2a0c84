/**
 * "Mine": the keys of the local wallets (every wallet under the wallet path), highlighted everywhere in
 * the live views and kept by the `m` filter. Read once at start; public files only, nothing is unlocked.
 */
import type { Neuron, StakePosition, SubnetSummary } from '../subtensor/models.js'

export interface Mine {
  hotkeys: ReadonlySet<string>
  coldkeys: ReadonlySet<string>
  /** SS58 → "wallet" (a coldkey) or "wallet/hotkey" (a hotkey). */
  names: ReadonlyMap<string, string>
}

export const NOBODY: Mine = { hotkeys: new Set(), coldkeys: new Set(), names: new Map() }

/** What "mine" needs of a wallet listing (`listWallets`): names and addresses. */
export interface WalletKeys {
  name: string
  coldkey: { ss58: string | null }
  hotkeys: readonly { name: string; ss58: string | null }[]
}

export function mineFromWallets(wallets: readonly WalletKeys[]): Mine {
  const hotkeys = new Set<string>()
  const coldkeys = new Set<string>()
  const names = new Map<string, string>()
  for (const w of wallets) {
    if (w.coldkey.ss58) {
      coldkeys.add(w.coldkey.ss58)
      names.set(w.coldkey.ss58, w.name)
    }
    for (const h of w.hotkeys) {
      if (!h.ss58) continue
      hotkeys.add(h.ss58)
      if (!names.has(h.ss58)) names.set(h.ss58, `${w.name}/${h.name}`)
    }
  }
  return { hotkeys, coldkeys, names }
}

/** A UID is mine when its hotkey is a local hotkey or its coldkey a local coldkey. */
export const isMineNeuron = (mine: Mine, n: Pick<Neuron, 'hotkey' | 'coldkey'>): boolean =>
  mine.hotkeys.has(n.hotkey) || mine.coldkeys.has(n.coldkey)

/** A subnet is mine when a local wallet stakes on it or owns it. */
export const isMineSubnet = (mine: Mine, s: SubnetSummary, stakedNetuids: ReadonlySet<number>): boolean =>
  stakedNetuids.has(s.netuid) ||
  (s.ownerHotkey !== null && mine.hotkeys.has(s.ownerHotkey)) ||
  (s.ownerColdkey !== null && mine.coldkeys.has(s.ownerColdkey))

export const stakedNetuids = (stakes: readonly StakePosition[]): Set<number> =>
  new Set(stakes.filter((s) => s.alpha > 0n).map((s) => s.netuid))
