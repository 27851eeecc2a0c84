import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeMetadata, type RuntimeMetadata } from '../../node/metadata.js'
import type { Chain } from '../../node/index.js'
import type { PlanContext } from '../../tx/intent.js'
import { planContribute, planCreate, planDissolve, planFinalize, planRefund, planUpdate, planWithdraw } from './plans.js'

const load = (file: string) => decodeMetadata(new Uint8Array(readFileSync(file)))
const spec218 = load('test/fixtures/spec218/metadata.scale')
const spec381 = load('test/fixtures/metadata-spec381.scale')
const TAO = 1_000_000_000n
const CREATOR = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BACKER = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

interface State {
  block: number
  loan?: Record<string, unknown>
  contributions: Map<string, bigint>
}

/** A chain that holds crowdloan 0 as `state` says; it knows nothing else (a read of anything else throws). */
function chainOf(metadata: RuntimeMetadata, state: State): Chain {
  return {
    metadata,
    constant: (p: string, n: string) => metadata.constant(p, n),
    blockNumber: async () => state.block,
    call: (pallet: string, name: string, args: Record<string, unknown>) => ({ pallet, name, args }),
    account: async () => ({ nonce: 0, free: 1_000_000n * TAO, reserved: 0n, frozen: 0n, consumers: 0, providers: 1 }),
    storage: async (pallet: string, item: string, ...keys: unknown[]) => {
      if (pallet !== 'Crowdloan') throw new Error(`unexpected read ${pallet}.${item}`)
      if (item === 'Crowdloans') return keys[0] === 0 ? state.loan : undefined
      if (item === 'Contributions') return keys[0] === 0 ? state.contributions.get(String(keys[1])) : undefined
      throw new Error(`unexpected read ${pallet}.${item}`)
    },
    entries: async (pallet: string, item: string, id: unknown) => {
      if (pallet !== 'Crowdloan' || item !== 'Contributions' || id !== 0) throw new Error(`unexpected entries ${pallet}.${item}`)
      return [...state.contributions].map(([who, value]) => ({ keys: [0, who], value }))
    },
  } as unknown as Chain
}

const ctxOf = (chain: Chain, actor: string) =>
  ({ chain, signer: actor, actor, options: {}, estimateFee: async () => 1000n }) as unknown as PlanContext

/** Crowdloan 0 by CREATOR: deposit 10, cap 30, ends at block 200; BACKER has 5 in it. */
function state(over: Partial<Record<string, unknown>> = {}, block = 100): State {
  return {
    block,
    loan: {
      creator: CREATOR,
      deposit: 10n * TAO,
      min_contribution: TAO,
      end: 200,
      cap: 30n * TAO,
      funds_account: BACKER,
      raised: 15n * TAO,
      finalized: false,
      contributors_count: 2,
      ...over,
    },
    contributions: new Map([
      [CREATOR, 10n * TAO],
      [BACKER, 5n * TAO],
    ]),
  }
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (err) {
    return { code: (err as { code?: string }).code, exitCode: (err as { exitCode?: number }).exitCode, message: (err as Error).message }
  }
  throw new Error('expected a refusal')
}

