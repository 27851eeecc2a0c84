import { describe, expect, test } from 'vitest'
import type { Neuron } from '../subtensor/models.js'
import { changesByKey, MARK_BLOCKS, neuronChanges, rowChanges, SUBNET_TRACKED, updateMarks } from './changes.js'

const neuron = (uid: number, hotkey: string, over: Partial<Neuron> = {}): Neuron => ({
  uid,
  hotkey,
  coldkey: 'c' + uid,
  alphaStake: 100n,
  taoStake: 0n,
  totalStake: 100n,
  stakeSpotValue: 10n,
  stakeSwapValue: 9n,
  rank: 0,
  trust: 0,
  validatorTrust: 0,
  consensus: 0,
  incentive: 0.1,
  dividends: 0,
  emission: 5n,
  validatorPermit: false,
  active: true,
  lastUpdate: 10,
  registeredAt: 1,
  axon: null,
  ...over,
})

describe('changes', () => {
  test('up and down per tracked value; nothing when equal', () => {
    const a = neuron(0, 'h0')
    expect(rowChanges(a, a, { stake: (n: Neuron) => n.alphaStake })).toBeUndefined()
    const b = { ...a, alphaStake: 101n, incentive: 0.05 }
    expect(rowChanges(a, b, { stake: (n: Neuron) => n.alphaStake, incentive: (n: Neuron) => n.incentive })).toEqual({
      stake: 'up',
      incentive: 'down',
    })
  })

  test('registrations: a new UID, a replaced UID; replaced UIDs show no value changes', () => {
    const before = [neuron(0, 'h0'), neuron(1, 'h1')]
    const after = [neuron(0, 'h0', { emission: 7n }), neuron(1, 'h9', { emission: 1n }), neuron(2, 'h2')]
    const { changes, registrations } = neuronChanges(before, after, 50)
    expect(changes.get(0)).toEqual({ emission: 'up' })
    expect(changes.has(1)).toBe(false)
    expect(registrations).toEqual([
      { uid: 1, kind: 'replaced', hotkey: 'h9', previousHotkey: 'h1', block: 50 },
      { uid: 2, kind: 'new', hotkey: 'h2', block: 50 },
    ])
  })

  test('marks last MARK_BLOCKS blocks, one per UID', () => {
    const m1 = updateMarks(new Map(), [{ uid: 3, kind: 'new', hotkey: 'h', block: 100 }], 100)
    expect(updateMarks(m1, [], 100 + MARK_BLOCKS - 1).has(3)).toBe(true)
    expect(updateMarks(m1, [], 100 + MARK_BLOCKS).has(3)).toBe(false)
    const m2 = updateMarks(m1, [{ uid: 3, kind: 'replaced', hotkey: 'x', block: 120 }], 120)
    expect(m2.get(3)!.kind).toBe('replaced')
    expect(m2.size).toBe(1)
  })

  test('subnet changes by netuid; a subnet that appeared is not a change', () => {
    const s = (netuid: number, price: bigint | null) => ({ netuid, price }) as never
    const out = changesByKey([s(1, 10n), s(2, null)], [s(1, 9n), s(2, 5n), s(3, 1n)], (x: { netuid: number }) => x.netuid, {
      price: SUBNET_TRACKED.price!,
    })
    expect(out.get(1)).toEqual({ price: 'down' })
    expect(out.has(2)).toBe(false) // from null: not comparable
    expect(out.has(3)).toBe(false)
  })
})
