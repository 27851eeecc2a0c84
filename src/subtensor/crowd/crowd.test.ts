import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMetadata, type RuntimeMetadata } from '../../node/metadata.js'
import type { Chain } from '../../node/index.js'
import {
  contributionTaken,
  crowdCall,
  crowdLimits,
  crowdloanOf,
  crowdStatus,
  endProblem,
  requireCrowdloans,
  sortContributions,
  withdrawable,
} from './crowd.js'

const load = (file: string) => decodeMetadata(new Uint8Array(readFileSync(file)))
const spec218 = load('test/fixtures/spec218/metadata.scale')
const spec381 = load('test/fixtures/metadata-spec381.scale')
const chainOf = (metadata: RuntimeMetadata) =>
  ({ metadata, constant: (p: string, n: string) => metadata.constant(p, n) }) as unknown as Chain

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const CALLS = ['create', 'contribute', 'withdraw', 'finalize', 'refund', 'dissolve', 'update_min_contribution', 'update_end', 'update_cap']

describe('requireCrowdloans', () => {
  it('refuses a runtime without pallet Crowdloan (spec 218), naming the pallet, the call and the spec, exit 2', () => {
    const chain = chainOf(spec218)
    expect(() => requireCrowdloans(chain, 'create')).toThrow(
      'this runtime (spec 218) has no Crowdloan pallet (Crowdloan.create): crowdloans need a newer runtime',
    )
    expect(() => requireCrowdloans(chain)).toThrow(/^this runtime \(spec 218\) has no Crowdloan pallet: /)
    try {
      requireCrowdloans(chain, 'contribute')
      expect.unreachable()
    } catch (err) {
      expect(err).toMatchObject({ exitCode: 2, code: 'NO_CROWDLOAN' })
    }
  })

  it('accepts a runtime that has every crowdloan call (spec 381); a call it lacks is named', () => {
    const chain = chainOf(spec381)
    for (const call of CALLS) expect(() => requireCrowdloans(chain, call)).not.toThrow()
    expect(() => requireCrowdloans(chain, 'no_such_call')).toThrow('this runtime (spec 381) has no Crowdloan.no_such_call')
  })

  it("reads the runtime's bounds from its Crowdloan constants", () => {
    const limits = crowdLimits(chainOf(spec381))
    expect(limits.minimumDeposit).toBe(BigInt(spec381.constant('Crowdloan', 'MinimumDeposit') as bigint))
    expect(limits.minimumBlockDuration).toBeGreaterThan(0)
    expect(limits.maximumBlockDuration).toBeGreaterThan(limits.minimumBlockDuration)
    expect(limits.maxContributors).toBeGreaterThan(0)
  })
})

describe('crowdloan rules', () => {
  const loan = { finalized: false, raised: 10n, cap: 30n, end: 100 }

  it('status: finalized first, then funded (cap raised), then closed (ended short), else active', () => {
    expect(crowdStatus(loan, 50)).toBe('active')
    expect(crowdStatus(loan, 100)).toBe('closed')
    expect(crowdStatus({ ...loan, raised: 30n }, 50)).toBe('funded')
    expect(crowdStatus({ ...loan, raised: 30n }, 200)).toBe('funded')
    expect(crowdStatus({ ...loan, raised: 30n, finalized: true }, 200)).toBe('finalized')
  })

  it('an end block is measured from the block the transaction lands in, within both bounds', () => {
    const limits = { minimumBlockDuration: 50, maximumBlockDuration: 1000 }
    expect(endProblem(150, 100, limits)).toBeNull()
    expect(endProblem(1100, 100, limits)).toBeNull()
    expect(endProblem(100, 100, limits)).toMatch(/not after the block it would land in \(100\)/)
    expect(endProblem(149, 100, limits)).toMatch(/49 blocks after .* MinimumBlockDuration is 50/)
    expect(endProblem(1101, 100, limits)).toMatch(/1001 blocks after .* MaximumBlockDuration is 1000/)
  })

  it('a contribution takes no more than is left below the cap', () => {
    expect(contributionTaken(5n, loan)).toBe(5n)
    expect(contributionTaken(20n, loan)).toBe(20n)
    expect(contributionTaken(50n, loan)).toBe(20n)
    expect(contributionTaken(5n, { raised: 30n, cap: 30n })).toBe(0n)
  })

  it('withdraw returns a contributor all of it, the creator only what is above the deposit', () => {
    const l = { creator: ALICE, deposit: 10n }
    expect(withdrawable(l, BOB, 7n)).toBe(7n)
    expect(withdrawable(l, ALICE, 15n)).toBe(5n)
    expect(withdrawable(l, ALICE, 10n)).toBe(0n)
  })

  it('contributions sort largest first, then by address', () => {
    const sorted = sortContributions([
      { contributor: BOB, amount: 5n },
      { contributor: ALICE, amount: 5n },
      { contributor: 'x', amount: 9n },
    ])
    expect(sorted.map((c) => c.contributor)).toEqual(['x', BOB, ALICE])
  })
})

describe('a stored crowdloan', () => {
  const chain = chainOf(spec381)
  const stored = {
    creator: ALICE,
    deposit: 10n,
    min_contribution: 1n,
    end: 120,
    cap: 30n,
    funds_account: BOB,
    raised: 12n,
    finalized: false,
    contributors_count: 2,
  }

  it('becomes the plain model; absent options are null', () => {
    expect(crowdloanOf(chain, 3, stored)).toEqual({
      id: 3,
      creator: ALICE,
      deposit: 10n,
      minContribution: 1n,
      end: 120,
      cap: 30n,
      fundsAccount: BOB,
      raised: 12n,
      targetAddress: null,
      call: null,
      finalized: false,
      contributorsCount: 2,
    })
  })

  it('a call stored inline is named by the metadata; one stored by hash keeps its hash; bytes it cannot decode name nothing', () => {
    const bytes = spec381.encodeCall('System', 'remark', { remark: '0x0102' })
    expect(crowdCall(chain, { type: 'Inline', value: bytes })).toEqual({ name: 'System.remark', hash: null })
    const hash = `0x${'ab'.repeat(32)}`
    expect(crowdCall(chain, { type: 'Lookup', value: { hash, len: 40 } })).toEqual({ name: null, hash })
    expect(crowdCall(chain, { type: 'Inline', value: '0xffff' })).toEqual({ name: null, hash: null })
    expect(crowdCall(chain, undefined)).toBeNull()
  })
})
