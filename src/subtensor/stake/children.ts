import type { PlanContext, TxIntent } from '../../tx/intent.js'
import type { HotkeyTarget } from '../../wallet/selection.js'
import { badInput, failed } from '../../core/errors.js'
import { U16_MAX, u16Fraction, U64_MAX, u64Fraction } from '../../core/numbers.js'
import type { Chain } from '../../node/index.js'
import { requireOwnedHotkey, requireSubnet } from './pool-reader.js'
import { childrenEvent } from '../tx-events.js'
import { setChildkeyTakeCall, setChildrenCall } from '../write-calls.js'

/**
 * Child hotkeys: a parent hotkey gives a proportion of its stake weight on a subnet to child hotkeys
 * (set_children, proportions as u64 fractions of 2^64−1), and a child takes a share of what it earns for its
 * parents (set_childkey_take, a u16 fraction of 65535). Converted exactly from the fractions typed (btcli goes
 * through floats: int(p × (2^64−1)) and int(t × 65535)).
 */

/** The runtime refuses more (TooManyChildren). */
export const MAX_CHILDREN = 5

/** An exact fraction in [0, 1], as the command line gives it (src/cli/parse.ts). */
export interface Share {
  num: bigint
  den: bigint
}

/** A proportion as the runtime stores it: ⌊p × (2^64 − 1)⌋. */
export const proportionToU64 = ({ num, den }: Share): bigint => (num * U64_MAX) / den

/** A take as the runtime stores it: ⌊t × 65535⌋. */
export const takeToU16 = ({ num, den }: Share): number => Number((num * BigInt(U16_MAX)) / den)

/**
 * Children (SS58 addresses) and their proportions from the command line, checked as the runtime would (count,
 * duplicates, sum, self).
 */
export function childrenOf(parent: string, children: string[], proportions: Share[]): Array<[bigint, string]> {
  if (children.length !== proportions.length)
    throw badInput(`give one --proportion per --child (${children.length} children, ${proportions.length} proportions)`, 'LENGTH_MISMATCH')
  if (children.length > MAX_CHILDREN)
    throw badInput(`at most ${MAX_CHILDREN} children per hotkey and subnet, not ${children.length}`, 'TOO_MANY_CHILDREN')
  const out: Array<[bigint, string]> = []
  for (const [i, ss58] of children.entries()) {
    if (ss58 === parent) throw badInput(`a hotkey cannot be its own child (${ss58})`, 'INVALID_CHILD')
    if (out.some(([, c]) => c === ss58)) throw badInput(`child ${ss58} is listed twice`, 'DUPLICATE_CHILD')
    out.push([proportionToU64(proportions[i]!), ss58])
  }
  const sum = out.reduce((s, [p]) => s + p, 0n)
  if (sum > U64_MAX) throw badInput('the proportions add up to more than 1', 'PROPORTION_OVERFLOW')
  return out
}

const childrenJson = (children: Array<[bigint, string]>) =>
  children.map(([p, child]) => ({ child, proportion: u64Fraction(p), proportionRaw: p.toString() }))

const pct = (p: bigint) => `${(u64Fraction(p) * 100).toFixed(4)}%`

/** A hotkey's children on a subnet, those waiting to apply (newer runtimes), and its childkey take. */
export async function readChildren(chain: Chain, hotkey: string, netuid: number) {
  const has = (item: string) => chain.metadata.storage('SubtensorModule', item) !== undefined
  const [children, pending, take, parents] = await Promise.all([
    chain.storage('SubtensorModule', 'ChildKeys', hotkey, netuid) as Promise<Array<[bigint, string]>>,
    has('PendingChildKeys')
      ? (chain.storage('SubtensorModule', 'PendingChildKeys', hotkey, netuid) as Promise<[Array<[bigint, string]>, bigint]>)
      : undefined,
    chain.storage('SubtensorModule', 'ChildkeyTake', hotkey, netuid) as Promise<number>,
    chain.storage('SubtensorModule', 'ParentKeys', hotkey, netuid) as Promise<Array<[bigint, string]>>,
  ])
  return {
    hotkey,
    netuid,
    children: childrenJson(children ?? []),
    pending:
      pending === undefined
        ? null
        : pending[0].length || pending[1]
          ? { children: childrenJson(pending[0]), applyAtBlock: Number(pending[1]) }
          : null,
    parents: (parents ?? []).map(([p, parent]) => ({ parent, proportion: u64Fraction(p), proportionRaw: p.toString() })),
    take: u16Fraction(Number(take)),
  }
}

/**
 * Refuse (exit 1, nothing signed) a set_children / set_childkey_take sooner than the runtime's per-hotkey rate
 * limit allows, as spec 218 counts it (TransactionKeyLastBlock: 0 never, a block ahead of the chain passes; the
 * transaction lands at best in the next block). Runtimes that schedule children (PendingChildKeys) count otherwise
 * and are left to themselves.
 */
