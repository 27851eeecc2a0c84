/**
 * The crowdloan transactions as plans for the one signing path: each checks what the pallet would refuse (with the
 * runtime's own bounds and the crowdloan as stored) before anything is signed, and reads the crowdloan back once
 * it landed.
 */
import { amountJson, displayTao } from '../../core/amount.js'
import { badInput, failed } from '../../core/errors.js'
import type { Chain, TxCall, TxEvent } from '../../node/index.js'
import type { PlanContext, TxIntent } from '../../tx/intent.js'
import {
  contributionTaken,
  type Crowdloan,
  crowdLimits,
  crowdStatus,
  endProblem,
  PALLET,
  readContribution,
  readContributions,
  readCrowdloan,
  requireCrowdloans,
  withdrawable,
} from './crowd.js'

const eventOf = (events: TxEvent[], name: string) =>
  events.find((e) => e.pallet === PALLET && e.name === name)?.data as Record<string, unknown> | undefined

/** What a plan's JSON says of the crowdloan after the transaction (null once dissolved). */
export function crowdloanStateJson(loan: Crowdloan | null, block: number): Record<string, unknown> | null {
  if (!loan) return null
  return {
    id: loan.id,
    status: crowdStatus(loan, block),
    raised: amountJson(loan.raised),
    cap: amountJson(loan.cap),
    minContribution: amountJson(loan.minContribution),
    end: loan.end,
    contributorsCount: loan.contributorsCount,
    finalized: loan.finalized,
  }
}

const readBackLoan = (chain: Chain, id: number) => async () => {
  const [loan, block] = await Promise.all([readCrowdloan(chain, id), chain.blockNumber()])
  return { crowdloan: crowdloanStateJson(loan, block) }
}

/** The crowdloan, or exit 1 when the chain has none with that id. */
async function existing(chain: Chain, id: number, call: string): Promise<Crowdloan> {
  requireCrowdloans(chain, call)
  const loan = await readCrowdloan(chain, id)
  if (!loan)
    throw failed(
      `there is no crowdloan ${id} (never created, or dissolved): see \`tao crowd list\`; nothing was signed`,
      'NO_SUCH_CROWDLOAN',
    )
  return loan
}

function notFinalized(loan: Crowdloan): void {
  if (loan.finalized)
    throw failed(`crowdloan ${loan.id} is already finalized (AlreadyFinalized); nothing was signed`, 'CROWDLOAN_FINALIZED')
}

function creatorOnly(loan: Crowdloan, actor: string, what: string): void {
  if (actor !== loan.creator)
    throw failed(
      `only the creator of crowdloan ${loan.id} (${loan.creator}) may ${what}; ${actor} is not (InvalidOrigin); nothing was signed`,
      'NOT_CREATOR',
    )
}

/** Exit 1 unless the block a transaction would land in is at or after the crowdloan's end block. */
async function ended(chain: Chain, loan: Crowdloan, what: string): Promise<void> {
  const landsAt = (await chain.blockNumber()) + 1
  if (landsAt < loan.end)
    throw failed(
      `crowdloan ${loan.id} ends at block ${loan.end}, ${loan.end - landsAt} blocks after the next one: it can be ${what} only from then on (ContributionPeriodNotEnded); nothing was signed`,
      'CROWDLOAN_NOT_ENDED',
    )
}

/** Exit 1 when the acting account cannot pay `amount` plus the fee of `call`. */
async function canPay(ctx: PlanContext, call: TxCall, amount: bigint, what: string): Promise<void> {
  const [account, fee] = await Promise.all([ctx.chain.account(ctx.actor), ctx.estimateFee(call)])
  const need = amount + fee + (ctx.options.tip ?? 0n)
  if (account.free - account.frozen < need)
    throw failed(
      `${ctx.actor} has ${displayTao(account.free - account.frozen)} free, not enough for ${what} (${displayTao(amount)}) and the fee (${displayTao(fee)}); nothing was signed`,
      'INSUFFICIENT_BALANCE',
    )
}

export interface CreateRequest {
  deposit: bigint
  minContribution: bigint
  cap: bigint
  /** An absolute end block, or a duration in blocks from the block the transaction lands in. */
  end?: number
  duration?: number
  targetAddress?: string
  /** SCALE bytes of a call (hex) the crowdloan runs as its creator when finalized. */
  callData?: string
}

