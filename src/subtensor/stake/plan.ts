import type { PlanContext, TxIntent } from '../../tx/intent.js'
import type { HotkeyTarget } from '../../wallet/selection.js'
import { failed } from '../../core/errors.js'
import type { Chain, TxEvent } from '../../node/index.js'
import { amountJson, displayTao, formatTao, priceText } from '../../core/amount.js'
import { limitPrice, ppbNumber, ppbPercent, spotPrice, swapLimitPrice } from './pool.js'
import { requireStakingOpen } from '../subnets/start.js'
import { quote, quoteMove, readPrice, readStake, requireKnownHotkey, requireSubnet, type MoveQuote, type Quote } from './pool-reader.js'
import { stakesAdded, stakesRemoved, totals, movedTao, type StakeChange } from '../tx-events.js'
import {
  addStakeCall,
  moveStakeCall,
  priceGuard,
  removeStakeCall,
  requireCall,
  swapStakeCall,
  transferStakeCall,
  unlimitedGuard,
  unstakeAllCall,
  type PriceGuard,
} from '../write-calls.js'

/**
 * What `tao stake add|remove|move|transfer|swap` sign: each planner reads what it needs (subnet, hotkey, pool,
 * stake, balance), refuses what cannot work before anything is signed, quotes the trade at the pool's current
 * state, and returns the call with its preview and JSON. The amounts the chain really moved come from the
 * transaction's StakeAdded / StakeRemoved events.
 */

/** Price protection asked for on the command line. */
export interface GuardOptions {
  tolerancePpb: bigint
  allowPartial: boolean
  unsafe: boolean
  /** --tolerance or --allow-partial was given. */
  explicit: boolean
}

export const displayAlpha = (amount: bigint): string => displayTao(amount).replace('τ', 'α')
const displayPrice = (price: bigint | null): string => (price === null ? 'no price (empty pool)' : `τ${formatTao(price)} per α`)
const maybeAmount = (v: bigint | null | undefined) => (v === null || v === undefined ? null : amountJson(v))

/** Preview lines and JSON of price protection. */
function guardView(guard: PriceGuard): { lines: string[]; json: Record<string, unknown> } {
  if (guard.kind === 'none')
    return {
      lines: [
        guard.clientCheck === null
          ? guard.why
          : `${guard.why}; the quote was checked here against the tolerance ${ppbPercent(guard.clientCheck)}`,
      ],
      json: { limitPrice: null, tolerance: guard.clientCheck === null ? null : ppbNumber(guard.clientCheck), allowPartial: null },
    }
  return {
    lines: [
      `price protected by ${guard.call}: limit τ${formatTao(guard.limitPrice)} per α (tolerance ${ppbPercent(guard.tolerancePpb)}), ` +
        (guard.allowPartial ? 'a partial fill is allowed' : 'all or nothing'),
    ],
    json: { limitPrice: priceText(guard.limitPrice), tolerance: ppbNumber(guard.tolerancePpb), allowPartial: guard.allowPartial },
  }
}

function quoteLines(q: Quote, outUnit: (v: bigint) => string): string[] {
  const source =
    q.source === 'SwapRuntimeApi'
      ? 'simulated by the runtime'
      : q.source === '1:1'
        ? '1:1 subnet'
        : q.source === 'swap-pallet-pool'
          ? "the Swap pallet's active liquidity at its price"
          : 'constant-product pool'
  return [
    `price ${displayPrice(q.price)} (${source})`,
    `expected ${outUnit(q.amountOut)}` +
      (q.ideal === null ? '' : ` (${outUnit(q.ideal)} at the current price; slippage ${ppbPercent(q.slippagePpb)})`) +
      (q.swapFee === null ? '' : `, swap fee ${q.side === 'buy' ? displayTao(q.swapFee) : displayAlpha(q.swapFee)}`),
    ...slippageWarning(q.slippagePpb),
  ]
}

const quoteJson = (q: Quote, expected: 'expectedAlpha' | 'expectedTao') => ({
  price: priceText(q.price),
  [expected]: amountJson(q.amountOut),
  slippage: ppbNumber(q.slippagePpb),
  swapFee: maybeAmount(q.swapFee),
  quoteSource: q.source,
})

const POOL_MOVES = 'the pool moves every block (emission, other trades): the amount you get can differ'

/**
 * Where the chain enforces no price, refuse (exit 1, before signing) a trade whose quote already slips more than
 * the tolerance, or that cannot be priced at all: without this a runtime with no limit calls takes any price.
 */
