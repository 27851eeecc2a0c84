import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { planTransfer } from './transfer-plan.js'

const ed = 500n
const balance = { free: 10_000n, frozen: 0n, existentialDeposit: ed }
const fee = 100n

const errorOf = (fn: () => unknown): TaoError => {
  try {
    fn()
  } catch (e) {
    return e as TaoError
  }
  throw new Error('expected an error')
}

describe('planTransfer', () => {
  it('keeps the account alive by default', () => {
    expect(planTransfer({ amount: 1_000n, allowDeath: false }, balance, fee)).toEqual({
      call: 'transfer_keep_alive',
      value: 1_000n,
      sends: 1_000n,
      remains: 8_900n,
    })
  })

  it('refuses to reap without --allow-death (exit 2) and names the most that can be sent', () => {
    const err = errorOf(() => planTransfer({ amount: 9_500n, allowDeath: false }, balance, fee))
    expect(err.exitCode).toBe(2)
    expect(err.code).toBe('WOULD_REAP_ACCOUNT')
    expect(err.message).toContain('0.0000094 TAO')
  })

  it('allows death when asked', () => {
    expect(planTransfer({ amount: 9_900n, allowDeath: true }, balance, fee)).toMatchObject({ call: 'transfer_allow_death', remains: 0n })
  })

  it('refuses more than the spendable balance (exit 1)', () => {
    const err = errorOf(() => planTransfer({ amount: 9_901n, allowDeath: true }, balance, fee))
    expect(err.exitCode).toBe(1)
    expect(err.code).toBe('INSUFFICIENT_BALANCE')
    const frozen = errorOf(() => planTransfer({ amount: 5_000n, allowDeath: true }, { ...balance, frozen: 6_000n }, fee))
    expect(frozen.code).toBe('INSUFFICIENT_BALANCE')
  })

  it('sends everything but the fee (and the deposit when keeping alive) with --all', () => {
    expect(planTransfer({ all: true, allowDeath: false }, balance, fee)).toEqual({
      call: 'transfer_all',
      keepAlive: true,
      sends: 9_400n,
      remains: 500n,
    })
    expect(planTransfer({ all: true, allowDeath: true }, balance, fee)).toEqual({
      call: 'transfer_all',
      keepAlive: false,
      sends: 9_900n,
      remains: 0n,
    })
    expect(errorOf(() => planTransfer({ all: true, allowDeath: false }, { ...balance, free: 550n }, fee)).exitCode).toBe(1)
  })
})
