/** The metagraph's rows from the runtime's per-UID vectors, and how `subnets show` and `tao watch` order and filter them. Pure. */
import type { UidVectors } from '../runtime/records.js'
import { swapValue, taoValue, type Pricing } from '../stake/pricing.js'
import type { Axon, Neuron } from '../models.js'
import { u16Fraction } from '../../core/numbers.js'

export interface NeuronExtras {
  /** ValidatorTrust per UID (raw u16); SubnetState and Metagraph do not carry it. */
  validatorTrust: readonly number[]
  /** The axon per UID (null: never served). */
  axons: ReadonlyArray<Axon | null>
  pricing: Pricing
  /** false where the runtime gives no registration block. */
  hasRegistration?: boolean
}

/** One Neuron per UID (UID = index in the runtime's vectors). */
export function neuronsFrom(v: UidVectors, x: NeuronExtras): Neuron[] {
  return v.hotkeys.map((hotkey, uid) => {
    const alphaStake = v.alphaStake[uid] ?? 0n
    return {
      uid,
      hotkey,
      coldkey: v.coldkeys[uid] ?? '',
      alphaStake,
      taoStake: v.taoStake[uid] ?? 0n,
      totalStake: v.totalStake[uid] ?? 0n,
      stakeSpotValue: taoValue(alphaStake, x.pricing),
      // Every pricing the metagraph readers build carries the pool's reserves.
      stakeSwapValue: swapValue(alphaStake, x.pricing) ?? 0n,
      rank: u16Fraction(v.rank[uid] ?? 0),
      trust: u16Fraction(v.trust[uid] ?? 0),
      validatorTrust: u16Fraction(x.validatorTrust[uid] ?? 0),
      consensus: u16Fraction(v.consensus[uid] ?? 0),
      incentive: u16Fraction(v.incentives[uid] ?? 0),
      dividends: u16Fraction(v.dividends[uid] ?? 0),
      emission: v.emission[uid] ?? 0n,
      validatorPermit: v.validatorPermit[uid] ?? false,
      active: v.active[uid] ?? false,
      lastUpdate: Number(v.lastUpdate[uid] ?? 0n),
      registeredAt: x.hasRegistration === false || v.blockAtRegistration[uid] === undefined ? null : Number(v.blockAtRegistration[uid]),
      axon: x.axons[uid] ?? null,
    }
  })
}

/** Columns a metagraph can be sorted by (`--sort`). */
export const NEURON_SORT_KEYS = [
  'uid',
  'stake',
  'value',
  'spot-value',
  'total-stake',
  'tao-stake',
  'rank',
  'trust',
  'validator-trust',
  'consensus',
  'incentive',
  'dividends',
  'emission',
  'updated',
  'registered',
  'hotkey',
  'coldkey',
] as const
export type NeuronSortKey = (typeof NEURON_SORT_KEYS)[number]

const SORT_VALUE: Record<NeuronSortKey, (n: Neuron) => number | bigint | string> = {
  uid: (n) => n.uid,
  stake: (n) => n.alphaStake,
  value: (n) => n.stakeSwapValue,
  'spot-value': (n) => n.stakeSpotValue,
  'total-stake': (n) => n.totalStake,
  'tao-stake': (n) => n.taoStake,
  rank: (n) => n.rank,
  trust: (n) => n.trust,
  'validator-trust': (n) => n.validatorTrust,
  consensus: (n) => n.consensus,
  incentive: (n) => n.incentive,
  dividends: (n) => n.dividends,
  emission: (n) => n.emission,
  updated: (n) => n.lastUpdate,
  registered: (n) => n.registeredAt ?? -1,
  hotkey: (n) => n.hotkey,
  coldkey: (n) => n.coldkey,
}

/** Keys that read best smallest first; every other column sorts largest first (the top of a ranking). */
const ASCENDING = new Set<NeuronSortKey>(['uid', 'hotkey', 'coldkey'])

/**
 * The neurons ordered by `key` (largest first for figures, ascending for uid and keys), ties by uid;
 * `reverse` flips the order. Returns a new array.
 */
export function sortNeurons(neurons: readonly Neuron[], key: NeuronSortKey = 'uid', reverse = false): Neuron[] {
  const value = SORT_VALUE[key]
  const direction = (ASCENDING.has(key) ? 1 : -1) * (reverse ? -1 : 1)
  return [...neurons].sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    const c = va < vb ? -1 : va > vb ? 1 : 0
    return c !== 0 ? c * direction : (a.uid - b.uid) * (reverse ? -1 : 1)
  })
}

export interface NeuronFilter {
  /** Keep these hotkeys (SS58) only, when given. */
  hotkeys?: readonly string[]
  /** Keep UIDs owned by these coldkeys only, when given. */
  coldkeys?: readonly string[]
  /** Keep UIDs with a validator permit only. */
  validators?: boolean
}

/** The neurons that pass every filter given (filters not given pass everything). */
export function filterNeurons(neurons: readonly Neuron[], f: NeuronFilter): Neuron[] {
  const hotkeys = f.hotkeys ? new Set(f.hotkeys) : undefined
  const coldkeys = f.coldkeys ? new Set(f.coldkeys) : undefined
  return neurons.filter(
    (n) => (!hotkeys || hotkeys.has(n.hotkey)) && (!coldkeys || coldkeys.has(n.coldkey)) && (!f.validators || n.validatorPermit),
  )
}