function checkTolerance(guard: PriceGuard, slippage: { slippagePpb: bigint; ideal: bigint | null; amountIn: bigint }, what: string): void {
  if (guard.kind !== 'none' || guard.clientCheck === null) return
  const tail = `(${guard.why.replace(/^the chain does not protect the price: /, '')}): trade less, raise --tolerance, or pass --unsafe; nothing was signed`
  if (slippage.ideal === null && slippage.amountIn > 0n)
    throw failed(
      `${what}: the pool has no price to check the tolerance against and the chain does not protect the price ${tail}`,
      'SLIPPAGE_ABOVE_TOLERANCE',
    )
  if (slippage.slippagePpb > guard.clientCheck)
    throw failed(
      `${what}: the expected slippage ${ppbPercent(slippage.slippagePpb)} is above the tolerance ${ppbPercent(guard.clientCheck)} and the chain does not protect the price ${tail}`,
      'SLIPPAGE_ABOVE_TOLERANCE',
    )
}
/**
 * A limit call without --allow-partial is refused whole by the runtime (SlippageTooHigh, which the node reports
 * only as a custom code) when the pool's price after the trade passes the limit: the limit bounds the price the
 * swap ends at, not the average paid. Where the quote knows the pool after the trade, refuse it here instead.
 */
function checkLimitReach(guard: PriceGuard, q: Quote, what: string): void {
  if (guard.kind !== 'limit' || guard.allowPartial || !q.after) return
  const end = spotPrice(q.after)
  if (end === null) return
  const past = q.side === 'buy' ? end > guard.limitPrice : end < guard.limitPrice
  if (!past) return
  throw failed(
    `${what}: the pool's price would end at ${priceText(end)} TAO per alpha, ${q.side === 'buy' ? 'above' : 'below'} the limit ${priceText(guard.limitPrice)} ` +
      `(--tolerance ${ppbPercent(guard.tolerancePpb)} of the price ${priceText(q.price)}), so the chain would refuse the whole trade (SlippageTooHigh): ` +
      'trade less, raise --tolerance, or pass --allow-partial to fill what the limit allows; nothing was signed',
    'LIMIT_PRICE_REACHED',
  )
}

/** Above this the preview warns (5%): a thin pool, or a trade large for it. */
const HIGH_SLIPPAGE_PPB = 50_000_000n
const slippageWarning = (ppb: bigint): string[] =>
  ppb > HIGH_SLIPPAGE_PPB ? [`warning: slippage ${ppbPercent(ppb)}: the pool is thin for this amount`] : []

/** Funds that must stay on the account: frozen funds, and at least the existential deposit. */
const keptBalance = (chain: Chain, frozen: bigint) => {
  const ed = chain.existentialDeposit()
  return frozen > ed ? frozen : ed
}

export interface StakeAddRequest {
  hotkey: HotkeyTarget
  netuid: number
  /** TAO to stake; undefined = all the coldkey can spare. */
  amount?: bigint
  guard: GuardOptions
}

export async function planStakeAdd(ctx: PlanContext, req: StakeAddRequest): Promise<TxIntent> {
  const { chain, actor: coldkey, estimateFee } = ctx
  const { netuid, hotkey } = req
  const [account] = await Promise.all([chain.account(coldkey), requireSubnet(chain, netuid), requireKnownHotkey(chain, hotkey.ss58)])
  await requireStakingOpen(chain, netuid)
  const price = await readPrice(chain, netuid)
  const guard = priceGuard(chain, {
    limitCall: 'add_stake_limit',
    rootOnly: netuid === 0,
    ...req.guard,
    limitPrice: price === null ? null : limitPrice(price, req.guard.tolerancePpb, 'buy'),
  })
  // The fee does not depend on the amount (a fixed-size u64), so it is estimated once.
  const fee = await estimateFee(addStakeCall(chain, { hotkey: hotkey.ss58, netuid, tao: req.amount ?? 1n }, guard))
  const spare = account.free - keptBalance(chain, account.frozen) - fee - (ctx.options.tip ?? 0n)
  const tao = req.amount ?? spare
  if (tao <= 0n || tao > spare)
    throw failed(
      `insufficient balance: ${req.amount === undefined ? 'nothing to stake' : `staking ${displayTao(tao)}`}; ` +
        `the coldkey has ${displayTao(account.free)} free, and keeps the existential deposit and a fee of about ${displayTao(fee)}` +
        (spare > 0n ? `: stake at most ${displayTao(spare)}` : ''),
      'INSUFFICIENT_BALANCE',
    )
  const q = await quote(chain, netuid, 'buy', tao)
  checkTolerance(guard, q, `staking ${displayTao(tao)} on subnet ${netuid}`)
  checkLimitReach(guard, q, `staking ${displayTao(tao)} on subnet ${netuid}`)
  const g = guardView(guard)
  return {
    call: addStakeCall(chain, { hotkey: hotkey.ss58, netuid, tao }, guard),
    summary: `stake ${displayTao(tao)} on subnet ${netuid} through ${hotkey.label}${hotkey.name ? ` (${hotkey.ss58})` : ''}`,
    preview: [...quoteLines(q, displayAlpha), ...g.lines, POOL_MOVES],
    context: { coldkey, hotkey: hotkey.ss58, netuid, amount: amountJson(tao), ...quoteJson(q, 'expectedAlpha'), ...g.json },
    fromEvents: (events) => {
      const t = totals(stakesAdded(events).filter((c) => c.hotkey === hotkey.ss58 && c.netuid === netuid))
      return { taoStaked: maybeAmount(t?.tao), alphaReceived: maybeAmount(t?.alpha), stakeFee: maybeAmount(t?.fee) }
    },
    describe: (r) =>
      r.alphaReceived ? `staked ${displayTao(BigInt(rao(r.taoStaked)))} for ${displayAlpha(BigInt(rao(r.alphaReceived)))}` : undefined,
  }
}

