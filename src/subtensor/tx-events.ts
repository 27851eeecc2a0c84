import type { TxEvent } from '../node/index.js'

/**
 * What a landed transaction did, read from its own SubtensorModule events. Their fields are positional and
 * grew over time (StakeAdded gained a fee after spec 218), so only leading positions are relied on.
 */

const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as number | string | undefined) ?? 0))
const fields = (e: TxEvent): unknown[] => (Array.isArray(e.data) ? e.data : Object.values((e.data ?? {}) as Record<string, unknown>))
const named = (events: TxEvent[], name: string, pallet = 'SubtensorModule') => events.filter((e) => e.pallet === pallet && e.name === name)

/** The netuid of a subnet the transaction created (NetworkAdded(netuid, mechanism)). */
export function networkAdded(events: TxEvent[]): number | undefined {
  const e = named(events, 'NetworkAdded')[0]
  return e === undefined ? undefined : Number(fields(e)[0])
}

/** A registration (NeuronRegistered(netuid, uid, hotkey)). */
export function neuronRegistered(events: TxEvent[]): { netuid: number; uid: number; hotkey: string } | undefined {
  const e = named(events, 'NeuronRegistered')[0]
  if (!e) return undefined
  const [netuid, uid, hotkey] = fields(e)
  return { netuid: Number(netuid), uid: Number(uid), hotkey: String(hotkey) }
}

/** One StakeAdded / StakeRemoved: (coldkey, hotkey, tao, alpha, netuid[, fee]). */
export interface StakeChange {
  coldkey: string
  hotkey: string
  tao: bigint
  alpha: bigint
  netuid: number
  /** The swap fee, where the runtime reports one (not at spec 218). */
  fee: bigint | null
}

function stakeChanges(events: TxEvent[], name: 'StakeAdded' | 'StakeRemoved'): StakeChange[] {
  return named(events, name).map((e) => {
    const [coldkey, hotkey, tao, alpha, netuid, fee] = fields(e)
    return {
      coldkey: String(coldkey),
      hotkey: String(hotkey),
      tao: big(tao),
      alpha: big(alpha),
      netuid: Number(netuid),
      fee: fee === undefined ? null : big(fee),
    }
  })
}

export const stakesAdded = (events: TxEvent[]) => stakeChanges(events, 'StakeAdded')
export const stakesRemoved = (events: TxEvent[]) => stakeChanges(events, 'StakeRemoved')

/** Sums of a list of stake changes; null when there were none. */
export function totals(changes: StakeChange[]): { tao: bigint; alpha: bigint; fee: bigint | null } | null {
  if (!changes.length) return null
  const fees = changes.map((c) => c.fee).filter((f): f is bigint => f !== null)
  return {
    tao: changes.reduce((s, c) => s + c.tao, 0n),
    alpha: changes.reduce((s, c) => s + c.alpha, 0n),
    fee: fees.length ? fees.reduce((s, f) => s + f, 0n) : null,
  }
}

/** The TAO amount of a StakeMoved / StakeSwapped / StakeTransferred event (newer runtimes carry one; 218's StakeMoved does not). */
export function movedTao(events: TxEvent[]): bigint | null {
  for (const [name, index] of [
    ['StakeMoved', 5],
    ['StakeSwapped', 4],
    ['StakeTransferred', 5],
  ] as const) {
    const e = named(events, name)[0]
    if (e) {
      const v = fields(e)[index]
      return v === undefined ? null : big(v)
    }
  }
  return null
}

/** Children as a SetChildren / SetChildrenScheduled event reports them. */
export function childrenEvent(events: TxEvent[]): { scheduled: boolean; children: Array<[bigint, string]> } | undefined {
  const scheduled = named(events, 'SetChildrenScheduled')[0]
  if (scheduled) return { scheduled: true, children: (fields(scheduled)[3] as Array<[bigint, string]>) ?? [] }
  const set = named(events, 'SetChildren')[0]
  if (set) return { scheduled: false, children: (fields(set)[2] as Array<[bigint, string]>) ?? [] }
  return undefined
}

/**
 * What the signer paid besides the fee (a burn, a lock), from its Balances.Withdraw events: when the fee was
 * charged it is the first withdrawal (taken before the call runs) and is left out. Null when nothing is left.
 */
export function paidBeyondFee(events: TxEvent[], signer: string): bigint | null {
  const withdrawals = named(events, 'Withdraw', 'Balances').filter((e) => (e.data as { who?: string })?.who === signer)
  const feePaid = named(events, 'TransactionFeePaid', 'TransactionPayment')[0]
  const fee = feePaid ? big((feePaid.data as { actual_fee?: unknown }).actual_fee) : 0n
  const rest = fee > 0n ? withdrawals.slice(1) : withdrawals
  return rest.length ? rest.reduce((s, e) => s + big((e.data as { amount?: unknown }).amount), 0n) : null
}
