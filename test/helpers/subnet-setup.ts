/**
 * Subnet state on the local chain for tests, made with real extrinsics signed by dev keys through the node
 * client (not the CLI, so tests of reading commands do not depend on the writing commands), plus the
 * storage writes the guide allows (pool seeding, tempo).
 *
 *     const chain = await connectNode(net.endpoint)
 *     const netuid = await createSubnet(chain, { owner: '//Alice', hotkey: ss58Of('//Alice//owner') })
 *     const uid = await registerHotkey(chain, netuid, { coldkey: '//Bob', hotkey: ss58Of('//Bob//miner') })
 *     await seedPool(net, netuid, { tao: 100n * TAO, alpha: 200n * TAO })
 *     const alpha = await addStake(chain, { coldkey: '//Bob', hotkey: ss58Of('//Bob//miner'), netuid, tao: 10n * TAO })
 *     chain.close()
 *
 * Every call waits for inclusion and throws with the runtime's error name when the dispatch fails.
 */
import { signerOf } from '../../src/node/keypair-signer.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { connect, toJsonSafe, type Chain, type TxCall, type TxEvent } from '../../src/node/index.js'
import type { Localnet } from './localnet.js'

export const TAO = 1_000_000_000n

/** The SS58 address of a dev secret URI (`//Alice`, `//Bob//miner`, …). */
export const ss58Of = (uri: string): string => keypairFromUri(uri).ss58

/** The node client on the local chain, without the disk metadata cache. */
export const connectNode = (endpoint: string): Promise<Chain> => connect(endpoint, { cache: false })

/**
 * Sign `call` with the dev key `uri`, wait for inclusion, and return the transaction's events. A transaction
 * the node dropped without including it (a newer runtime's BABE epoch edge can do that) is signed again while
 * the account's nonce shows it never ran: the same nonce, so at most one of the two can land.
 */
export async function submit(chain: Chain, call: TxCall, uri: string): Promise<TxEvent[]> {
  const key = keypairFromUri(uri)
  const signer = signerOf(key)
  const before = (await chain.account(key.ss58)).nonce
  let result = await chain.send(call, signer, { waitFor: 'inclusion' })
  for (let retry = 0; retry < 3 && result.status === 'unknown' && (await chain.account(key.ss58)).nonce === before; retry++)
    result = await chain.send(call, signer, { waitFor: 'inclusion' })
  if (result.status !== 'landed') throw new Error(`${call.pallet}.${call.name}: ${result.status} ${JSON.stringify(toJsonSafe(result))}`)
  if (!result.ok) throw new Error(`${call.pallet}.${call.name} failed: ${result.error?.pallet}.${result.error?.name}`)
  return result.events
}

const eventOf = (events: TxEvent[], name: string): unknown[] => {
  const e = events.find((x) => x.pallet === 'SubtensorModule' && x.name === name)
  if (!e) throw new Error(`no SubtensorModule.${name} event in ${events.map((x) => `${x.pallet}.${x.name}`).join(', ')}`)
  return e.data as unknown[]
}

/**
 * `register_network` signed by `owner` (coldkey URI) for `hotkey` (SS58); the new netuid. The mechanism (1 =
 * dynamic) goes only to runtimes whose call takes one (spec 218); later runtimes take the hotkey alone. On a
 * runtime with start_call the subnet takes no stake until it is started: see `startSubnet`.
 */
export async function createSubnet(chain: Chain, opts: { owner: string; hotkey: string }): Promise<number> {
  const call = chain.call('SubtensorModule', 'register_network', { hotkey: opts.hotkey, mechid: 1 }, { ignoreExtra: true })
  return Number(eventOf(await submit(chain, call, opts.owner), 'NetworkAdded')[0])
}

/** The runtime has start_call: new subnets need it before they take stake (spec 300 and later). */
export const needsStartCall = (chain: Chain): boolean => chain.hasCall('SubtensorModule', 'start_call')

/**
 * Start `netuid` as a newer runtime requires before it takes stake: build empty blocks until the runtime allows
 * start_call (NetworkRegisteredAt + the StartCallDelay storage item, or the DurationOfStartCall constant), then
 * send it signed by `owner` (coldkey URI). A no-op on runtimes without start_call and on a started subnet.
 * Returns the block emission begins at (FirstEmissionBlockNumber), or null where the runtime has no start_call.
 */