const rao = (v: unknown): string => (v as { rao: string }).rao

/** The coldkey's alpha behind the hotkey on the subnet, and how much of it to use (all, or an amount within it). */
async function position(chain: Chain, coldkey: string, hotkey: HotkeyTarget, netuid: number, amount: bigint | undefined): Promise<bigint> {
  const held = await readStake(chain, hotkey.ss58, coldkey, netuid)
  if (held === 0n) throw failed(`the coldkey ${coldkey} has no stake on subnet ${netuid} through ${hotkey.label}`, 'NO_STAKE')
  if (amount !== undefined && amount > held)
    throw failed(
      `only ${displayAlpha(held)} is staked on subnet ${netuid} through ${hotkey.label}; asked for ${displayAlpha(amount)}`,
      'NOT_ENOUGH_STAKE',
    )
  return amount ?? held
}

export interface StakeRemoveRequest {
  hotkey: HotkeyTarget
  /** undefined with `amount` undefined: every subnet (unstake_all). */
  netuid?: number
  /** Alpha to unstake; undefined = all of it. */
  amount?: bigint
  guard: GuardOptions
}

export async function planStakeRemove(ctx: PlanContext, req: StakeRemoveRequest): Promise<TxIntent> {
  if (req.netuid === undefined) return planUnstakeAll(ctx, req.hotkey, req.guard)
  const { chain, actor: coldkey } = ctx
  const { netuid, hotkey } = req
  await requireSubnet(chain, netuid)
  const alpha = await position(chain, coldkey, hotkey, netuid, req.amount)
  const [q, price] = await Promise.all([quote(chain, netuid, 'sell', alpha), readPrice(chain, netuid)])
  const guard = priceGuard(chain, {
    limitCall: 'remove_stake_limit',
    rootOnly: netuid === 0,
    ...req.guard,
    limitPrice: price === null ? null : limitPrice(price, req.guard.tolerancePpb, 'sell'),
  })
  checkTolerance(guard, q, `unstaking ${displayAlpha(alpha)} from subnet ${netuid}`)
  checkLimitReach(guard, q, `unstaking ${displayAlpha(alpha)} from subnet ${netuid}`)
  const g = guardView(guard)
  return {
    call: removeStakeCall(chain, { hotkey: hotkey.ss58, netuid, alpha }, guard),
    summary: `unstake ${displayAlpha(alpha)} from subnet ${netuid} through ${hotkey.label}${hotkey.name ? ` (${hotkey.ss58})` : ''}`,
    preview: [...quoteLines(q, displayTao), ...g.lines, POOL_MOVES],
    context: { coldkey, hotkey: hotkey.ss58, netuid, alpha: amountJson(alpha), ...quoteJson(q, 'expectedTao'), ...g.json },
    fromEvents: (events) => removedJson(stakesRemoved(events).filter((c) => c.hotkey === hotkey.ss58 && c.netuid === netuid)),
    describe: describeRemoved,
  }
}

