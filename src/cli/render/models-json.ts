/**
 * The read models in their `--json` form (docs/json.md): amounts as {rao, tao}, prices as decimal
 * strings, normalised u16 values as numbers in [0, 1], u64 values that are not amounts as decimal strings.
 * Pure and light (commands import it statically).
 */
import { amountJson, priceText, type AmountJson } from '../../core/amount.js'
import type { SubnetHyperparameters, Hyperparameter, Neuron, StakePosition, SubnetSummary } from '../../subtensor/models.js'

export interface SubnetJson {
  netuid: number
  name: string | null
  symbol: string | null
  ownerColdkey: string | null
  ownerHotkey: string | null
  price: string | null
  marketCap: AmountJson
  taoEmission: AmountJson
  taoIn: AmountJson
  alphaIn: AmountJson
  alphaOut: AmountJson
  tempo: number
  blocksSinceLastStep: number
  nextEpochBlock: number | null
  /** Registered UIDs (in `subnets show`, before any filter). */
  neuronCount: number
  maxNeurons: number
  burn: AmountJson
  registeredAt: number | null
}

export function subnetJson(s: SubnetSummary): SubnetJson {
  return {
    netuid: s.netuid,
    name: s.name,
    symbol: s.symbol,
    ownerColdkey: s.ownerColdkey,
    ownerHotkey: s.ownerHotkey,
    price: priceText(s.price),
    marketCap: amountJson(s.marketCap),
    taoEmission: amountJson(s.taoEmission),
    taoIn: amountJson(s.taoIn),
    alphaIn: amountJson(s.alphaIn),
    alphaOut: amountJson(s.alphaOut),
    tempo: s.tempo,
    blocksSinceLastStep: s.blocksSinceLastStep,
    nextEpochBlock: s.nextEpochBlock,
    neuronCount: s.neurons,
    maxNeurons: s.maxNeurons,
    burn: amountJson(s.burn),
    registeredAt: s.registeredAt,
  }
}

export function neuronJson(n: Neuron, block: number) {
  return {
    uid: n.uid,
    hotkey: n.hotkey,
    coldkey: n.coldkey,
    alphaStake: amountJson(n.alphaStake),
    stakeSpotValue: amountJson(n.stakeSpotValue),
    stakeSwapValue: amountJson(n.stakeSwapValue),
    taoStake: amountJson(n.taoStake),
    totalStake: amountJson(n.totalStake),
    rank: n.rank,
    trust: n.trust,
    validatorTrust: n.validatorTrust,
    consensus: n.consensus,
    incentive: n.incentive,
    dividends: n.dividends,
    emission: amountJson(n.emission),
    validatorPermit: n.validatorPermit,
    active: n.active,
    lastUpdate: n.lastUpdate,
    blocksSinceUpdate: Math.max(0, block - n.lastUpdate),
    registeredAt: n.registeredAt,
    axon: n.axon,
  }
}

export function stakeJson(s: StakePosition, wallet: string | null = null) {
  return {
    wallet,
    coldkey: s.coldkey,
    hotkey: s.hotkey,
    netuid: s.netuid,
    alpha: amountJson(s.alpha),
    price: priceText(s.price),
    spotValue: amountJson(s.spotValue),
    swapValue: amountJson(s.swapValue),
  }
}

/** A hyperparameter's value: an amount for rao, decimal strings for u64, numbers and booleans as they are. */
export function hyperparameterJson(h: Hyperparameter) {
  const value = h.unit === 'rao' ? amountJson(BigInt(h.value as bigint)) : typeof h.value === 'bigint' ? h.value.toString() : h.value
  return { name: h.name, value, unit: h.unit, normalized: h.normalized, description: h.description }
}

export const hyperparametersJson = (v: SubnetHyperparameters) => ({
  netuid: v.netuid,
  block: v.block,
  hyperparameters: v.hyperparameters.map(hyperparameterJson),
})
