/**
 * `wallet swap-hotkey`: move everything a hotkey holds (registrations, stake, axon, take) to a new hotkey,
 * signed by the coldkey that owns it (`SubtensorModule.swap_hotkey`; with a netuid on runtimes whose call takes
 * one). The cost (the runtime's KeySwapCost, or KeySwapOnSubnetCost for one subnet) is shown first, and what
 * the runtime would refuse is refused before signing: a hotkey the coldkey does not own, a new hotkey already
 * registered, the coldkey's transaction rate limit, a balance that cannot pay.
 */
import { amountJson, displayTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import type { Chain } from '../node/index.js'
import type { PlanContext, TxIntent } from '../tx/intent.js'
import type { HotkeyTarget } from '../wallet/selection.js'
import { registeredNetuids } from './registrations.js'
import { requireSubnet } from './stake/pool-reader.js'
import { paidBeyondFee } from './tx-events.js'
import { requireCall } from './write-calls.js'

const SUBTENSOR = 'SubtensorModule'

export interface SwapHotkeyRequest {
  old: HotkeyTarget
  new: HotkeyTarget
  /** One subnet only, where the runtime's swap_hotkey takes a netuid. */
  netuid?: number
}

/** The swap cost the runtime charges (a constant of its configuration). */
export function hotkeySwapCost(chain: Pick<Chain, 'metadata'>, oneSubnet: boolean): bigint {
  const name = oneSubnet && chain.metadata.hasConstant(SUBTENSOR, 'KeySwapOnSubnetCost') ? 'KeySwapOnSubnetCost' : 'KeySwapCost'
  return BigInt(chain.metadata.constant(SUBTENSOR, name) as bigint)
}

/**
 * Blocks until the coldkey may send another rate-limited transaction (swap_hotkey): 0 when it may now. The
 * runtime refuses while the block is within TxRateLimit blocks of the coldkey's LastTxBlock.
 */
export function txRateLimitWait(limit: bigint, last: bigint, landsAt: bigint): bigint {
  if (limit === 0n || last === 0n || last > landsAt) return 0n
  return landsAt - last <= limit ? last + limit + 1n - landsAt : 0n
}

const who = (h: HotkeyTarget) => `${h.label}${h.name ? ` (${h.ss58})` : ''}`

export async function planSwapHotkey(ctx: PlanContext, req: SwapHotkeyRequest): Promise<TxIntent> {
  const { chain, signer } = ctx
  if (req.old.ss58 === req.new.ss58) throw badInput('the new hotkey is the old one', 'SAME_HOTKEY')
  requireCall(chain, 'swap_hotkey', 'swapping a hotkey')
  const takesNetuid = chain.callArgs(SUBTENSOR, 'swap_hotkey')!.some((a) => a.name === 'netuid')
  if (req.netuid !== undefined && !takesNetuid)
    throw badInput(
      `this runtime ${chain.metadata.where} swaps a hotkey on every subnet at once: its swap_hotkey takes no netuid; run without --netuid`,
      'NOT_IN_RUNTIME',
    )
  if (req.netuid !== undefined) await requireSubnet(chain, req.netuid)

  const reads = await chain.atHead('best')
  const [[owner, rateLimit, lastTx], oldOn, newOn, block, account] = await Promise.all([
    reads.storageMany([
      [SUBTENSOR, 'Owner', req.old.ss58],
      [SUBTENSOR, 'TxRateLimit'],
      [SUBTENSOR, 'LastTxBlock', signer],
    ]),
    registeredNetuids(reads, req.old.ss58),
    registeredNetuids(reads, req.new.ss58),
    reads.blockNumber(),
    chain.account(signer),
  ])
  if (owner !== signer)
    throw failed(
      `hotkey ${req.old.ss58} is not owned by this coldkey (${signer}) on chain: only its owner can swap it (NonAssociatedColdKey); nothing was signed`,
      'NOT_HOTKEY_OWNER',
    )
  if (newOn.length)
    throw failed(
      `the new hotkey ${req.new.ss58} is already registered (subnets ${newOn.join(', ')}): swap to a hotkey no subnet has seen; nothing was signed`,
      'HOTKEY_REGISTERED',
    )
  if (req.netuid !== undefined && !oldOn.includes(req.netuid))
    throw failed(`hotkey ${req.old.ss58} is not registered on subnet ${req.netuid}; nothing was signed`, 'NOT_REGISTERED')
  const wait = txRateLimitWait(BigInt(rateLimit as bigint), BigInt(lastTx as bigint), BigInt(block) + 1n)
  if (wait > 0n)
    throw failed(
      `this coldkey sent a rate-limited transaction at block ${lastTx}: swap_hotkey can land in ${wait} blocks (HotKeySetTxRateLimitExceeded); nothing was signed`,
      'TX_RATE_LIMIT',
    )

  const cost = hotkeySwapCost(chain, req.netuid !== undefined)
  const args: Record<string, unknown> = { hotkey: req.old.ss58, new_hotkey: req.new.ss58 }
  if (takesNetuid) args.netuid = req.netuid
  const call = chain.call(SUBTENSOR, 'swap_hotkey', args)
  const fee = await ctx.estimateFee(call)
  const ed = chain.existentialDeposit()
  if (account.free < cost + fee + (ctx.options.tip ?? 0n) + ed)
    throw failed(
      `insufficient balance: the swap costs ${displayTao(cost)} plus a fee of about ${displayTao(fee)}; the coldkey has ${displayTao(account.free)} free and keeps the existential deposit (NotEnoughBalanceToPaySwapHotKey); nothing was signed`,
      'INSUFFICIENT_BALANCE',
    )
  const scope = req.netuid === undefined ? 'every subnet' : `subnet ${req.netuid}`
  const subnets = req.netuid === undefined ? oldOn : [req.netuid]
  return {
    call,
    summary: `swap ${who(req.old)} for ${who(req.new)} on ${scope}`,
    preview: [
      `cost ${displayTao(cost)}, taken from the coldkey and burned (the coldkey has ${displayTao(account.free)} free)`,
      subnets.length
        ? `registered on subnet${subnets.length === 1 ? '' : 's'} ${subnets.join(', ')}: the registrations, stake and axons move to the new hotkey`
        : 'the old hotkey is registered on no subnet',
    ],
    context: {
      coldkey: signer,
      oldHotkey: req.old.ss58,
      newHotkey: req.new.ss58,
      netuid: req.netuid ?? null,
      subnets,
      cost: amountJson(cost),
    },
    fromEvents: (events) => {
      const paid = paidBeyondFee(events, signer)
      return { costPaid: paid === null ? null : amountJson(paid) }
    },
    // Where the new hotkey now stands, as the chain stored it in the block the swap landed in.
    readBack: async (report) => {
      const after = chain.at(String(report.blockHash))
      const [newOwner, ...uids] = await after.storageMany([
        [SUBTENSOR, 'Owner', req.new.ss58],
        ...subnets.map((n) => [SUBTENSOR, 'Uids', n, req.new.ss58] as const),
      ])
      return {
        newHotkeyOwner: newOwner,
        uids: subnets.map((netuid, i) => ({ netuid, uid: uids[i] === undefined ? null : Number(uids[i]) })),
      }
    },
  }
}

/** Lines for people once the swap landed: where the new hotkey now stands. */
export function swapHotkeyLines(report: Record<string, unknown>): string[] {
  const uids = report.uids as Array<{ netuid: number; uid: number | null }> | undefined
  if (!uids) return []
  return uids.map((u) =>
    u.uid === null ? `the new hotkey has no uid on subnet ${u.netuid}` : `the new hotkey is uid ${u.uid} on subnet ${u.netuid}`,
  )
}