function removedJson(changes: StakeChange[]): Record<string, unknown> {
  const t = totals(changes)
  return {
    alphaUnstaked: maybeAmount(t?.alpha),
    taoReceived: maybeAmount(t?.tao),
    stakeFee: maybeAmount(t?.fee),
    unstaked: changes.map((c) => ({ netuid: c.netuid, alpha: amountJson(c.alpha), tao: amountJson(c.tao) })),
  }
}

const describeRemoved = (r: Record<string, unknown>) =>
  r.taoReceived ? `unstaked ${displayAlpha(BigInt(rao(r.alphaUnstaked)))} for ${displayTao(BigInt(rao(r.taoReceived)))}` : undefined

/** Every subnet's stake of the coldkey through the hotkey, back to TAO (unstake_all: no price limit exists for it). */
async function planUnstakeAll(ctx: PlanContext, hotkey: HotkeyTarget, options: GuardOptions): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  const call = unstakeAllCall(chain, hotkey.ss58)
  const netuids = (await chain.entries('SubtensorModule', 'Alpha', hotkey.ss58, coldkey)).map((e) => Number(e.keys[2]))
  const held = (
    await Promise.all(netuids.map(async (n) => ({ netuid: n, alpha: await readStake(chain, hotkey.ss58, coldkey, n) })))
  ).filter((p) => p.alpha > 0n)
  if (!held.length) throw failed(`the coldkey ${coldkey} has no stake through ${hotkey.label}`, 'NO_STAKE')
  const quotes = await Promise.all(held.map((p) => quote(chain, p.netuid, 'sell', p.alpha)))
  const guard = unlimitedGuard('unstake_all', options)
  for (const q of quotes) checkTolerance(guard, q, `unstaking ${displayAlpha(q.amountIn)} from subnet ${q.netuid}`)
  const g = guardView(guard)
  return {
    call,
    summary: `unstake everything through ${hotkey.label} (${held.length} subnet${held.length > 1 ? 's' : ''})`,
    preview: [
      ...quotes.flatMap((q) => [
        `subnet ${q.netuid}: ${displayAlpha(q.amountIn)} → expected ${displayTao(q.amountOut)} (slippage ${ppbPercent(q.slippagePpb)})`,
        ...slippageWarning(q.slippagePpb),
      ]),
      ...g.lines,
      POOL_MOVES,
    ],
    context: {
      coldkey,
      hotkey: hotkey.ss58,
      netuid: null,
      positions: quotes.map((q) => ({
        netuid: q.netuid,
        alpha: amountJson(q.amountIn),
        expectedTao: amountJson(q.amountOut),
        slippage: ppbNumber(q.slippagePpb),
      })),
      expectedTao: amountJson(quotes.reduce((s, q) => s + q.amountOut, 0n)),
      ...g.json,
    },
    fromEvents: (events) => removedJson(stakesRemoved(events).filter((c) => c.hotkey === hotkey.ss58)),
    describe: describeRemoved,
  }
}

/** Alpha moved out of one position and into another (move, transfer, swap). */
export interface MoveRequest {
  kind: 'move' | 'transfer' | 'swap'
  hotkey: HotkeyTarget
  /** move: the destination hotkey. */
  destinationHotkey?: HotkeyTarget
  /** transfer: the coldkey that receives the stake. */
  destinationColdkey?: string
  originNetuid: number
  destinationNetuid: number
  /** Alpha; undefined = the whole position. */
  amount?: bigint
  /** Price protection (swap: the runtime's limit call where it has one; move, transfer: checked here). */
  guard?: GuardOptions
}

const VERB = { move: 'move', transfer: 'transfer', swap: 'swap' } as const
const DONE = { move: 'moved', transfer: 'transferred', swap: 'swapped' } as const

