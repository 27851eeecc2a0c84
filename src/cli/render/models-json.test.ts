import { describe, expect, it } from 'vitest'
import { hyperparameterJson, neuronJson, stakeJson, subnetJson } from './models-json.js'
import type { Neuron, SubnetSummary } from '../../subtensor/models.js'

const subnet: SubnetSummary = {
  netuid: 2,
  name: null,
  symbol: 'β',
  ownerColdkey: '5A',
  ownerHotkey: null,
  price: 500_000_000n,
  marketCap: 3n,
  taoEmission: 4n,
  taoIn: 5n,
  alphaIn: 6n,
  alphaOut: 7n,
  tempo: 10,
  blocksSinceLastStep: 1,
  nextEpochBlock: 20,
  neurons: 3,
  maxNeurons: 256,
  burn: 1_000_000_000n,
  registeredAt: null,
}

describe('read models as JSON (docs/json.md)', () => {
  it('a subnet: amounts as {rao,tao}, the price as a decimal string, null kept', () => {
    const j = subnetJson(subnet)
    expect(j).toMatchObject({
      netuid: 2,
      name: null,
      price: '0.5',
      burn: { rao: '1000000000', tao: '1' },
      neuronCount: 3,
      maxNeurons: 256,
      ownerHotkey: null,
    })
    expect(subnetJson({ ...subnet, price: null }).price).toBeNull()
    expect(JSON.parse(JSON.stringify(j))).toEqual(j)
  })

  it('a neuron: figures in [0,1] as numbers, emission as an amount, blocks since its update', () => {
    const n: Neuron = {
      uid: 0,
      hotkey: '5H',
      coldkey: '5C',
      alphaStake: 10n,
      taoStake: 0n,
      totalStake: 10n,
      stakeSpotValue: 5n,
      stakeSwapValue: 4n,
      rank: 0,
      trust: 0,
      validatorTrust: 0,
      consensus: 0,
      incentive: 0.25,
      dividends: 1,
      emission: 1_500_000_000n,
      validatorPermit: true,
      active: true,
      lastUpdate: 90,
      registeredAt: 3,
      axon: null,
    }
    expect(neuronJson(n, 100)).toMatchObject({
      uid: 0,
      incentive: 0.25,
      emission: { rao: '1500000000', tao: '1.5' },
      blocksSinceUpdate: 10,
      axon: null,
    })
  })

  it('a stake and a hyperparameter', () => {
    expect(stakeJson({ coldkey: '5C', hotkey: '5H', netuid: 1, alpha: 2n, spotValue: 1n, swapValue: 0n, price: null }, 'w')).toEqual({
      wallet: 'w',
      coldkey: '5C',
      hotkey: '5H',
      netuid: 1,
      alpha: { rao: '2', tao: '0.000000002' },
      price: null,
      spotValue: { rao: '1', tao: '0.000000001' },
      swapValue: { rao: '0', tao: '0' },
    })
    expect(hyperparameterJson({ name: 'min_burn', value: 5n, unit: 'rao', normalized: null, description: '' }).value).toEqual({
      rao: '5',
      tao: '0.000000005',
    })
    expect(hyperparameterJson({ name: 'weights_version', value: 5n, unit: 'version', normalized: null, description: '' }).value).toBe('5')
    expect(hyperparameterJson({ name: 'kappa', value: 32767, unit: 'fraction', normalized: 0.5, description: '' })).toMatchObject({
      value: 32767,
      normalized: 0.5,
    })
  })
})
