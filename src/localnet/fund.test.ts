import { describe, expect, it } from 'vitest'
import { devAccount } from '../../test/helpers/dev-accounts.js'
import { DEV_BALANCE, fundingPlan } from './fund.js'

const ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'

describe('fundingPlan', () => {
  it('funds the six dev accounts, then the extras; an entry for a dev account changes its amount', () => {
    const plan = fundingPlan([
      { ss58: ROOT, rao: 2_000_000_000n },
      { ss58: devAccount('Bob').ss58, rao: 3_000_000_000n },
    ])
    expect(plan.map((f) => f.name)).toEqual(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', null])
    expect(plan[0]!.rao).toBe(DEV_BALANCE)
    expect(plan[1]!.rao).toBe(3_000_000_000n)
    expect(plan[6]).toEqual({ name: null, ss58: ROOT, rao: 2_000_000_000n })
  })
})
