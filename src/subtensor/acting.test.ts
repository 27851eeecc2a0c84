import { encodeMultiAddress } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { checkMultisig, multisigAddress } from './acting.js'
import { proxyAllows } from './proxy-filter.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'

describe('multisig address', () => {
  it('is the pallet_multisig account polkadot-js derives, whatever the order', () => {
    for (const threshold of [1, 2, 3]) {
      const want = encodeMultiAddress([ALICE, BOB, CHARLIE], threshold, 42)
      expect(multisigAddress([CHARLIE, ALICE, BOB], threshold)).toBe(want)
      expect(multisigAddress([BOB, CHARLIE, ALICE], threshold)).toBe(want)
    }
  })
  it('refuses duplicates, a single signatory and thresholds out of range (exit 2)', () => {
    expect(() => checkMultisig([ALICE, ALICE, BOB], 2)).toThrow(/twice/)
    expect(() => checkMultisig([ALICE], 1)).toThrow(/at least two/)
    expect(() => checkMultisig([ALICE, BOB], 3)).toThrow(/between 1 and/)
    expect(() => checkMultisig([ALICE, BOB], 0)).toThrow(/between 1 and/)
  })
})

describe('spec 218 proxy filter', () => {
  const transfer = { pallet: 'Balances', name: 'transfer_keep_alive', args: { value: 1_000_000_000n } }
  const stake = { pallet: 'SubtensorModule', name: 'add_stake', args: {} }
  it('allows and refuses as the runtime does', () => {
    expect(proxyAllows(218, 'Transfer', transfer)).toBe(true)
    expect(proxyAllows(218, 'Staking', transfer)).toBe(false)
    expect(proxyAllows(218, 'Staking', stake)).toBe(true)
    expect(proxyAllows(218, 'NonTransfer', transfer)).toBe(false)
    expect(proxyAllows(218, 'SmallTransfer', transfer)).toBe(false)
    expect(proxyAllows(218, 'SmallTransfer', { ...transfer, args: { value: 100n } })).toBe(true)
    expect(proxyAllows(218, 'Any', stake)).toBe(true)
  })
  it('leaves an unknown runtime to the chain', () => {
    expect(proxyAllows(300, 'Staking', transfer)).toBeUndefined()
  })
})
