import { badInput } from '../core/errors.js'
import type { TxCall } from '../node/index.js'

/**
 * The SubtensorModule calls the writing commands send, chosen from what the runtime has: `register_network`
 * with or without `mechid`, the `_limit` variants where they exist, and a plain refusal (exit 2, naming the
 * spec version) for a call the runtime lacks. Pure over `CallRuntime`, so it is tested offline against
 * metadata of several runtimes.
 */

/** What call building needs from a connection (a `Chain` is one; tests adapt a RuntimeMetadata). */
export interface CallRuntime {
  hasCall(pallet: string, name: string): boolean
  call(pallet: string, name: string, args?: Record<string, unknown>, options?: { ignoreExtra?: boolean }): TxCall
  readonly metadata: { readonly where: string }
}

const SUBTENSOR = 'SubtensorModule'
/** register_network's mechanism at spec 218: 1 = dynamic (the only one it accepts); later runtimes take none. */
const DYNAMIC_MECHANISM = 1

/** Refuse, before anything is signed, what this runtime cannot do (exit 2). */
export function requireCall(rt: CallRuntime, name: string, purpose: string): void {
  if (!rt.hasCall(SUBTENSOR, name))
    throw badInput(`${purpose} needs ${SUBTENSOR}.${name}, which this runtime ${rt.metadata.where} does not have`, 'CALL_NOT_IN_RUNTIME')
}

/**
 * How a trade's price is protected: a limit price the runtime enforces, or none from the runtime (and why). Without
 * one, `clientCheck` is the tolerance the quote is checked against before signing (null: --unsafe, or 1:1 root).
 */
export type PriceGuard =
  | { kind: 'limit'; call: string; limitPrice: bigint; tolerancePpb: bigint; allowPartial: boolean }
  | { kind: 'none'; why: string; clientCheck: bigint | null }

export interface GuardRequest {
  /** The limit variant, e.g. add_stake_limit. */
  limitCall: string
  /** Root (netuid 0) trades 1:1: btcli never sends a limit there. */
  rootOnly: boolean
  tolerancePpb: bigint
  allowPartial: boolean
  /** --unsafe: the user does not want a limit. */
  unsafe: boolean
  /** The user gave --tolerance or --allow-partial (a runtime without the limit call cannot honour --allow-partial). */
  explicit: boolean
  /** The limit price for this trade (already computed from the price and tolerance), null when there is no price. */
  limitPrice: bigint | null
}

/**
 * Decide whether the trade goes through the runtime's limit call. Where the runtime has none, the tolerance (the
 * default one too) is checked here against the quote before signing: a runtime that enforces nothing must not
 * take a 100 % slippage silently. Only --unsafe skips both.
 */
export function priceGuard(rt: CallRuntime, req: GuardRequest): PriceGuard {
  if (req.unsafe) return { kind: 'none', why: 'price not protected (--unsafe)', clientCheck: null }
  if (req.rootOnly) return { kind: 'none', why: 'root (netuid 0) trades 1:1: no limit price', clientCheck: null }
  if (!rt.hasCall(SUBTENSOR, req.limitCall)) {
    if (req.allowPartial)
      throw badInput(
        `this runtime ${rt.metadata.where} has no ${SUBTENSOR}.${req.limitCall}, so it cannot fill part of a trade; run without --allow-partial`,
        'CALL_NOT_IN_RUNTIME',
      )
    return {
      kind: 'none',
      why: `the chain does not protect the price: this runtime ${rt.metadata.where} has no ${req.limitCall}`,
      clientCheck: req.tolerancePpb,
    }
  }
  if (req.limitPrice === null)
    return { kind: 'none', why: 'the chain does not protect the price: the pool has no price yet', clientCheck: req.tolerancePpb }
  return { kind: 'limit', call: req.limitCall, limitPrice: req.limitPrice, tolerancePpb: req.tolerancePpb, allowPartial: req.allowPartial }
}

/** A trade's call that takes no limit price on any runtime (move_stake, transfer_stake, unstake_all): the tolerance is checked here. */
export const unlimitedGuard = (call: string, opts: { tolerancePpb: bigint; unsafe: boolean }): PriceGuard =>
  opts.unsafe
    ? { kind: 'none', why: `price not protected: ${call} takes no limit price (--unsafe)`, clientCheck: null }
    : { kind: 'none', why: `the chain does not protect the price: ${call} takes no limit price`, clientCheck: opts.tolerancePpb }

const limited = (guard: PriceGuard) => (guard.kind === 'limit' ? { limit_price: guard.limitPrice, allow_partial: guard.allowPartial } : {})

export function addStakeCall(rt: CallRuntime, a: { hotkey: string; netuid: number; tao: bigint }, guard: PriceGuard): TxCall {
  const args = { hotkey: a.hotkey, netuid: a.netuid, amount_staked: a.tao }
  return rt.call(SUBTENSOR, guard.kind === 'limit' ? guard.call : 'add_stake', { ...args, ...limited(guard) })
}

