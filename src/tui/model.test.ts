import { describe, expect, test } from 'vitest'
import type { Metagraph, Neuron, SubnetSummary } from '../subtensor/models.js'
import { applyEvent, initialModel } from './model.js'
import type { Snapshot } from './source.js'

const n = (uid: number, hotkey: string, alphaStake: bigint) =>
  ({ uid, hotkey, coldkey: 'c', alphaStake, incentive: 0, dividends: 0, emission: 0n }) as Neuron
const subnet = (netuid: number, price: bigint) => ({ netuid, price }) as SubnetSummary
const mg = (netuid: number, neurons: Neuron[]) => ({ block: 0, subnet: subnet(netuid, 1n), neurons }) as Metagraph
const snap = (block: number, metagraph: Metagraph | null, price = 1n): Snapshot => ({
  block: { number: block, hash: '0x' + block },
  subnets: [subnet(1, price)],
  metagraph,
  stakes: [{ coldkey: 'c', hotkey: 'h', netuid: 1, alpha: BigInt(block), value: 1n } as never],
})

describe('live model', () => {
  test('changes since the previous block, marks and history', () => {
    const m1 = mg(1, [n(0, 'a', 10n), n(1, 'b', 5n)])
    let model = applyEvent(initialModel(), { type: 'snapshot', snapshot: snap(10, m1) }, 1000)
    expect(model.updatedAt).toBe(1000)
    expect(model.connection).toEqual({ state: 'live' })
    expect(model.neuronChanges.size).toBe(0)

    const m2 = mg(1, [n(0, 'a', 12n), n(1, 'x', 5n), n(2, 'c', 1n)])
    model = applyEvent(model, { type: 'snapshot', snapshot: snap(11, m2, 2n) }, 2000)
    expect(model.neuronChanges.get(0)).toEqual({ stake: 'up' })
    expect(model.marks.get(1)?.kind).toBe('replaced')
    expect(model.marks.get(2)?.kind).toBe('new')
    expect(model.subnetChanges.get(1)).toEqual({ price: 'up' })
    expect(model.stakeChanges.get('c/h/1')).toEqual({ alpha: 'up' })
    expect(model.history.byUid.get(0)!.series.stake.length).toBe(2)

    // The next block did not re-read the metagraph: nothing changed, marks stay, history grows.
    model = applyEvent(model, { type: 'snapshot', snapshot: snap(12, m2, 2n) }, 3000)
    expect(model.neuronChanges.size).toBe(0)
    expect(model.subnetChanges.size).toBe(0)
    expect(model.marks.size).toBe(2)
    expect(model.history.byUid.get(0)!.series.stake.length).toBe(3)

    // Another subnet: no comparison, no marks.
    model = applyEvent(model, { type: 'snapshot', snapshot: snap(13, mg(2, [n(0, 'z', 1n)])) }, 4000)
    expect(model.marks.size).toBe(0)
    expect(model.history.netuid).toBe(2)
  })

  test('connection and warnings', () => {
    let model = applyEvent(
      initialModel(),
      { type: 'connection', connection: { state: 'lost', since: 1, attempt: 1, retryAt: 2, reason: 'x' } },
      0,
    )
    expect(model.connection.state).toBe('lost')
    model = applyEvent(model, { type: 'warning', message: 'read failed' }, 0)
    expect(model.warning).toBe('read failed')
    model = applyEvent(model, { type: 'warning', message: null }, 0)
    expect(model.warning).toBeNull()
  })
})
