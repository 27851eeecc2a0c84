import { describe, expect, test } from 'vitest'
import type { SubnetSummary } from '../subtensor/models.js'
import { metagraphReason, METAGRAPH_MAX_AGE, reconnectDelay } from './refresh.js'

/** A subnet whose counter says `blocksSinceLastStep` and whose schedule is unknown (epoch counter runtimes). */
const subnet = (blocksSinceLastStep: number, nextEpochBlock: number | null = null) =>
  ({ netuid: 1, tempo: 10, blocksSinceLastStep, nextEpochBlock }) as SubnetSummary
const block = (number: number) => ({ number, hash: '0x' + number })

describe('what a block makes worth reading', () => {
  const last = { netuid: 1, block: 100, hash: '0x100', nextEpoch: null, blocksSinceLastStep: 5 }

  test('the first read, another subnet, another fork', () => {
    expect(metagraphReason(null, 1, block(100), subnet(5), [])).toBe('new subnet in view')
    expect(metagraphReason(last, 2, block(101), subnet(6), [])).toBe('new subnet in view')
    expect(metagraphReason(last, 1, { number: 100, hash: '0xother' }, subnet(5), [])).toBe('another fork')
    expect(metagraphReason(last, 1, block(100), subnet(5), [])).toBeNull()
  })

  test('an epoch, subnet extrinsics, unknown events', () => {
    expect(metagraphReason(last, 1, block(101), subnet(6), [])).toBeNull()
    expect(metagraphReason(last, 1, block(101), subnet(0), [])).toBe('epoch')
    expect(metagraphReason(last, 1, block(101), subnet(6), [{ pallet: 'SubtensorModule', name: 'StakeAdded' }])).toBe('subnet extrinsics')
    expect(metagraphReason(last, 1, block(101), subnet(6), [{ pallet: 'Balances', name: 'Transfer' }])).toBeNull()
    expect(metagraphReason(last, 1, block(101), subnet(6), null)).toBe('events unknown')
  })

  test('an epoch by the schedule the read layer gives', () => {
    const scheduled = { ...last, nextEpoch: 103 }
    expect(metagraphReason(scheduled, 1, block(102), subnet(0, 103), [])).toBeNull()
    expect(metagraphReason(scheduled, 1, block(103), subnet(0, 114), [])).toBe('epoch')
    expect(metagraphReason(scheduled, 1, block(105), subnet(0, 114), [])).toBe('epoch')
  })

  test('at least every few blocks', () => {
    expect(metagraphReason(last, 1, block(100 + METAGRAPH_MAX_AGE), subnet(5 + METAGRAPH_MAX_AGE), [])).toBe('periodic')
  })

  test('reconnect back-off doubles up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })
})