export async function startSubnet(net: Pick<Localnet, 'newBlock'>, chain: Chain, netuid: number, owner: string): Promise<number | null> {
  if (!needsStartCall(chain)) return null
  const first = await chain.storage('SubtensorModule', 'FirstEmissionBlockNumber', netuid)
  if (first !== undefined && first !== null) return Number(first as bigint)
  const registeredAt = Number((await chain.storage('SubtensorModule', 'NetworkRegisteredAt', netuid)) as bigint)
  const delay = chain.metadata.storage('SubtensorModule', 'StartCallDelay')
    ? Number((await chain.storage('SubtensorModule', 'StartCallDelay')) as bigint)
    : Number(chain.metadata.constant('SubtensorModule', 'DurationOfStartCall') as bigint)
  // The runtime checks the block being built (best + 1) against registeredAt + delay.
  await advanceTo(net, chain, registeredAt + delay - 1)
  const events = await submit(chain, chain.call('SubtensorModule', 'start_call', { netuid }), owner)
  return Number(eventOf(events, 'FirstEmissionBlockNumberSet')[1] as bigint)
}

/**
 * Open a subnet to stake without start_call's wait, by writing what start_call writes (FirstEmissionBlockNumber,
 * SubtokenEnabled) straight into storage. For tests that need a staked subnet, not the start itself. No block is built.
 */
export async function markStarted(net: Pick<Localnet, 'setStorage'>, netuid: number, firstEmissionBlock = 1): Promise<void> {
  await net.setStorage({
    SubtensorModule: { FirstEmissionBlockNumber: [[[netuid], firstEmissionBlock]], SubtokenEnabled: [[[netuid], true]] },
  })
}

/** `burned_register` of `hotkey` (SS58) on `netuid`, paid by `coldkey` (URI); the UID it got. */
export async function registerHotkey(chain: Chain, netuid: number, opts: { coldkey: string; hotkey: string }): Promise<number> {
  const call = chain.call('SubtensorModule', 'burned_register', { netuid, hotkey: opts.hotkey })
  return Number(eventOf(await submit(chain, call, opts.coldkey), 'NeuronRegistered')[1])
}

/** `add_stake` of `tao` rao from `coldkey` (URI) to `hotkey` (SS58) on `netuid`; the alpha StakeAdded reports. */
export async function addStake(chain: Chain, opts: { coldkey: string; hotkey: string; netuid: number; tao: bigint }): Promise<bigint> {
  const call = chain.call('SubtensorModule', 'add_stake', { hotkey: opts.hotkey, netuid: opts.netuid, amount_staked: opts.tao })
  return BigInt(eventOf(await submit(chain, call, opts.coldkey), 'StakeAdded')[3] as bigint)
}

/** Give the subnet's pool real reserves (a new pool holds 1 rao of each), so stakes buy a known alpha. */
export async function seedPool(net: Pick<Localnet, 'setStorage'>, netuid: number, pool: { tao: bigint; alpha: bigint }): Promise<void> {
  await net.setStorage({
    SubtensorModule: { SubnetTAO: [[[netuid], pool.tao.toString()]], SubnetAlphaIn: [[[netuid], pool.alpha.toString()]] },
  })
}

/**
 * A stake position written straight into storage: `coldkey` holds `shares` of the hotkey's `hotkeyShares`
 * on `netuid`, which stand for `hotkeyAlpha` alpha (alpha is held as shares of the hotkey's pool).
 * No block is built.
 */
export async function setStakeShares(
  net: Pick<Localnet, 'setStorage'>,
  p: { coldkey: string; hotkey: string; netuid: number; shares: bigint; hotkeyShares: bigint; hotkeyAlpha: bigint },
): Promise<void> {
  await net.setStorage({
    SubtensorModule: {
      StakingHotkeys: [[[p.coldkey], [p.hotkey]]],
      Alpha: [[[p.hotkey, p.coldkey, p.netuid], p.shares.toString()]],
      TotalHotkeyShares: [[[p.hotkey, p.netuid], p.hotkeyShares.toString()]],
      TotalHotkeyAlpha: [[[p.hotkey, p.netuid], p.hotkeyAlpha.toString()]],
    },
  })
}

/** Set the subnet's tempo directly in storage (no block is built). */
export async function setTempo(net: Pick<Localnet, 'setStorage'>, netuid: number, tempo: number): Promise<void> {
  await net.setStorage({ SubtensorModule: { Tempo: [[[netuid], tempo]] } })
}

/** Put free balance on an account (a hotkey that signs serve_axon pays its fee). */
export async function fund(net: Pick<Localnet, 'setStorage'>, ss58: string, rao: bigint): Promise<void> {
  await net.setStorage({ System: { Account: [[[ss58], { providers: 1, data: { free: rao.toString() } }]] } })
}