async function requireRateLimitPassed(chain: Chain, hotkey: HotkeyTarget, netuid: number, kind: 'children' | 'take'): Promise<void> {
  const m = chain.metadata
  if (m.storage('SubtensorModule', 'PendingChildKeys') || !m.storage('SubtensorModule', 'TransactionKeyLastBlock')) return
  const limitOf = async (): Promise<bigint | null> => {
    if (kind === 'take')
      return m.storage('SubtensorModule', 'TxChildkeyTakeRateLimit')
        ? BigInt((await chain.storage('SubtensorModule', 'TxChildkeyTakeRateLimit')) as bigint)
        : null
    // Twice the default tempo (InitialTempo): "cannot set children twice within the default tempo period".
    return m.hasConstant('SubtensorModule', 'InitialTempo') ? 2n * BigInt(m.constant('SubtensorModule', 'InitialTempo') as number) : null
  }
  const [limit, last, best] = await Promise.all([
    limitOf(),
    chain.storage('SubtensorModule', 'TransactionKeyLastBlock', hotkey.ss58, netuid, kind === 'children' ? 0 : 1) as Promise<bigint>,
    chain.blockNumber('best'),
  ])
  const lastBlock = BigInt(last ?? 0n)
  const next = BigInt(best + 1)
  if (limit === null || lastBlock === 0n || lastBlock > next || next - lastBlock >= limit) return
  throw failed(
    `${kind === 'children' ? 'the children' : 'the childkey take'} of ${hotkey.label} on subnet ${netuid} changed at block ${lastBlock}, and the chain allows ` +
      `a change every ${limit} blocks: wait until block ${lastBlock + limit} (the chain would refuse it: ${kind === 'children' ? 'TxRateLimitExceeded' : 'TxChildkeyTakeRateLimitExceeded'}); nothing was signed`,
    'RATE_LIMITED',
  )
}

export async function planSetChildren(
  ctx: PlanContext,
  req: { hotkey: HotkeyTarget; netuid: number; children: Array<[bigint, string]> },
): Promise<TxIntent> {
  const { chain, signer } = ctx
  const call = setChildrenCall(chain, { hotkey: req.hotkey.ss58, netuid: req.netuid, children: req.children })
  const revoke = req.children.length === 0
  if (req.netuid === 0) throw badInput('the root network (netuid 0) has no child hotkeys', 'ROOT_CHILDREN')
  await requireSubnet(chain, req.netuid)
  await requireOwnedHotkey(chain, req.hotkey, signer, revoke ? 'revoking children' : 'setting children')
  const hasPending = chain.metadata.storage('SubtensorModule', 'PendingChildKeys') !== undefined
  const [current, pending] = await Promise.all([
    chain.storage('SubtensorModule', 'ChildKeys', req.hotkey.ss58, req.netuid) as Promise<Array<[bigint, string]>>,
    hasPending
      ? (chain.storage('SubtensorModule', 'PendingChildKeys', req.hotkey.ss58, req.netuid) as Promise<[Array<[bigint, string]>, bigint]>)
      : undefined,
  ])
  // Revoking nothing would be signed, paid for and change nothing.
  if (revoke && !current?.length && !pending?.[0]?.length)
    throw failed(
      `${req.hotkey.label} has no children on subnet ${req.netuid} (none set, none pending): nothing to revoke; nothing was signed`,
      'NO_CHILDREN',
    )
  await requireRateLimitPassed(chain, req.hotkey, req.netuid, 'children')
  return {
    call,
    summary: revoke
      ? `revoke every child of ${req.hotkey.label} on subnet ${req.netuid}`
      : `set ${req.children.length} child hotkey${req.children.length > 1 ? 's' : ''} of ${req.hotkey.label} on subnet ${req.netuid}`,
    preview: [
      ...req.children.map(([p, c]) => `child ${c}: ${pct(p)}`),
      `now: ${current?.length ? current.map(([p, c]) => `${c} ${pct(p)}`).join(', ') : 'no children'}`,
    ],
    context: {
      coldkey: signer,
      hotkey: req.hotkey.ss58,
      netuid: req.netuid,
      children: childrenJson(req.children),
      previous: childrenJson(current ?? []),
    },
    fromEvents: (events) => {
      const e = childrenEvent(events)
      return { scheduled: e ? e.scheduled : null }
    },
    describe: (r) =>
      r.scheduled
        ? 'scheduled: the runtime applies the new children after its cooldown'
        : r.scheduled === false
          ? revoke
            ? 'children revoked'
            : 'children set'
          : undefined,
  }
}

export async function planChildTake(ctx: PlanContext, req: { hotkey: HotkeyTarget; netuid: number; take: number }): Promise<TxIntent> {
  const { chain, signer } = ctx
  const call = setChildkeyTakeCall(chain, { hotkey: req.hotkey.ss58, netuid: req.netuid, take: req.take })
  await requireSubnet(chain, req.netuid)
  await requireOwnedHotkey(chain, req.hotkey, signer, 'setting the childkey take')
  const [min, max, current] = (await Promise.all([
    chain.storage('SubtensorModule', 'MinChildkeyTake'),
    chain.storage('SubtensorModule', 'MaxChildkeyTake'),
    chain.storage('SubtensorModule', 'ChildkeyTake', req.hotkey.ss58, req.netuid),
  ])) as number[]
  if (req.take < min! || req.take > max!)
    throw badInput(
      `the childkey take must be between ${u16Fraction(min!).toFixed(4)} and ${u16Fraction(max!).toFixed(4)} on this chain`,
      'BAD_TAKE',
    )
  await requireRateLimitPassed(chain, req.hotkey, req.netuid, 'take')
  return {
    call,
    summary: `set the childkey take of ${req.hotkey.label} on subnet ${req.netuid} to ${(u16Fraction(req.take) * 100).toFixed(2)}%`,
    preview: [`now ${(u16Fraction(current!) * 100).toFixed(2)}%`],
    context: {
      coldkey: signer,
      hotkey: req.hotkey.ss58,
      netuid: req.netuid,
      take: u16Fraction(req.take),
      previousTake: u16Fraction(current!),
    },
  }
}
