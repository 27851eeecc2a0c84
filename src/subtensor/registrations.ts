/** Where a hotkey is registered, from storage at one block (IsNetworkMember is keyed by hotkey, then netuid). */
import type { BlockReads } from '../node/index.js'

/** The subnets a hotkey is registered on, ascending: one map prefix, whatever the number of subnets. */
export async function registeredNetuids(reads: Pick<BlockReads, 'entries'>, hotkey: string): Promise<number[]> {
  const rows = await reads.entries('SubtensorModule', 'IsNetworkMember', hotkey)
  return rows
    .filter((r) => r.value === true)
    .map((r) => Number(r.keys[1]))
    .sort((a, b) => a - b)
}
