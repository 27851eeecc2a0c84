/**
 * Subnet state for weights tests, made with the node client directly (not the CLI under test): a new subnet
 * (`register_network`, owner hotkey = uid 0) and hotkeys registered on it (`burned_register`), signed by dev
 * accounts, plus the storage writes that put a subnet in the state a test needs.
 *
 *     const netuid = await createSubnet(chain, '//Alice', ownerHotkey)
 *     const uid = await registerHotkey(chain, '//Alice', netuid, validatorHotkey)
 */
import { signerOf } from '../../src/cli/signer.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import type { Chain, TxCall, TxResult } from '../../src/rpc/index.js'
import type { Localnet } from './localnet.js'

type Landed = Extract<TxResult, { status: 'landed' }>

/** Submit a call signed by a dev account (//Alice …) and insist that it landed and succeeded. */
export async function sendAs(chain: Chain, uri: string, call: TxCall): Promise<Landed> {
  const result = await chain.send(call, signerOf(keypairFromUri(uri)), { waitFor: 'inclusion' })
  if (result.status !== 'landed') throw new Error(`${call.pallet}.${call.name} did not land: ${JSON.stringify(result)}`)
  if (!result.ok) throw new Error(`${call.pallet}.${call.name} failed: ${result.error?.pallet}.${result.error?.name}`)
  return result
}

const eventData = (r: Landed, name: string): unknown[] => {
  const e = r.events.find((x) => x.pallet === 'SubtensorModule' && x.name === name)
  if (!e) throw new Error(`no SubtensorModule.${name} event in ${JSON.stringify(r.events.map((x) => x.name))}`)
  return e.data as unknown[]
}

/** A new subnet owned by `coldkeyUri` with `ownerHotkey` as uid 0; its netuid (from NetworkAdded). */
export async function createSubnet(chain: Chain, coldkeyUri: string, ownerHotkey: string): Promise<number> {
  const call = chain.call('SubtensorModule', 'register_network', { hotkey: ownerHotkey, mechid: 1 }, { ignoreExtra: true })
  return Number(eventData(await sendAs(chain, coldkeyUri, call), 'NetworkAdded')[0])
}

/** Register a hotkey on a subnet, paid by `coldkeyUri`; its uid (from NeuronRegistered). */
export async function registerHotkey(chain: Chain, coldkeyUri: string, netuid: number, hotkey: string): Promise<number> {
  const call = chain.call('SubtensorModule', 'burned_register', { netuid, hotkey })
  return Number(eventData(await sendAs(chain, coldkeyUri, call), 'NeuronRegistered')[1])
}

/** Per-netuid SubtensorModule items, e.g. `{ Tempo: 10, CommitRevealWeightsEnabled: true }` (no zero values: see localnet.ts). */
export async function setSubnetItems(net: Localnet, netuid: number, items: Record<string, unknown>): Promise<void> {
  await net.setStorage({ SubtensorModule: Object.fromEntries(Object.entries(items).map(([k, v]) => [k, [[[netuid], v]]])) })
}

/** Build empty blocks until the best block is `target` (no-op when it is already there or past). */
export async function advanceTo(net: Localnet, chain: Chain, target: number): Promise<void> {
  const best = await chain.blockNumber('best')
  if (target > best) await net.newBlock(target - best)
  // polkadot-api's view of the best block follows the node's with a short lag.
  for (let i = 0; i < 600 && (await chain.blockNumber('best')) < target; i++) await new Promise((r) => setTimeout(r, 50))
}
