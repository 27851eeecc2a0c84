/**
 * A simulated network for tests, benchmarks and trying `tao watch`'s views without a node: deterministic (seeded)
 * subnets, a full metagraph and stake positions, advanced one block at a time the way a chain moves
 * (pools every block, a few stakes now and then, scores at each epoch, an occasional registration).
 */
import type { Metagraph, Neuron, StakePosition, SubnetSummary } from '../../src/subtensor/models.js'
import { encodeAddress } from '../../src/core/ss58.js'
import type { Snapshot } from '../../src/tui/source.js'

export interface SimulationOptions {
  subnets?: number
  /** UIDs of the subnet in focus. */
  uids?: number
  /** The subnet whose metagraph is followed. */
  netuid?: number
  tempo?: number
  seed?: number
  /** Coldkeys whose stakes the snapshot carries (default: the coldkey of UIDs 0-2). */
  coldkeys?: string[]
  startBlock?: number
}

export interface Simulation {
  /** The next block's snapshot. */
  next(): Snapshot
  /** A few hotkeys and coldkeys of the metagraph, to play "mine". */
  readonly hotkeys: readonly string[]
  readonly coldkeys: readonly string[]
}

const TAO = 1_000_000_000n

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function simulate(opts: SimulationOptions = {}): Simulation {
  const rand = prng(opts.seed ?? 1)
  const uids = opts.uids ?? 256
  const netuid = opts.netuid ?? 1
  const tempo = opts.tempo ?? 10
  let block = opts.startBlock ?? 1000
  let counter = 0
  const address = () => {
    const key = new Uint8Array(32)
    for (let i = 0; i < 32; i++) key[i] = Math.floor(rand() * 256)
    key[0] = counter++ & 0xff
    return encodeAddress(key)
  }
  const amount = (max: number) => BigInt(Math.floor(rand() * max)) * TAO + BigInt(Math.floor(rand() * 1e9))

  const subnets: SubnetSummary[] = Array.from({ length: opts.subnets ?? 32 }, (_, i) => {
    const taoIn = amount(50_000) + TAO
    const alphaIn = amount(500_000) + TAO
    return {
      netuid: i,
      name: i === 0 ? 'root' : `subnet-${i}`,
      symbol: i === 0 ? 'Τ' : 'α',
      ownerColdkey: address(),
      ownerHotkey: address(),
      price: i === 0 ? TAO : (taoIn * TAO) / alphaIn,
      marketCap: 0n,
      taoEmission: amount(1),
      taoIn,
      alphaIn,
      alphaOut: amount(1_000_000),
      tempo: i === 0 ? 100 : tempo,
      blocksSinceLastStep: Math.floor(rand() * tempo),
      nextEpochBlock: null,
      neurons: i === netuid ? uids : Math.floor(rand() * 256),
      maxNeurons: 256,
      burn: amount(5),
      registeredAt: i * 100,
    }
  })

  const neuron = (uid: number): Neuron => {
    const alphaStake = amount(uid < 16 ? 1_000_000 : 5_000)
    return {
      uid,
      hotkey: address(),
      coldkey: address(),
      alphaStake,
      taoStake: amount(100),
      totalStake: alphaStake,
      stakeSpotValue: alphaStake / 20n,
      stakeSwapValue: alphaStake / 21n,
      rank: rand(),
      trust: rand(),
      validatorTrust: uid < 16 ? rand() : 0,
      consensus: rand(),
      incentive: uid < 16 ? 0 : rand() / 100,
      dividends: uid < 16 ? rand() / 10 : 0,
      emission: amount(10),
      validatorPermit: uid < 16,
      active: rand() > 0.05,
      lastUpdate: block - Math.floor(rand() * 500),
      registeredAt: block - Math.floor(rand() * 100_000),
      axon:
        rand() > 0.3
          ? {
              ip: `10.${uid % 256}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`,
              port: 8091,
              version: 1,
              protocol: 4,
              block: block - 1000,
            }
          : null,
    }
  }
  let neurons: Neuron[] = Array.from({ length: uids }, (_, uid) => neuron(uid))
  const coldkeys = opts.coldkeys ?? neurons.slice(0, 3).map((n) => n.coldkey)
  let stakes: StakePosition[] = neurons.slice(0, 3).map((n, i) => ({
    coldkey: coldkeys[i % coldkeys.length]!,
    hotkey: n.hotkey,
    netuid,
    alpha: amount(1000),
    spotValue: 0n,
    swapValue: 0n,
    price: null,
  }))
  let metagraph: Metagraph | null = null

  const step = (): Snapshot => {
    block++
    let metagraphChanged = metagraph === null
    for (const s of subnets) {
      s.taoIn += BigInt(Math.floor(rand() * 1e9))
      s.alphaIn += BigInt(Math.floor(rand() * 1e9))
      s.alphaOut += BigInt(Math.floor(rand() * 1e9))
      if (s.netuid !== 0) s.price = (s.taoIn * TAO) / s.alphaIn
      s.marketCap = ((s.alphaIn + s.alphaOut) * (s.price ?? 0n)) / TAO
      s.blocksSinceLastStep = (s.blocksSinceLastStep + 1) % (s.tempo + 1)
    }
    const subnet = (subnets[netuid] ?? subnets[subnets.length - 1])!
    const epoch = subnet.blocksSinceLastStep === 0
    // Some stake moves on most blocks; scores move at epochs; a registration now and then.
    if (rand() < 0.6) {
      metagraphChanged = true
      neurons = neurons.map((n) =>
        rand() < 0.05
          ? {
              ...n,
              alphaStake: n.alphaStake + amount(10),
              stakeSpotValue: n.stakeSpotValue + amount(1),
              stakeSwapValue: n.stakeSwapValue + amount(1),
            }
          : n,
      )
    }
    if (epoch) {
      metagraphChanged = true
      neurons = neurons.map((n) => ({
        ...n,
        incentive: n.validatorPermit ? 0 : Math.max(0, Math.min(1, n.incentive + (rand() - 0.5) / 200)),
        dividends: n.validatorPermit ? Math.max(0, Math.min(1, n.dividends + (rand() - 0.5) / 50)) : 0,
        emission: amount(10),
        rank: rand(),
        trust: rand(),
        consensus: rand(),
        lastUpdate: rand() < 0.3 ? block : n.lastUpdate,
      }))
    }
    if (rand() < 0.02) {
      metagraphChanged = true
      const uid = 16 + Math.floor(rand() * (uids - 16))
      neurons = neurons.map((n) => (n.uid === uid ? { ...neuron(uid), registeredAt: block } : n))
    }
    stakes = stakes.map((s) => (rand() < 0.3 ? { ...s, alpha: s.alpha + amount(1) } : s))
    const price = subnet.price ?? TAO
    stakes = stakes.map((s) => ({ ...s, value: (s.alpha * price) / TAO, price }))
    if (metagraphChanged) metagraph = { block, subnet: { ...subnet }, neurons }
    return {
      block: { number: block, hash: '0x' + block.toString(16).padStart(64, '0') },
      subnets: subnets.map((s) => ({ ...s })),
      metagraph,
      stakes,
    }
  }
  return { next: step, hotkeys: neurons.slice(0, 3).map((n) => n.hotkey), coldkeys }
}