/** Crowdloan.create: the deposit moves to the crowdloan's funds account as the creator's first contribution. */
export async function planCreate(ctx: PlanContext, req: CreateRequest): Promise<TxIntent> {
  const { chain, actor } = ctx
  requireCrowdloans(chain, 'create')
  const limits = crowdLimits(chain)
  if (req.deposit < limits.minimumDeposit)
    throw badInput(
      `--deposit ${displayTao(req.deposit)} is below the runtime's MinimumDeposit (${displayTao(limits.minimumDeposit)})`,
      'DEPOSIT_TOO_LOW',
    )
  if (req.cap <= req.deposit)
    throw badInput(`--cap ${displayTao(req.cap)} must be above the deposit (${displayTao(req.deposit)})`, 'CAP_TOO_LOW')
  if (req.minContribution < limits.absoluteMinimumContribution)
    throw badInput(
      `--min-contribution ${displayTao(req.minContribution)} is below the runtime's AbsoluteMinimumContribution (${displayTao(limits.absoluteMinimumContribution)})`,
      'MIN_CONTRIBUTION_TOO_LOW',
    )
  const landsAt = (await chain.blockNumber()) + 1
  const end = req.end ?? landsAt + (req.duration ?? 0)
  const problem = endProblem(end, landsAt, limits)
  if (problem) throw badInput(problem, 'BAD_END')
  let inner: { type: string; value: { type: string; value: unknown } } | undefined
  let innerName: string | null = null
  if (req.callData !== undefined) {
    let d
    try {
      d = chain.metadata.decodeCall(req.callData)
    } catch (err) {
      throw badInput(`--call is not a call of this runtime ${chain.metadata.where}: ${(err as Error).message}`, 'BAD_CALL')
    }
    innerName = `${d.pallet}.${d.name}`
    inner = { type: d.pallet, value: { type: d.name, value: Object.keys(d.args).length ? d.args : undefined } }
  }
  const call = chain.call(PALLET, 'create', {
    deposit: req.deposit,
    min_contribution: req.minContribution,
    cap: req.cap,
    end,
    call: inner,
    target_address: req.targetAddress,
  })
  await canPay(ctx, call, req.deposit, 'the deposit')
  return {
    call,
    summary: `create a crowdloan raising up to ${displayTao(req.cap)} until block ${end}, with a deposit of ${displayTao(req.deposit)} from ${actor}`,
    preview: [
      `minimum contribution ${displayTao(req.minContribution)}; contributions stop at block ${end} (${end - landsAt + 1} blocks from now)`,
      req.targetAddress
        ? `once the cap is raised and the creator finalizes it, the raised TAO goes to ${req.targetAddress}`
        : 'no target address: the raised TAO stays in the crowdloan account when finalized',
      ...(innerName ? [`when finalized, ${innerName} runs as ${actor}`] : []),
      'the deposit comes back only by dissolving the crowdloan (after it is refunded) or with the raised funds',
    ],
    context: {
      creator: actor,
      deposit: amountJson(req.deposit),
      minContribution: amountJson(req.minContribution),
      cap: amountJson(req.cap),
      end,
      targetAddress: req.targetAddress ?? null,
      finalizeCall: innerName,
    },
    fromEvents: (events) => {
      const created = eventOf(events, 'Created')
      return created ? { id: Number(created.crowdloan_id) } : {}
    },
    readBack: async (report) => (typeof report.id === 'number' ? readBackLoan(chain, report.id)() : {}),
    describe: (report) => (typeof report.id === 'number' ? `crowdloan ${report.id} created` : undefined),
  }
}

/** Crowdloan.contribute: no more is taken than what is left below the cap. */
export async function planContribute(ctx: PlanContext, id: number, amount: bigint): Promise<TxIntent> {
  const { chain, actor } = ctx
  const loan = await existing(chain, id, 'contribute')
  notFinalized(loan)
  const block = await chain.blockNumber()
  if (block + 1 >= loan.end)
    throw failed(
      `crowdloan ${id} stopped taking contributions at block ${loan.end} (ContributionPeriodEnded); nothing was signed`,
      'CROWDLOAN_ENDED',
    )
  if (loan.raised >= loan.cap) throw failed(`crowdloan ${id} has raised its cap (CapRaised); nothing was signed`, 'CAP_RAISED')
  if (amount < loan.minContribution)
    throw badInput(
      `--amount ${displayTao(amount)} is below crowdloan ${id}'s minimum contribution (${displayTao(loan.minContribution)})`,
      'CONTRIBUTION_TOO_LOW',
    )
  const already = await readContribution(chain, id, actor)
  const limits = crowdLimits(chain)
  // The pallet counts contributors before it looks at who is contributing: a full crowdloan refuses everyone.
  if (loan.contributorsCount >= limits.maxContributors)
    throw failed(
      `crowdloan ${id} has the most contributors the runtime allows (${limits.maxContributors}); nothing was signed`,
      'MAX_CONTRIBUTORS',
    )
  const taken = contributionTaken(amount, loan)
  const call = chain.call(PALLET, 'contribute', { crowdloan_id: id, amount })
  await canPay(ctx, call, taken, 'the contribution')
  return {
    call,
    summary: `contribute ${displayTao(taken)} from ${actor} to crowdloan ${id}`,
    preview: [
      ...(taken < amount
        ? [`only ${displayTao(taken)} is left below the cap of ${displayTao(loan.cap)}: that much is taken, not ${displayTao(amount)}`]
        : []),
      `raised ${displayTao(loan.raised)} of ${displayTao(loan.cap)}; contributions stop at block ${loan.end}`,
      `it can be withdrawn until the crowdloan is finalized (\`tao crowd withdraw --id ${id}\`)`,
    ],
    context: { id, contributor: actor, amount: amountJson(taken), previousContribution: amountJson(already) },
    fromEvents: (events) => {
      const c = eventOf(events, 'Contributed')
      return c ? { contributed: amountJson(BigInt(c.amount as bigint)) } : {}
    },
    readBack: async () => ({ contribution: amountJson(await readContribution(chain, id, actor)), ...(await readBackLoan(chain, id)()) }),
  }
}

