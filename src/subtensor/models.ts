/**
 * The read models: the plain data the read layer produces and every renderer shows: `subnets list`, `subnets show`,
 * `stake list` and the live TUI (`tao watch`). No RPC, no polkadot-api types: bigint rao for amounts,
 * numbers in [0, 1] for normalised u16 values, SS58 strings for accounts. The same shape whatever the
 * runtime (spec 218's opaque runtime APIs, typed results on newer runtimes, or storage).
 *
 * Readers (each model read at one block: `at` = a block hash, default the best block; load them lazily):
 * - `readSubnets(chain, { at }) → SubnetSummary[]`, `readBurnCost(chain, { at })` in ./subnets/subnets.js
 * - `readMetagraph(chain, netuid, { at }) → Metagraph` in ./subnets/metagraph.js (unknown netuid: bad input, exit 2)
 * - `readStakes(chain, coldkeys, { at }) → StakePosition[]` in ./stake/stake.js (also behind `wallet balance`)
 * - `readHyperparameters(chain, netuid, { at }) → SubnetHyperparameters` in ./subnets/hyperparameters.js
 * Ordering and filtering of rows: `sortNeurons`, `filterNeurons` in ./subnets/neurons.js (pure).
 * Following finalized blocks: `readMetagraph(chain, netuid, { at: (await chain.head('finalized')).hash })`.
 */

/** 1e9: prices are fixed point with 9 decimals, like amounts. */
export const PRICE_SCALE = 1_000_000_000n

/** One subnet as `subnets list` shows it. */
export interface SubnetSummary {
  netuid: number
  /** From the subnet identity or the runtime's subnet name; null where the runtime has none. */
  name: string | null
  /** Token symbol (e.g. "α", "β"); null where the runtime has none. */
  symbol: string | null
  ownerColdkey: string | null
  ownerHotkey: string | null
  /** TAO per alpha, scaled by PRICE_SCALE (1e9 = 1 TAO per alpha); null when the pool is empty. Root: 1e9. */
  price: bigint | null
  /** (alphaIn + alphaOut) × price, rao. */
  marketCap: bigint
  /** TAO emitted into the subnet per block, rao. */
  taoEmission: bigint
  /** TAO in the pool, rao. */
  taoIn: bigint
  /** Alpha in the pool (base units, 9 decimals). */
  alphaIn: bigint
  /** Alpha outstanding (staked), base units. */
  alphaOut: bigint
  tempo: number
  blocksSinceLastStep: number
  /** Block number of the subnet's next epoch, when it can be known (null otherwise). */
  nextEpochBlock: number | null
  /** true where the runtime runs the subnet's epoch at every block whatever its tempo (spec 218's raonet build). */
  epochEveryBlock?: boolean
  neurons: number
  maxNeurons: number
  /** Current burn registration cost, rao. */
  burn: bigint
  /** Registered at block, when the runtime records it. */
  registeredAt: number | null
}

export interface Axon {
  /** "1.2.3.4" or an IPv6 text form; null when never served. */
  ip: string | null
  port: number
  version: number
  protocol: number
  /** Block of the last serve_axon. */
  block: number
}

/** One UID of a subnet's metagraph. */
export interface Neuron {
  uid: number
  hotkey: string
  coldkey: string
  /** Alpha staked to the hotkey on this subnet, base units. */
  alphaStake: bigint
  /** TAO (root) stake of the hotkey, rao. */
  taoStake: bigint
  /** alphaStake + taoStake × TaoWeight, as the runtime weighs it, base units. */
  totalStake: bigint
  /** alphaStake × the current price, rao: not what unstaking pays (see stakeSwapValue). */
  stakeSpotValue: bigint
  /**
   * TAO that unstaking all of alphaStake at once would pay now through the pool, rao (spec 218: exact; with a Swap
   * pallet: an estimate from the pool's reserves, before its fee).
   */
  stakeSwapValue: bigint
  rank: number
  trust: number
  validatorTrust: number
  consensus: number
  incentive: number
  dividends: number
  /** Alpha the UID got at the last epoch, as stored (`Emission`), base units. */
  emission: bigint
  validatorPermit: boolean
  active: boolean
  /** Block of the UID's last weights update. */
  lastUpdate: number
  /** Block the UID registered at, or null when the runtime does not say. */
  registeredAt: number | null
  axon: Axon | null
}

/** `subnets show`: one subnet and every UID, read at one block. */
export interface Metagraph {
  /** The block the metagraph was read at. */
  block: number
  subnet: SubnetSummary
  neurons: Neuron[]
}

/** One stake position of a coldkey. */
export interface StakePosition {
  coldkey: string
  hotkey: string
  netuid: number
  /** Alpha, base units. */
  alpha: bigint
  /** alpha × the current price (root: 1:1), rao: not what unstaking pays, which moves the price. */
  spotValue: bigint
  /** TAO that unstaking this position alone would pay now through the pool (the runtime's own simulation where it has one), rao. */
  swapValue: bigint
  /** TAO per alpha × PRICE_SCALE the spot value was computed at; null when the pool is empty. */
  price: bigint | null
}

/** How to read a hyperparameter's value. */
export type HyperparameterUnit = 'blocks' | 'epochs' | 'count' | 'rao' | 'fraction' | 'flag' | 'number' | 'version'

/** One hyperparameter of a subnet, as the runtime names and stores it. */
export interface Hyperparameter {
  /** The runtime's name (snake_case), e.g. "tempo", "min_burn", "commit_reveal_period". */
  name: string
  /** The stored value: bigint for u64 and wider, number for smaller integers, boolean for flags. */
  value: bigint | number | boolean
  unit: HyperparameterUnit
  /** For fractions: the value in [0, 1] (÷65535, ÷u64::MAX, ÷1e6 or fixed point, as the runtime reads it); else null. */
  normalized: number | null
  /** What it does, in a few words ('' for a name this version of taocli does not know). */
  description: string
}

/** `subnets hyperparameters`: one subnet's hyperparameters, in the runtime's order. */
export interface SubnetHyperparameters {
  netuid: number
  block: number
  hyperparameters: Hyperparameter[]
}
