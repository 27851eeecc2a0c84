import { describe, expect, it } from 'vitest'
import { devAccount } from '../../test/helpers/dev-accounts.js'
import { DEV_BALANCE, fundingPlan, parseFundEntry } from './fund.js'

const ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'
// The same key with the Polkadot prefix (0).
const ALICE_DOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'

describe('--fund entries', () => {
  it('parse exactly to rao', () => {
    expect(parseFundEntry(`${ROOT}=1.5`)).toEqual({ name: null, ss58: ROOT, rao: 1_500_000_000n })
    expect(parseFundEntry(`${ROOT}=0.000000001`).rao).toBe(1n)
    expect(parseFundEntry(` ${ROOT} =12`).rao).toBe(12_000_000_000n)
  })

  it('report addresses with Bittensor\'s prefix', () => {
    expect(parseFundEntry(`${ALICE_DOT}=1`).ss58).toBe(devAccount('Alice').ss58)
  })

  it('refuse what is not ADDRESS=TAO', () => {
    for (const bad of [ROOT, `=${ROOT}`, `${ROOT}=`, `${ROOT}=-1`, `${ROOT}=1e3`, `${ROOT}=0`, `5Fnope=1`, `${ROOT}=1.0000000001`])
      expect(() => parseFundEntry(bad), bad).toThrow()
  })
})

describe('fundingPlan', () => {
  it('funds the six dev accounts, then the extras; an entry for a dev account changes its amount', () => {
    const plan = fundingPlan([`${ROOT}=2`, `${devAccount('Bob').ss58}=3`])
    expect(plan.map((f) => f.name)).toEqual(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', null])
    expect(plan[0]!.rao).toBe(DEV_BALANCE)
    expect(plan[1]!.rao).toBe(3_000_000_000n)
    expect(plan[6]).toEqual({ name: null, ss58: ROOT, rao: 2_000_000_000n })
  })
})