/** `serve_axon` signed by the hotkey (URI) on `netuid`, IPv4 as text. */
export async function serveAxon(
  chain: Chain,
  netuid: number,
  opts: { hotkey: string; ip: string; port: number; version?: number },
): Promise<void> {
  const ip = opts.ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n)
  const call = chain.call('SubtensorModule', 'serve_axon', {
    netuid,
    version: opts.version ?? 1,
    ip,
    port: opts.port,
    ip_type: 4,
    protocol: 4,
    placeholder1: 0,
    placeholder2: 0,
  })
  await submit(chain, call, opts.hotkey)
}

/** A miner of the scenario: its coldkey and hotkey (URIs and SS58) and UID. */
export interface Miner {
  coldkeyUri: string
  coldkey: string
  hotkeyUri: string
  hotkey: string
  uid: number
}

/** What `buildScenario` made. */
export interface Scenario {
  netuid: number
  owner: { coldkey: string; hotkey: string }
  /** Bob's miner (UID 1: 10 TAO of stake, Dave's 2 TAO delegated to it, 3 TAO on root, an axon) and Charlie's (UID 2: 5 TAO). */
  miners: [Miner, Miner]
  /** Dave: stakes on Bob's miner hotkey only. */
  delegator: string
}

const miner = (name: string): Omit<Miner, 'uid'> => ({
  coldkeyUri: `//${name}`,
  coldkey: ss58Of(`//${name}`),
  hotkeyUri: `//${name}//miner`,
  hotkey: ss58Of(`//${name}//miner`),
})

/**
 * One subnet with real activity, as the read commands' tests and fixtures need it: Alice's subnet (owner
 * hotkey //Alice//owner), Bob's and Charlie's miners registered, the pool seeded at 100 TAO / 200 alpha, stakes
 * from Bob (10 TAO), Charlie (5 TAO), Dave (2 TAO on Bob's miner) and Bob on root (3 TAO), Bob's miner serving
 * an axon at 1.2.3.4:8091. Each extrinsic builds one block; the epoch runs as the runtime schedules it.
 */
export async function buildScenario(net: Pick<Localnet, 'setStorage'>, chain: Chain): Promise<Scenario> {
  const owner = { coldkey: ss58Of('//Alice'), hotkey: ss58Of('//Alice//owner') }
  const netuid = await createSubnet(chain, { owner: '//Alice', hotkey: owner.hotkey })
  if (needsStartCall(chain)) await markStarted(net, netuid)
  const bob = miner('Bob')
  const charlie = miner('Charlie')
  const miners: [Miner, Miner] = [
    { ...bob, uid: await registerHotkey(chain, netuid, { coldkey: bob.coldkeyUri, hotkey: bob.hotkey }) },
    { ...charlie, uid: await registerHotkey(chain, netuid, { coldkey: charlie.coldkeyUri, hotkey: charlie.hotkey }) },
  ]
  await seedPool(net, netuid, { tao: 100n * TAO, alpha: 200n * TAO })
  await addStake(chain, { coldkey: '//Bob', hotkey: bob.hotkey, netuid, tao: 10n * TAO })
  await addStake(chain, { coldkey: '//Charlie', hotkey: charlie.hotkey, netuid, tao: 5n * TAO })
  await addStake(chain, { coldkey: '//Dave', hotkey: bob.hotkey, netuid, tao: 2n * TAO })
  await addStake(chain, { coldkey: '//Bob', hotkey: bob.hotkey, netuid: 0, tao: 3n * TAO })
  await fund(net, bob.hotkey, 10n * TAO)
  await serveAxon(chain, netuid, { hotkey: bob.hotkeyUri, ip: '1.2.3.4', port: 8091, version: 7 })
  return { netuid, owner, miners, delegator: ss58Of('//Dave') }
}

/** Per-netuid SubtensorModule items, e.g. `{ Tempo: 10, CommitRevealWeightsEnabled: true }` (no zero values: see localnet.ts). */
export async function setSubnetItems(net: Pick<Localnet, 'setStorage'>, netuid: number, items: Record<string, unknown>): Promise<void> {
  await net.setStorage({ SubtensorModule: Object.fromEntries(Object.entries(items).map(([k, v]) => [k, [[[netuid], v]]])) })
}

/** Build empty blocks until the best block is `target` (no-op when it is already there or past). */
export async function advanceTo(net: Pick<Localnet, 'newBlock'>, chain: Chain, target: number): Promise<void> {
  const best = await chain.blockNumber('best')
  if (target > best) await net.newBlock(target - best)
  // polkadot-api's view of the best block follows the node's with a short lag.
  for (let i = 0; i < 600 && (await chain.blockNumber('best')) < target; i++) await new Promise((r) => setTimeout(r, 50))
}