export async function planStakeMove(ctx: PlanContext, req: MoveRequest): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  // What this runtime cannot do is said first, before reading anything else.
  requireCall(
    chain,
    { move: 'move_stake', transfer: 'transfer_stake', swap: 'swap_stake' }[req.kind],
    `${req.kind === 'move' ? 'moving' : req.kind === 'transfer' ? 'transferring' : 'swapping'} stake`,
  )
  const destHotkey = req.destinationHotkey ?? req.hotkey
  const destColdkey = req.destinationColdkey ?? coldkey
  await Promise.all([
    requireSubnet(chain, req.originNetuid),
    req.destinationNetuid === req.originNetuid ? undefined : requireSubnet(chain, req.destinationNetuid),
    req.destinationHotkey ? requireKnownHotkey(chain, destHotkey.ss58) : undefined,
  ])
  const alpha = await position(chain, coldkey, req.hotkey, req.originNetuid, req.amount)
  const mq = await quoteMove(chain, req.originNetuid, req.destinationNetuid, alpha)
  const move = { hotkey: req.hotkey.ss58, originNetuid: req.originNetuid, destinationNetuid: req.destinationNetuid, alpha }
  let guard: PriceGuard = mq.legs.length
    ? unlimitedGuard(`${req.kind}_stake`, req.guard ?? { tolerancePpb: 0n, unsafe: true })
    : { kind: 'none', why: 'no price involved: nothing is swapped', clientCheck: null }
  if (req.kind === 'swap' && req.guard) {
    const [po, pd] = [mq.legs[0]?.price ?? null, mq.legs[1]?.price ?? null]
    guard = priceGuard(chain, {
      limitCall: 'swap_stake_limit',
      rootOnly: false,
      ...req.guard,
      limitPrice: po === null || pd === null ? null : swapLimitPrice(po, pd, req.guard.tolerancePpb),
    })
  }
  const call =
    req.kind === 'move'
      ? moveStakeCall(chain, {
          originHotkey: req.hotkey.ss58,
          destinationHotkey: destHotkey.ss58,
          originNetuid: req.originNetuid,
          destinationNetuid: req.destinationNetuid,
          alpha,
        })
      : req.kind === 'transfer'
        ? transferStakeCall(chain, { destinationColdkey: destColdkey, ...move })
        : swapStakeCall(chain, move, guard)
  checkTolerance(guard, { slippagePpb: mq.slippagePpb, ideal: mq.ideal, amountIn: alpha }, `${VERB[req.kind]} ${displayAlpha(alpha)}`)
  const g = guardView(guard)
  const to = [
    req.destinationNetuid !== req.originNetuid ? `subnet ${req.destinationNetuid}` : undefined,
    req.destinationHotkey ? destHotkey.label : undefined,
    req.destinationColdkey ? `coldkey ${destColdkey}` : undefined,
  ].filter(Boolean)
  return {
    call,
    summary: `${VERB[req.kind]} ${displayAlpha(alpha)} on subnet ${req.originNetuid} through ${req.hotkey.label} to ${to.join(', ') || 'the same position'}`,
    preview: [...moveLines(mq), ...g.lines, POOL_MOVES],
    context: {
      coldkey,
      hotkey: req.hotkey.ss58,
      destinationHotkey: destHotkey.ss58,
      destinationColdkey: destColdkey,
      originNetuid: req.originNetuid,
      destinationNetuid: req.destinationNetuid,
      alpha: amountJson(alpha),
      expectedTao: maybeAmount(mq.tao),
      expectedAlpha: amountJson(mq.alphaOut),
      slippage: ppbNumber(mq.slippagePpb),
      quoteSource: mq.legs[0]?.source ?? null,
      ...g.json,
    },
    fromEvents: (events) => {
      const out = totals(stakesRemoved(events).filter((c) => c.hotkey === req.hotkey.ss58 && c.netuid === req.originNetuid))
      const into = totals(
        stakesAdded(events).filter((c) => c.hotkey === destHotkey.ss58 && c.netuid === req.destinationNetuid && c.coldkey === destColdkey),
      )
      return {
        alphaUnstaked: maybeAmount(out?.alpha),
        taoMoved: maybeAmount(out?.tao ?? movedTao(events)),
        alphaReceived: maybeAmount(into?.alpha),
      }
    },
    describe: (r) =>
      r.alphaReceived ? `${DONE[req.kind]} ${displayAlpha(alpha)}, received ${displayAlpha(BigInt(rao(r.alphaReceived)))}` : undefined,
  }
}

function moveLines(mq: MoveQuote): string[] {
  if (!mq.legs.length) return ['within one subnet: the alpha moves as it is, no swap']
  const [sell, buy] = mq.legs as [Quote, Quote]
  return [
    `sell on subnet ${sell.netuid} at ${displayPrice(sell.price)} → expected ${displayTao(sell.amountOut)}`,
    `buy on subnet ${buy.netuid} at ${displayPrice(buy.price)} → expected ${displayAlpha(buy.amountOut)}` +
      (mq.ideal === null ? '' : ` (${displayAlpha(mq.ideal)} at the current prices; slippage ${ppbPercent(mq.slippagePpb)})`),
    ...slippageWarning(mq.slippagePpb),
  ]
}

export type { TxEvent }