describe('crowd plans', () => {
  it('refuse on spec 218 before reading anything (exit 2, the pallet, call and spec named)', async () => {
    const chain = chainOf(spec218, { block: 1, contributions: new Map() })
    const create = await refusal(
      planCreate(ctxOf(chain, CREATOR), { deposit: 10n * TAO, minContribution: TAO, cap: 30n * TAO, duration: 100 }),
    )
    expect(create).toEqual({
      code: 'NO_CROWDLOAN',
      exitCode: 2,
      message: 'this runtime (spec 218) has no Crowdloan pallet (Crowdloan.create): crowdloans need a newer runtime',
    })
    for (const [plan, call] of [
      [planContribute(ctxOf(chain, BACKER), 0, TAO), 'contribute'],
      [planWithdraw(ctxOf(chain, BACKER), 0), 'withdraw'],
      [planFinalize(ctxOf(chain, CREATOR), 0), 'finalize'],
      [planRefund(ctxOf(chain, CREATOR), 0), 'refund'],
      [planDissolve(ctxOf(chain, CREATOR), 0), 'dissolve'],
      [planUpdate(ctxOf(chain, CREATOR), 0, { kind: 'cap', value: TAO }), 'update_cap'],
    ] as const)
      expect(await refusal(plan)).toMatchObject({
        exitCode: 2,
        message: expect.stringContaining(`(spec 218) has no Crowdloan pallet (Crowdloan.${call})`),
      })
  })

  it("create: the runtime's bounds are checked before signing; --duration counts from the block it lands in", async () => {
    const chain = chainOf(spec381, { block: 100, contributions: new Map() })
    const min = BigInt(spec381.constant('Crowdloan', 'MinimumDeposit') as bigint)
    const minDuration = Number(spec381.constant('Crowdloan', 'MinimumBlockDuration'))
    const ok = { deposit: min, minContribution: TAO, cap: min + TAO, duration: minDuration }
    const intent = await planCreate(ctxOf(chain, CREATOR), ok)
    expect(intent.call).toMatchObject({ name: 'create', args: { deposit: min, cap: min + TAO, end: 101 + minDuration, call: undefined } })
    expect(await refusal(planCreate(ctxOf(chain, CREATOR), { ...ok, deposit: min - 1n, cap: min }))).toMatchObject({
      code: 'DEPOSIT_TOO_LOW',
      exitCode: 2,
    })
    expect(await refusal(planCreate(ctxOf(chain, CREATOR), { ...ok, cap: min }))).toMatchObject({ code: 'CAP_TOO_LOW', exitCode: 2 })
    expect(await refusal(planCreate(ctxOf(chain, CREATOR), { ...ok, duration: minDuration - 1 }))).toMatchObject({
      code: 'BAD_END',
      exitCode: 2,
    })
    expect(await refusal(planCreate(ctxOf(chain, CREATOR), { ...ok, callData: '0xffff' }))).toMatchObject({ code: 'BAD_CALL', exitCode: 2 })
    const withCall = await planCreate(ctxOf(chain, CREATOR), {
      ...ok,
      callData: `0x${Buffer.from(spec381.encodeCall('System', 'remark', { remark: '0x01' })).toString('hex')}`,
    })
    expect(withCall.context).toMatchObject({ finalizeCall: 'System.remark' })
  })

  it('contribute: no more than is left below the cap; not at or after the end block; not below the minimum', async () => {
    const intent = await planContribute(ctxOf(chainOf(spec381, state()), BACKER), 0, 50n * TAO)
    expect(intent.context).toMatchObject({ amount: { rao: String(15n * TAO) }, previousContribution: { rao: String(5n * TAO) } })
    expect(intent.preview?.[0]).toMatch(/only τ15 is left below the cap of τ30/)
    expect(await refusal(planContribute(ctxOf(chainOf(spec381, state({}, 199)), BACKER), 0, TAO))).toMatchObject({
      code: 'CROWDLOAN_ENDED',
      exitCode: 1,
    })
    expect(await refusal(planContribute(ctxOf(chainOf(spec381, state({ raised: 30n * TAO })), BACKER), 0, TAO))).toMatchObject({
      code: 'CAP_RAISED',
    })
    expect(await refusal(planContribute(ctxOf(chainOf(spec381, state()), BACKER), 0, TAO - 1n))).toMatchObject({
      code: 'CONTRIBUTION_TOO_LOW',
      exitCode: 2,
    })
    expect(await refusal(planContribute(ctxOf(chainOf(spec381, state()), BACKER), 1, TAO))).toMatchObject({
      code: 'NO_SUCH_CROWDLOAN',
      exitCode: 1,
    })
  })

  it("withdraw: a backer's whole contribution; the creator's deposit stays", async () => {
    const intent = await planWithdraw(ctxOf(chainOf(spec381, state()), BACKER), 0)
    expect(intent.context).toMatchObject({ amount: { rao: String(5n * TAO) } })
    expect(await refusal(planWithdraw(ctxOf(chainOf(spec381, state()), CREATOR), 0))).toMatchObject({
      code: 'DEPOSIT_CANNOT_BE_WITHDRAWN',
      exitCode: 1,
    })
  })

  it('finalize: the creator, once the cap is raised and the end block reached', async () => {
    const raised = { raised: 30n * TAO }
    expect(await refusal(planFinalize(ctxOf(chainOf(spec381, state(raised, 150)), CREATOR), 0))).toMatchObject({
      code: 'CROWDLOAN_NOT_ENDED',
      message: expect.stringContaining('ends at block 200, 49 blocks after the next one'),
    })
    expect(await refusal(planFinalize(ctxOf(chainOf(spec381, state(raised, 199)), BACKER), 0))).toMatchObject({ code: 'NOT_CREATOR' })
    expect(await refusal(planFinalize(ctxOf(chainOf(spec381, state({}, 199)), CREATOR), 0))).toMatchObject({ code: 'CAP_NOT_RAISED' })
    expect(await refusal(planFinalize(ctxOf(chainOf(spec381, state({ ...raised, finalized: true }, 199)), CREATOR), 0))).toMatchObject({
      code: 'CROWDLOAN_FINALIZED',
    })
    const intent = await planFinalize(ctxOf(chainOf(spec381, state(raised, 199)), CREATOR), 0)
    expect(intent.call).toMatchObject({ name: 'finalize', args: { crowdloan_id: 0 } })
  })

  it('refund after the end, then dissolve once only the deposit is left', async () => {
    expect(await refusal(planRefund(ctxOf(chainOf(spec381, state({}, 150)), BACKER), 0))).toMatchObject({ code: 'CROWDLOAN_NOT_ENDED' })
    const refund = await planRefund(ctxOf(chainOf(spec381, state({}, 199)), BACKER), 0)
    expect(refund.context).toMatchObject({ contributors: 1, refunding: 1 })
    expect(await refusal(planDissolve(ctxOf(chainOf(spec381, state({}, 199)), CREATOR), 0))).toMatchObject({
      code: 'NOT_READY_TO_DISSOLVE',
    })
    const onlyDeposit = state({ raised: 10n * TAO, contributors_count: 1 }, 199)
    onlyDeposit.contributions.delete(BACKER)
    expect(await refusal(planRefund(ctxOf(chainOf(spec381, onlyDeposit), BACKER), 0))).toMatchObject({ code: 'NOTHING_TO_REFUND' })
    const dissolve = await planDissolve(ctxOf(chainOf(spec381, onlyDeposit), CREATOR), 0)
    expect(dissolve.context).toMatchObject({ returned: { rao: String(10n * TAO) } })
  })

  it('update: the creator only; a cap below what is raised and an end too soon are refused', async () => {
    const chain = chainOf(spec381, state())
    expect(await refusal(planUpdate(ctxOf(chain, BACKER), 0, { kind: 'cap', value: 40n * TAO }))).toMatchObject({ code: 'NOT_CREATOR' })
    expect(await refusal(planUpdate(ctxOf(chain, CREATOR), 0, { kind: 'cap', value: 14n * TAO }))).toMatchObject({ code: 'CAP_TOO_LOW' })
    expect(await refusal(planUpdate(ctxOf(chain, CREATOR), 0, { kind: 'end', value: 120 }))).toMatchObject({ code: 'BAD_END', exitCode: 2 })
    const cap = await planUpdate(ctxOf(chain, CREATOR), 0, { kind: 'cap', value: 40n * TAO })
    expect(cap.call).toMatchObject({ name: 'update_cap', args: { crowdloan_id: 0, new_cap: 40n * TAO } })
    const min = await planUpdate(ctxOf(chain, CREATOR), 0, { kind: 'min-contribution', value: 2n * TAO })
    expect(min.call).toMatchObject({ name: 'update_min_contribution' })
  })
})