/** Crowdloan.withdraw: a contributor takes back all of it; the creator only what is above the deposit. */
export async function planWithdraw(ctx: PlanContext, id: number): Promise<TxIntent> {
  const { chain, actor } = ctx
  const loan = await existing(chain, id, 'withdraw')
  notFinalized(loan)
  const contribution = await readContribution(chain, id, actor)
  if (contribution === 0n)
    throw failed(`${actor} has no contribution in crowdloan ${id} (NoContribution); nothing was signed`, 'NO_CONTRIBUTION')
  const amount = withdrawable(loan, actor, contribution)
  if (amount === 0n)
    throw failed(
      `${actor} created crowdloan ${id}: its deposit (${displayTao(loan.deposit)}) cannot be withdrawn, only dissolving returns it; nothing was signed`,
      'DEPOSIT_CANNOT_BE_WITHDRAWN',
    )
  return {
    call: chain.call(PALLET, 'withdraw', { crowdloan_id: id }),
    summary: `withdraw ${displayTao(amount)} from crowdloan ${id} back to ${actor}`,
    context: { id, contributor: actor, amount: amountJson(amount) },
    fromEvents: (events) => {
      const w = eventOf(events, 'Withdrew')
      return w ? { withdrawn: amountJson(BigInt(w.amount as bigint)) } : {}
    },
    readBack: async () => ({ contribution: amountJson(await readContribution(chain, id, actor)), ...(await readBackLoan(chain, id)()) }),
  }
}

/** Crowdloan.finalize (the creator, once the cap is raised): pays the target, runs the stored call. */
export async function planFinalize(ctx: PlanContext, id: number): Promise<TxIntent> {
  const { chain, actor } = ctx
  const loan = await existing(chain, id, 'finalize')
  notFinalized(loan)
  creatorOnly(loan, actor, 'finalize it')
  await ended(chain, loan, 'finalized')
  if (loan.raised < loan.cap)
    throw failed(
      `crowdloan ${id} has raised ${displayTao(loan.raised)} of its cap ${displayTao(loan.cap)} (CapNotRaised): only a crowdloan that raised its cap can be finalized; nothing was signed`,
      'CAP_NOT_RAISED',
    )
  return {
    call: chain.call(PALLET, 'finalize', { crowdloan_id: id }),
    summary: `finalize crowdloan ${id} (raised ${displayTao(loan.raised)})`,
    preview: [
      loan.targetAddress
        ? `${displayTao(loan.raised)} goes to ${loan.targetAddress}`
        : 'no target address: the raised TAO stays in the crowdloan account',
      ...(loan.call ? [`then ${loan.call.name ?? `the call stored by hash ${loan.call.hash}`} runs as ${actor}`] : []),
      'this cannot be undone',
    ],
    context: { id, raised: amountJson(loan.raised), targetAddress: loan.targetAddress, finalizeCall: loan.call?.name ?? null },
    readBack: readBackLoan(chain, id),
  }
}

