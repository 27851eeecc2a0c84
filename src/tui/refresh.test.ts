import { describe, expect, test } from 'vitest'
import type { SubnetSummary } from '../chain/views.js'
import { metagraphReason, METAGRAPH_MAX_AGE, reconnectDelay } from './refresh.js'

const subnet = (blocksSinceLastStep: number) => ({ netuid: 1, tempo: 10, blocksSinceLastStep }) as SubnetSummary
const block = (number: number) => ({ number, hash: '0x' + number })

describe('what a block makes worth reading', () => {
  const last = { netuid: 1, block: 100, hash: '0x100', lastStep: 95 }

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

  test('at least every few blocks', () => {
    expect(metagraphReason(last, 1, block(100 + METAGRAPH_MAX_AGE), subnet(5 + METAGRAPH_MAX_AGE), [])).toBe('periodic')
  })

  test('reconnect back-off doubles up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })
})
