/**
 * `wallet swap-coldkey`: hand everything a coldkey holds (balance, stake, hotkeys, subnets) to a new coldkey,
 * through the runtime's own delayed flow:
 * - announcement (newer runtimes): `announce_coldkey_swap(blake2_256(new))` charges the swap cost and opens the
 *   swap after ColdkeySwapAnnouncementDelay blocks; the same command run again then sends
 *   `swap_coldkey_announced(new)`, which swaps.
 * - schedule (spec 218): `schedule_swap_coldkey(new)`; the runtime's scheduler swaps at the block
 *   ColdkeySwapScheduleDuration later, charging KeySwapCost then; transfers from the coldkey are refused until then.
 * Which step this run takes, and when the swap executes, is said before anything is signed; what the runtime
 * would refuse (a coldkey already in use, a swap already pending, too early) is refused first.
 */
import { blake2b } from '@noble/hashes/blake2.js'
import { amountJson, displayTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import { toHex } from '../core/hex.js'
import { parseAddress } from '../core/ss58.js'
import type { BlockReads, Chain } from '../node/index.js'
import type { PlanContext, TxIntent } from '../tx/intent.js'
import { optionalStorage } from '../node/read-at.js'
import { hotkeyOwner } from './stake/pool-reader.js'

const SUBTENSOR = 'SubtensorModule'
/** Seconds per block on the live networks, for "in about …" (the chain's own target). */
const BLOCK_SECONDS = 12

export type ColdkeySwapFlow = 'announce' | 'schedule'

/** The flow this runtime has: announcements where it has them (the older schedule call is deprecated there). */
export function coldkeySwapFlow(chain: Pick<Chain, 'hasCall' | 'metadata'>): ColdkeySwapFlow {
  if (chain.hasCall(SUBTENSOR, 'announce_coldkey_swap') && chain.hasCall(SUBTENSOR, 'swap_coldkey_announced')) return 'announce'
  if (chain.hasCall(SUBTENSOR, 'schedule_swap_coldkey')) return 'schedule'
  throw badInput(
    `this runtime ${chain.metadata.where} has no coldkey swap a coldkey can start (no announce_coldkey_swap, no schedule_swap_coldkey)`,
    'CALL_NOT_IN_RUNTIME',
  )
}

/** The hash an announcement carries: BlakeTwo256 of the new coldkey's account id. */
export const coldkeyHash = (ss58: string): string => toHex(blake2b(parseAddress(ss58), { dkLen: 32 }))

/** An announcement as the runtime keeps it: the first block the swap may run in, and the hash of the new coldkey. */
export interface Announcement {
  when: number
  hash: string
}

/** What this run of the command does in the announcement flow, or why it cannot (exit 1, nothing signed). */
export type AnnounceStep =
  { step: 'announce'; executesFrom: number; charged: boolean } | { step: 'swap' } | { step: 'refuse'; code: string; message: string }

/**
 * The announcement flow's next step for a transaction landing at block `landsAt`. Pure: the runtime's own
 * rules (announce charges the cost once; a re-announcement is allowed ReannouncementDelay blocks after the
 * first could run; the swap needs the announced hash and its block reached; a dispute freezes it).
 */
export function announceStep(s: {
  landsAt: number
  newHash: string
  announcement: Announcement | null
  disputed: boolean
  delay: number
  reannounceDelay: number
}): AnnounceStep {
  const a = s.announcement
  if (s.disputed)
    return {
      step: 'refuse',
      code: 'SWAP_DISPUTED',
      message: 'this coldkey swap is disputed: it stays frozen until the triumvirate resolves it',
    }
  if (!a) return { step: 'announce', executesFrom: s.landsAt + s.delay, charged: true }
  if (a.hash.toLowerCase() === s.newHash.toLowerCase()) {
    if (s.landsAt >= a.when) return { step: 'swap' }
    return {
      step: 'refuse',
      code: 'SWAP_TOO_EARLY',
      message: `the swap to this coldkey is announced and can run from block ${a.when} (${a.when - s.landsAt + 1} blocks from now): run this command again then`,
    }
  }
  const again = a.when + s.reannounceDelay
  if (s.landsAt >= again) return { step: 'announce', executesFrom: s.landsAt + s.delay, charged: false }
  return {
    step: 'refuse',
    code: 'SWAP_ANNOUNCED_ELSEWHERE',
    message: `a swap to another coldkey (hash ${a.hash}) is announced; a new announcement is possible from block ${again}`,
  }
}

/** Roughly how long `blocks` blocks take on the live network, for people. */
export function inAbout(blocks: number): string {
  const s = Math.max(0, blocks) * BLOCK_SECONDS
  if (s < 3600) return `about ${Math.max(1, Math.round(s / 60))} min`
  if (s < 2 * 86400) return `about ${Math.round(s / 3600)} h`
  return `about ${(s / 86400).toFixed(1)} days`
}

const big = (v: unknown) => BigInt((v as bigint | number | undefined) ?? 0)

/** Refuse (exit 1) a new coldkey the runtime would refuse when the swap runs. */
async function checkNewColdkey(chain: Chain, reads: BlockReads, signer: string, fresh: string): Promise<void> {
  if (fresh === signer) throw badInput('the new coldkey is this coldkey', 'SAME_COLDKEY')
  const [staking] = await reads.storageMany([[SUBTENSOR, 'StakingHotkeys', fresh]])
  if ((staking as unknown[] | undefined)?.length)
    throw failed(
      `the new coldkey ${fresh} already stakes (ColdKeyAlreadyAssociated): swap to a coldkey the chain has not used; nothing was signed`,
      'COLDKEY_IN_USE',
    )
  if (await hotkeyOwner(chain, fresh))
    throw failed(`the new coldkey ${fresh} is a hotkey on chain (NewColdKeyIsHotkey); nothing was signed`, 'COLDKEY_IS_HOTKEY')
}

export async function planSwapColdkey(ctx: PlanContext, req: { newColdkey: string; label: string }): Promise<TxIntent> {
  const { chain, signer } = ctx
  const flow = coldkeySwapFlow(chain)
  const reads = await chain.atHead('best')
  const [block, account] = await Promise.all([reads.blockNumber(), chain.account(signer)])
  await checkNewColdkey(chain, reads, signer, req.newColdkey)
  const landsAt = block + 1
  const cost = BigInt(chain.metadata.constant(SUBTENSOR, 'KeySwapCost') as bigint)
  const confirmPhrase = {
    prompt: `This hands the coldkey's balance, stake, hotkeys and subnets to ${req.newColdkey} for good. Type the new coldkey's last 6 characters to confirm:`,
    answer: req.newColdkey.slice(-6),
  }
  const base = { coldkey: signer, newColdkey: req.newColdkey, flow, cost: amountJson(cost) }

  if (flow === 'schedule') {
    const [scheduled] = await reads.storageRawMany([[SUBTENSOR, 'ColdkeySwapScheduled', signer]])
    if (scheduled !== null)
      throw failed(
        'a swap of this coldkey is already scheduled (SwapAlreadyScheduled): it runs at its block; nothing was signed',
        'SWAP_ALREADY_SCHEDULED',
      )
    const [duration] = await optionalStorage(chain, reads, [[SUBTENSOR, 'ColdkeySwapScheduleDuration']])
    const delay = Number(duration ?? 0)
    const executesAt = landsAt + delay
    const call = chain.call(SUBTENSOR, 'schedule_swap_coldkey', { new_coldkey: req.newColdkey })
    // The scheduled swap fails where the coldkey cannot pay then, and the schedule stays: no second one is accepted.
    const fee = await ctx.estimateFee(call)
    if (account.free < cost + fee + (ctx.options.tip ?? 0n) + chain.existentialDeposit())
      throw failed(
        `insufficient balance: the swap costs ${displayTao(cost)} when it runs, plus a fee of about ${displayTao(fee)} now; the coldkey has ${displayTao(account.free)} free; nothing was signed`,
        'INSUFFICIENT_BALANCE',
      )
    return {
      call,
      summary: `schedule the swap of this coldkey to ${req.label}`,
      preview: [
        `the runtime swaps it at block ${executesAt} (${delay} blocks after this lands, ${inAbout(delay)}), charging ${displayTao(cost)} then (the coldkey has ${displayTao(account.free)} free)`,
        'until then transfers from this coldkey are refused (ColdkeyInSwapSchedule)',
      ],
      confirmPhrase,
      context: { ...base, step: 'schedule', executesAt },
      // The block the runtime scheduled, from its own event.
      fromEvents: (events) => {
        const e = events.find((x) => x.pallet === SUBTENSOR && x.name === 'ColdkeySwapScheduled')?.data as
          { execution_block?: unknown } | undefined
        return e?.execution_block === undefined ? {} : { executesAt: Number(e.execution_block) }
      },
    }
  }

  const [announcement, disputed, delay, reannounceDelay] = await optionalStorage(chain, reads, [
    [SUBTENSOR, 'ColdkeySwapAnnouncements', signer],
    [SUBTENSOR, 'ColdkeySwapDisputes', signer],
    [SUBTENSOR, 'ColdkeySwapAnnouncementDelay'],
    [SUBTENSOR, 'ColdkeySwapReannouncementDelay'],
  ])
  const stored = announcement as [unknown, unknown] | undefined
  const newHash = coldkeyHash(req.newColdkey)
  const next = announceStep({
    landsAt,
    newHash,
    announcement: stored ? { when: Number(stored[0]), hash: hashText(stored[1]) } : null,
    disputed: disputed !== undefined && disputed !== null,
    delay: Number(big(delay)),
    reannounceDelay: Number(big(reannounceDelay)),
  })
  if (next.step === 'refuse') throw failed(`${next.message}; nothing was signed`, next.code)
  if (next.step === 'swap')
    return {
      call: chain.call(SUBTENSOR, 'swap_coldkey_announced', { new_coldkey: req.newColdkey }),
      summary: `swap this coldkey to ${req.label} now (announced, its block reached)`,
      preview: ['the swap runs in this transaction (its cost was charged with the announcement)'],
      confirmPhrase,
      context: { ...base, step: 'swap', executesAt: null },
    }
  if (next.charged && account.free < cost + chain.existentialDeposit())
    throw failed(
      `insufficient balance: announcing the swap costs ${displayTao(cost)}; the coldkey has ${displayTao(account.free)} free; nothing was signed`,
      'INSUFFICIENT_BALANCE',
    )
  return {
    call: chain.call(SUBTENSOR, 'announce_coldkey_swap', { new_coldkey_hash: newHash }),
    summary: `announce the swap of this coldkey to ${req.label}`,
    preview: [
      next.charged
        ? `costs ${displayTao(cost)} now (the coldkey has ${displayTao(account.free)} free)`
        : 're-announcement: the cost was charged with the first announcement',
      `the swap can run from block ${next.executesFrom} (${inAbout(next.executesFrom - landsAt)}): run this command again then to execute it`,
    ],
    confirmPhrase,
    context: { ...base, step: 'announce', executesAt: next.executesFrom },
  }
}

/** A line for people once the transaction landed: when the swap runs, or that it ran. */
export function swapColdkeyLine(report: Record<string, unknown>): string | undefined {
  if (report.status !== 'landed' || report.ok !== true) return undefined
  if (report.step === 'swap') return `the coldkey was swapped to ${report.newColdkey}`
  if (report.step === 'schedule') return `the runtime swaps the coldkey to ${report.newColdkey} at block ${report.executesAt}`
  return `announced: run this command again from block ${report.executesAt} to swap the coldkey to ${report.newColdkey}`
}

/** An H256 as polkadot-api decodes it (hex string or bytes), as 0x hex. */
const hashText = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Uint8Array ? toHex(v) : String(v))