export function removeStakeCall(rt: CallRuntime, a: { hotkey: string; netuid: number; alpha: bigint }, guard: PriceGuard): TxCall {
  const args = { hotkey: a.hotkey, netuid: a.netuid, amount_unstaked: a.alpha }
  return rt.call(SUBTENSOR, guard.kind === 'limit' ? guard.call : 'remove_stake', { ...args, ...limited(guard) })
}

/** Every subnet's stake through the hotkey back to TAO (no price limit exists for it). */
export function unstakeAllCall(rt: CallRuntime, hotkey: string): TxCall {
  requireCall(rt, 'unstake_all', 'unstaking from every subnet at once (--all without --netuid)')
  return rt.call(SUBTENSOR, 'unstake_all', { hotkey })
}

export interface MoveArgs {
  originHotkey: string
  destinationHotkey: string
  originNetuid: number
  destinationNetuid: number
  alpha: bigint
}

export function moveStakeCall(rt: CallRuntime, a: MoveArgs): TxCall {
  requireCall(rt, 'move_stake', 'moving stake')
  return rt.call(SUBTENSOR, 'move_stake', {
    origin_hotkey: a.originHotkey,
    destination_hotkey: a.destinationHotkey,
    origin_netuid: a.originNetuid,
    destination_netuid: a.destinationNetuid,
    alpha_amount: a.alpha,
  })
}

export function transferStakeCall(
  rt: CallRuntime,
  a: { destinationColdkey: string; hotkey: string; originNetuid: number; destinationNetuid: number; alpha: bigint },
): TxCall {
  requireCall(rt, 'transfer_stake', 'transferring stake to another coldkey')
  return rt.call(SUBTENSOR, 'transfer_stake', {
    destination_coldkey: a.destinationColdkey,
    hotkey: a.hotkey,
    origin_netuid: a.originNetuid,
    destination_netuid: a.destinationNetuid,
    alpha_amount: a.alpha,
  })
}

export function swapStakeCall(
  rt: CallRuntime,
  a: { hotkey: string; originNetuid: number; destinationNetuid: number; alpha: bigint },
  guard: PriceGuard,
): TxCall {
  requireCall(rt, 'swap_stake', 'swapping stake between subnets')
  const args = { hotkey: a.hotkey, origin_netuid: a.originNetuid, destination_netuid: a.destinationNetuid, alpha_amount: a.alpha }
  return rt.call(SUBTENSOR, guard.kind === 'limit' ? guard.call : 'swap_stake', { ...args, ...limited(guard) })
}

/** A new subnet, with an identity where given (its struct built by the caller from the runtime's field list). */
export function registerNetworkCall(rt: CallRuntime, hotkey: string, identity?: Record<string, Uint8Array>): TxCall {
  if (!identity) return rt.call(SUBTENSOR, 'register_network', { hotkey, mechid: DYNAMIC_MECHANISM }, { ignoreExtra: true })
  requireCall(rt, 'register_network_with_identity', 'creating a subnet with an identity')
  return rt.call(SUBTENSOR, 'register_network_with_identity', { hotkey, mechid: DYNAMIC_MECHANISM, identity }, { ignoreExtra: true })
}

/**
 * Registration on a subnet: root_register on netuid 0; else register_limit (the runtime refuses a burn above
 * `maxBurn`) where the runtime has it and a limit is given, else burned_register (no limit: the burn when it lands).
 */
export function registerCall(rt: CallRuntime, a: { netuid: number; hotkey: string; maxBurn?: bigint }): TxCall {
  if (a.netuid === 0) return rt.call(SUBTENSOR, 'root_register', { hotkey: a.hotkey })
  if (a.maxBurn !== undefined && rt.hasCall(SUBTENSOR, 'register_limit'))
    return rt.call(SUBTENSOR, 'register_limit', { netuid: a.netuid, hotkey: a.hotkey, limit_price: a.maxBurn })
  return rt.call(SUBTENSOR, 'burned_register', { netuid: a.netuid, hotkey: a.hotkey })
}

export function setChildrenCall(rt: CallRuntime, a: { hotkey: string; netuid: number; children: Array<[bigint, string]> }): TxCall {
  requireCall(rt, 'set_children', 'setting child hotkeys')
  return rt.call(SUBTENSOR, 'set_children', { hotkey: a.hotkey, netuid: a.netuid, children: a.children })
}

export function setChildkeyTakeCall(rt: CallRuntime, a: { hotkey: string; netuid: number; take: number }): TxCall {
  requireCall(rt, 'set_childkey_take', 'setting the childkey take')
  return rt.call(SUBTENSOR, 'set_childkey_take', { hotkey: a.hotkey, netuid: a.netuid, take: a.take })
}

export function setIdentityCall(rt: CallRuntime, identity: Record<string, Uint8Array>): TxCall {
  requireCall(rt, 'set_identity', 'setting an identity')
  return rt.call(SUBTENSOR, 'set_identity', identity)
}

export function setSubnetIdentityCall(rt: CallRuntime, netuid: number, identity: Record<string, Uint8Array>): TxCall {
  requireCall(rt, 'set_subnet_identity', 'setting a subnet identity')
  return rt.call(SUBTENSOR, 'set_subnet_identity', { netuid, ...identity })
}
