/**
 * Crowdloans as JSON (docs/json.md) and as lines for people, from the plain crowdloans of
 * src/subtensor/crowd/crowd.ts. Blocks are shown with roughly how long they are from the block read, at the
 * runtime's target block time. Pure: no node.
 */
import { amountJson, displayTao, type AmountJson } from '../../core/amount.js'
import { table } from '../../core/output.js'
import { crowdStatus, type Contribution, type Crowdloan, type CrowdStatus } from '../../subtensor/crowd/crowd.js'

/** Roughly how long `blocks` blocks take at `blockMs` per block, e.g. `~2 h 5 min`; null when the block time is unknown. */
export function approxDuration(blocks: number, blockMs: number | null): string | null {
  if (blockMs === null || blockMs <= 0) return null
  const s = Math.round((Math.abs(blocks) * blockMs) / 1000)
  if (s < 60) return `~${s} s`
  const min = Math.round(s / 60)
  if (min < 60) return `~${min} min`
  const h = Math.floor(min / 60)
  if (h < 48) return `~${h} h${min % 60 ? ` ${min % 60} min` : ''}`
  return `~${(s / 86400).toFixed(1)} days`
}

/** `block 1,234 (in ~2 h)` / `block 1,200 (~10 min ago)`. */
export function blockWhen(end: number, block: number, blockMs: number | null): string {
  const d = end - block
  const t = approxDuration(d, blockMs)
  if (d === 0) return `block ${end} (now)`
  if (t === null) return `block ${end} (${Math.abs(d)} blocks ${d > 0 ? 'from now' : 'ago'})`
  return `block ${end} (${d > 0 ? `in ${t}` : `${t} ago`})`
}

export interface CrowdloanJson {
  id: number
  status: CrowdStatus
  creator: string
  deposit: AmountJson
  minContribution: AmountJson
  cap: AmountJson
  raised: AmountJson
  /** raised / cap, in [0, 1]. */
  funded: number
  end: number
  /** end - the block read (negative once ended). */
  blocksLeft: number
  /** blocksLeft at the runtime's target block time, in seconds; null when the block time is unknown. */
  secondsLeft: number | null
  fundsAccount: string
  targetAddress: string | null
  call: { name: string | null; hash: string | null } | null
  finalized: boolean
  contributorsCount: number
}

export function crowdloanJson(loan: Crowdloan, block: number, blockMs: number | null): CrowdloanJson {
  const blocksLeft = loan.end - block
  return {
    id: loan.id,
    status: crowdStatus(loan, block),
    creator: loan.creator,
    deposit: amountJson(loan.deposit),
    minContribution: amountJson(loan.minContribution),
    cap: amountJson(loan.cap),
    raised: amountJson(loan.raised),
    funded: loan.cap === 0n ? 0 : Math.min(1, Number((loan.raised * 1_000_000n) / loan.cap) / 1_000_000),
    end: loan.end,
    blocksLeft,
    secondsLeft: blockMs === null ? null : Math.round((blocksLeft * blockMs) / 1000),
    fundsAccount: loan.fundsAccount,
    targetAddress: loan.targetAddress,
    call: loan.call,
    finalized: loan.finalized,
    contributorsCount: loan.contributorsCount,
  }
}

const pct = (raised: bigint, cap: bigint) => (cap === 0n ? '0%' : `${(Number((raised * 10_000n) / cap) / 100).toFixed(2)}%`)

/** What can happen next, in words, by status. */
export function nextStep(loan: Crowdloan, block: number): string {
  switch (crowdStatus(loan, block)) {
    case 'active':
      return `taking contributions (tao crowd contribute --id ${loan.id} --amount …)`
    case 'funded':
      return block < loan.end
        ? `cap raised: the creator can finalize it from block ${loan.end} (tao crowd finalize --id ${loan.id})`
        : `cap raised: the creator may finalize it (tao crowd finalize --id ${loan.id})`
    case 'closed':
      return loan.contributorsCount > 1
        ? `ended short of its cap: refund the contributors (tao crowd refund --id ${loan.id}), then the creator dissolves it`
        : `ended short of its cap: the creator may dissolve it (tao crowd dissolve --id ${loan.id})`
    case 'finalized':
      return 'finalized'
  }
}

export function crowdloanLines(loan: Crowdloan, block: number, blockMs: number | null): string[] {
  return [
    `Crowdloan ${loan.id}: ${crowdStatus(loan, block)}`,
    `  creator            ${loan.creator}`,
    `  raised             ${displayTao(loan.raised)} of ${displayTao(loan.cap)} (${pct(loan.raised, loan.cap)})`,
    `  deposit            ${displayTao(loan.deposit)}`,
    `  min contribution   ${displayTao(loan.minContribution)}`,
    `  ends               ${blockWhen(loan.end, block, blockMs)}; now block ${block}`,
    `  contributors       ${loan.contributorsCount}`,
    `  funds account      ${loan.fundsAccount}`,
    `  target address     ${loan.targetAddress ?? 'none (the raised TAO stays in the funds account)'}`,
    `  call               ${loan.call ? (loan.call.name ?? `stored by hash ${loan.call.hash}`) : 'none'}`,
    `  next               ${nextStep(loan, block)}`,
  ]
}

export function crowdloanTable(loans: Crowdloan[], block: number, blockMs: number | null): string {
  const rows = [['ID', 'Status', 'Raised / Cap', 'Deposit', 'Min', 'Ends', 'Contrib.', 'Creator', 'Target']]
  for (const l of loans) {
    const d = l.end - block
    const t = approxDuration(d, blockMs)
    rows.push([
      String(l.id),
      crowdStatus(l, block),
      `${displayTao(l.raised)} / ${displayTao(l.cap)}`,
      displayTao(l.deposit),
      displayTao(l.minContribution),
      `${l.end}${t ? (d > 0 ? ` (in ${t})` : d < 0 ? ` (${t} ago)` : '') : ''}`,
      String(l.contributorsCount),
      l.creator,
      l.targetAddress ?? '-',
    ])
  }
  return table(rows)
}

export function contributorsJson(list: Contribution[], creator: string | null, raised: bigint) {
  return list.map((c) => ({
    contributor: c.contributor,
    amount: amountJson(c.amount),
    share: raised === 0n ? 0 : Number((c.amount * 1_000_000n) / raised) / 1_000_000,
    creator: c.contributor === creator,
  }))
}

export function contributorsTable(list: Contribution[], creator: string | null, raised: bigint): string {
  const rows = [['Contributor', 'Amount', 'Share', '']]
  for (const c of list)
    rows.push([c.contributor, displayTao(c.amount), pct(c.amount, raised), c.contributor === creator ? 'creator (deposit)' : ''])
  return table(rows)
}
