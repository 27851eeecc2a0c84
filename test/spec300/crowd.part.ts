/**
 * Crowdloans (pallet Crowdloan) live on spec 300: two crowdloans made here with the CLI, one raised to its cap
 * and finalized (the raised TAO goes to its target), one that ends short of its cap, refunded and dissolved.
 * Every figure the CLI reports is compared with the chain's storage, events and balances. The runtime's
 * shortest duration (MinimumBlockDuration) is waited out with empty blocks, once, for both crowdloans.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { fund, ss58Of, TAO } from '../helpers/subnet-setup.js'
import type { Spec300Part } from './context.js'

const CREATOR = '//Crowd1'
const BACKER = '//Crowd2'

interface StoredLoan {
  creator: string
  deposit: bigint
  min_contribution: bigint
  end: number
  cap: bigint
  raised: bigint
  target_address?: string
  finalized: boolean
  contributors_count: number
}

interface Event {
  pallet: string
  name: string
  data: Record<string, unknown>
}

export const crowdPart: Spec300Part = (ctx) => {
  describe('crowd', () => {
    const creator = ss58Of(CREATOR)
    const backer = ss58Of(BACKER)
    const target = ss58Of('//Crowd3')
    let minDuration = 0
    /** Raised to its cap and finalized. */
    let funded = 0
    /** Ends short of its cap: refunded, then dissolved. */
    let short = 0

    const node = () => ctx().node
    const free = async (who: string) => (await node().account(who)).free
    const loan = async (id: number) => (await node().storage('Crowdloan', 'Crowdloans', id)) as StoredLoan | undefined
    const contribution = async (id: number, who: string) =>
      (await node().storage('Crowdloan', 'Contributions', id, who)) as bigint | undefined
    const rao = (v: unknown) => BigInt((v as { rao: string }).rao)
    const eventOf = (json: { events: Event[] }, name: string) => json.events.find((e) => e.pallet === 'Crowdloan' && e.name === name)?.data
    const read = (args: string[]) => ctx().tao([...args, '--json'], { timeoutMs: 120_000 })
    /**
     * A signing command by `uri`'s key. A transaction dropped at a BABE epoch edge (never included: the command's
     * deadline passes, exit 3 or 5, the signer's nonce unused) is sent again after a new block, so the test is
     * about the command, not the epoch edge.
     */
    const signed = async (uri: string, args: string[]) => {
      const who = ss58Of(uri)
      const run = () => ctx().tao(['crowd', ...args, '--uri', uri, '-y', '--json', '--deadline', '45'], { timeoutMs: 120_000 })
      const before = (await node().account(who)).nonce
      let r = await run()
      for (let i = 0; i < 2 && (r.code === 5 || r.code === 3) && (await node().account(who)).nonce === before; i++) {
        await ctx().net.newBlock()
        r = await run()
      }
      return r
    }

    beforeAll(async () => {
      await fund(ctx().net, creator, 1_000n * TAO)
      await fund(ctx().net, backer, 1_000n * TAO)
      minDuration = Number(node().constant('Crowdloan', 'MinimumBlockDuration'))
    })

    it('creates two crowdloans; list, info and contributors read them as stored; a backer contributes and withdraws; the creator updates', async () => {
      const before = await free(creator)
      const a = await signed(CREATOR, [
        'create',
        '--deposit',
        '10',
        '--min-contribution',
        '1',
        '--cap',
        '30',
        '--duration',
        String(minDuration),
        '--target-address',
        target,
      ])
      expect(a.code, a.stderr).toBe(0)
      funded = a.json.id
      expect(eventOf(a.json, 'Created')).toMatchObject({ crowdloan_id: funded, creator, end: a.json.end, cap: String(30n * TAO) })
      expect(a.json.end - a.json.block).toBeGreaterThanOrEqual(minDuration)
      expect(await loan(funded)).toMatchObject({
        creator,
        deposit: 10n * TAO,
        min_contribution: TAO,
        cap: 30n * TAO,
        raised: 10n * TAO,
        end: a.json.end,
        target_address: target,
        finalized: false,
        contributors_count: 1,
      })
      expect(await contribution(funded, creator)).toBe(10n * TAO)
      expect(before - (await free(creator))).toBe(10n * TAO + rao(a.json.fee))

      const b = await signed(CREATOR, [
        'create',
        '--deposit',
        '10',
        '--min-contribution',
        '1',
        '--cap',
        '100',
        '--duration',
        String(minDuration),
      ])
      expect(b.code, b.stderr).toBe(0)
      short = b.json.id
      expect(short).not.toBe(funded)
      expect((await loan(short))?.target_address).toBeUndefined()

      const list = await read(['crowd', 'list', '--creator', creator])
      expect(list.code, list.stderr).toBe(0)
      const listed = new Map(list.json.crowdloans.map((l: { id: number }) => [l.id, l]))
      for (const id of [funded, short]) {
        const stored = (await loan(id))!
        expect(listed.get(id)).toMatchObject({ status: 'active', end: stored.end, contributorsCount: 1, finalized: false })
        expect(rao((listed.get(id) as { raised: unknown }).raised)).toBe(stored.raised)
        expect(rao((listed.get(id) as { cap: unknown }).cap)).toBe(stored.cap)
      }

      const info = await read(['crowd', 'info', '--id', String(funded)])
      expect(info.code, info.stderr).toBe(0)
      expect(info.json.crowdloan).toMatchObject({ id: funded, creator, targetAddress: target, call: null, end: a.json.end })
      expect(info.json.crowdloan.funded).toBeCloseTo(10 / 30, 5)
      expect(rao(info.json.crowdloan.deposit)).toBe(10n * TAO)
      expect(rao(info.json.crowdloan.minContribution)).toBe(TAO)
      expect(info.json.limits.minimumBlockDuration).toBe(minDuration)
      expect(rao(info.json.limits.minimumDeposit)).toBe(BigInt(node().constant('Crowdloan', 'MinimumDeposit') as bigint))

      for (const id of [funded, short]) {
        const c = await signed(BACKER, ['contribute', '--id', String(id), '--amount', '5'])
        expect(c.code, c.stderr).toBe(0)
        expect(eventOf(c.json, 'Contributed')).toMatchObject({ crowdloan_id: id, contributor: backer, amount: String(5n * TAO) })
        expect(await contribution(id, backer)).toBe(5n * TAO)
        expect((await loan(id))?.raised).toBe(15n * TAO)
      }
      const who = await read(['crowd', 'contributors', '--id', String(funded)])
      expect(who.code, who.stderr).toBe(0)
      const stored = await node().entries('Crowdloan', 'Contributions', funded)
      expect(who.json.contributors).toHaveLength(stored.length)
      for (const e of stored) {
        const row = who.json.contributors.find((c: { contributor: string }) => c.contributor === e.keys[1])
        expect(rao(row.amount)).toBe(e.value)
        expect(row.creator).toBe(e.keys[1] === creator)
      }
      expect(rao(who.json.total)).toBe(15n * TAO)

      const beforeWithdraw = await free(backer)
      const w = await signed(BACKER, ['withdraw', '--id', String(funded)])
      expect(w.code, w.stderr).toBe(0)
      expect(eventOf(w.json, 'Withdrew')).toMatchObject({ contributor: backer, amount: String(5n * TAO) })
      expect(await contribution(funded, backer)).toBeUndefined()
      expect(await loan(funded)).toMatchObject({ raised: 10n * TAO, contributors_count: 1 })
      expect((await free(backer)) - beforeWithdraw).toBe(5n * TAO - rao(w.json.fee))

      const deposit = await signed(CREATOR, ['withdraw', '--id', String(funded)])
      expect(deposit.code).toBe(1)
      expect(deposit.json.error.code).toBe('DEPOSIT_CANNOT_BE_WITHDRAWN')
      const notCreator = await signed(BACKER, ['update', '--id', String(funded), '--cap', '50'])
      expect(notCreator.code).toBe(1)
      expect(notCreator.json.error.code).toBe('NOT_CREATOR')

      const cap = await signed(CREATOR, ['update', '--id', String(funded), '--cap', '40'])
      expect(cap.code, cap.stderr).toBe(0)
      expect((await loan(funded))?.cap).toBe(40n * TAO)
      const min = await signed(CREATOR, ['update', '--id', String(funded), '--min-contribution', '2'])
      expect(min.code, min.stderr).toBe(0)
      expect((await loan(funded))?.min_contribution).toBe(2n * TAO)
      const end = (await node().blockNumber()) + 1 + minDuration
      const moved = await signed(CREATOR, ['update', '--id', String(funded), '--end', String(end)])
      expect(moved.code, moved.stderr).toBe(0)
      expect((await loan(funded))?.end).toBe(end)
      const tooSoon = await signed(CREATOR, ['update', '--id', String(funded), '--end', String(end - minDuration)])
      expect(tooSoon.code).toBe(2)
      expect(tooSoon.json.error.code).toBe('BAD_END')
      const small = await signed(BACKER, ['contribute', '--id', String(funded), '--amount', '1'])
      expect(small.code).toBe(2)
      expect(small.json.error.code).toBe('CONTRIBUTION_TOO_LOW')
    }, 240_000)

    it('a contribution past the cap takes only what is left; finalize waits for the end, then pays the target; the other is refunded and dissolved', async () => {
      const c = await signed(BACKER, ['contribute', '--id', String(funded), '--amount', '50'])
      expect(c.code, c.stderr).toBe(0)
      expect(rao(c.json.amount)).toBe(30n * TAO)
      expect(eventOf(c.json, 'Contributed')).toMatchObject({ amount: String(30n * TAO) })
      expect(await loan(funded)).toMatchObject({ raised: 40n * TAO, cap: 40n * TAO })
      expect(c.json.crowdloan.status).toBe('funded')

      const early = await signed(CREATOR, ['finalize', '--id', String(funded)])
      expect(early.code).toBe(1)
      expect(early.json.error.code).toBe('CROWDLOAN_NOT_ENDED')
      const earlyRefund = await signed(CREATOR, ['refund', '--id', String(short)])
      expect(earlyRefund.code).toBe(1)
      expect(earlyRefund.json.error.code).toBe('CROWDLOAN_NOT_ENDED')

      // Both end within the runtime's shortest duration of now: wait it out with empty blocks.
      const last = Math.max((await loan(funded))!.end, (await loan(short))!.end)
      const now = await node().blockNumber()
      if (last > now) await ctx().net.newBlock(last - now)
      const closed = await read(['crowd', 'list', '--creator', creator, '--status', 'closed'])
      expect(closed.json.crowdloans.map((l: { id: number }) => l.id)).toEqual([short])

      const targetBefore = await free(target)
      const fin = await signed(CREATOR, ['finalize', '--id', String(funded)])
      expect(fin.code, fin.stderr).toBe(0)
      expect(eventOf(fin.json, 'Finalized')).toMatchObject({ crowdloan_id: funded })
      expect((await free(target)) - targetBefore).toBe(40n * TAO)
      expect((await loan(funded))?.finalized).toBe(true)
      expect(fin.json.crowdloan.status).toBe('finalized')

      const backerBefore = await free(backer)
      const refund = await signed(CREATOR, ['refund', '--id', String(short)])
      expect(refund.code, refund.stderr).toBe(0)
      expect(refund.json.allRefunded).toBe(true)
      expect((await free(backer)) - backerBefore).toBe(5n * TAO)
      expect(await contribution(short, backer)).toBeUndefined()
      expect(await loan(short)).toMatchObject({ raised: 10n * TAO, contributors_count: 1 })

      const creatorBefore = await free(creator)
      const gone = await signed(CREATOR, ['dissolve', '--id', String(short)])
      expect(gone.code, gone.stderr).toBe(0)
      expect(eventOf(gone.json, 'Dissolved')).toMatchObject({ crowdloan_id: short })
      expect(gone.json.crowdloan).toBeNull()
      expect(await loan(short)).toBeUndefined()
      expect((await free(creator)) - creatorBefore).toBe(10n * TAO - rao(gone.json.fee))
      const info = await read(['crowd', 'info', '--id', String(short)])
      expect(info.code).toBe(1)
      expect(info.json.error.code).toBe('NO_SUCH_CROWDLOAN')
    }, 240_000)
  })
}