/** Crowdloan.refund: pays contributors (not the creator) back, up to RefundContributorsLimit of them per call. */
export async function planRefund(ctx: PlanContext, id: number): Promise<TxIntent> {
  const { chain } = ctx
  const loan = await existing(chain, id, 'refund')
  notFinalized(loan)
  await ended(chain, loan, 'refunded')
  const limits = crowdLimits(chain)
  const others = (await readContributions(chain, id)).filter((c) => c.contributor !== loan.creator)
  if (others.length === 0)
    throw failed(
      `crowdloan ${id} has no contributions to refund besides its creator's deposit: dissolve it (\`tao crowd dissolve --id ${id}\`); nothing was signed`,
      'NOTHING_TO_REFUND',
    )
  const now = others.slice(0, limits.refundContributorsLimit)
  const total = now.reduce((s, c) => s + c.amount, 0n)
  return {
    call: chain.call(PALLET, 'refund', { crowdloan_id: id }),
    summary: `refund ${now.length} contributor${now.length === 1 ? '' : 's'} of crowdloan ${id} (${displayTao(total)})`,
    preview:
      others.length > now.length
        ? [
            `${others.length} contributors: ${limits.refundContributorsLimit} are refunded per call (RefundContributorsLimit); run it again for the rest`,
          ]
        : [`then the creator may dissolve it (\`tao crowd dissolve --id ${id}\`) to get the deposit back`],
    context: { id, contributors: others.length, refunding: now.length },
    fromEvents: (events) => ({
      allRefunded: eventOf(events, 'AllRefunded') !== undefined ? true : eventOf(events, 'PartiallyRefunded') !== undefined ? false : null,
    }),
    readBack: readBackLoan(chain, id),
  }
}

/** Crowdloan.dissolve (the creator, once only its deposit is left): the deposit comes back, the crowdloan is removed. */
export async function planDissolve(ctx: PlanContext, id: number): Promise<TxIntent> {
  const { chain, actor } = ctx
  const loan = await existing(chain, id, 'dissolve')
  notFinalized(loan)
  creatorOnly(loan, actor, 'dissolve it')
  const own = await readContribution(chain, id, loan.creator)
  if (own !== loan.raised)
    throw failed(
      `crowdloan ${id} still holds ${displayTao(loan.raised - own)} of other contributors (NotReadyToDissolve): refund them first (\`tao crowd refund --id ${id}\`); nothing was signed`,
      'NOT_READY_TO_DISSOLVE',
    )
  return {
    call: chain.call(PALLET, 'dissolve', { crowdloan_id: id }),
    summary: `dissolve crowdloan ${id}: ${displayTao(own)} back to ${actor}`,
    context: { id, returned: amountJson(own) },
    readBack: readBackLoan(chain, id),
  }
}

export type CrowdUpdate = { kind: 'min-contribution'; value: bigint } | { kind: 'end'; value: number } | { kind: 'cap'; value: bigint }

/** Crowdloan.update_min_contribution / update_end / update_cap (the creator, before it is finalized). */
export async function planUpdate(ctx: PlanContext, id: number, change: CrowdUpdate): Promise<TxIntent> {
  const { chain, actor } = ctx
  const loan = await existing(chain, id, change.kind === 'min-contribution' ? 'update_min_contribution' : `update_${change.kind}`)
  notFinalized(loan)
  creatorOnly(loan, actor, 'update it')
  const limits = crowdLimits(chain)
  let call: TxCall
  let summary: string
  let changed: Record<string, unknown>
  if (change.kind === 'min-contribution') {
    if (change.value < limits.absoluteMinimumContribution)
      throw badInput(
        `--min-contribution ${displayTao(change.value)} is below the runtime's AbsoluteMinimumContribution (${displayTao(limits.absoluteMinimumContribution)})`,
        'MIN_CONTRIBUTION_TOO_LOW',
      )
    call = chain.call(PALLET, 'update_min_contribution', { crowdloan_id: id, new_min_contribution: change.value })
    summary = `set crowdloan ${id}'s minimum contribution to ${displayTao(change.value)} (was ${displayTao(loan.minContribution)})`
    changed = { minContribution: amountJson(change.value) }
  } else if (change.kind === 'cap') {
    if (change.value < loan.raised)
      throw failed(
        `--cap ${displayTao(change.value)} is below what crowdloan ${id} has raised (${displayTao(loan.raised)}) (CapTooLow); nothing was signed`,
        'CAP_TOO_LOW',
      )
    call = chain.call(PALLET, 'update_cap', { crowdloan_id: id, new_cap: change.value })
    summary = `set crowdloan ${id}'s cap to ${displayTao(change.value)} (was ${displayTao(loan.cap)})`
    changed = { cap: amountJson(change.value) }
  } else {
    const landsAt = (await chain.blockNumber()) + 1
    const problem = endProblem(change.value, landsAt, limits)
    if (problem) throw badInput(problem, 'BAD_END')
    call = chain.call(PALLET, 'update_end', { crowdloan_id: id, new_end: change.value })
    summary = `set crowdloan ${id}'s end to block ${change.value} (was ${loan.end})`
    changed = { end: change.value }
  }
  return { call, summary, context: { id, ...changed }, readBack: readBackLoan(chain, id) }
}
