/**
 * Crowdloans (pallet `Crowdloan`, newer runtimes): what a crowdloan is, read from storage as the metadata decodes
 * it, and the rules a person needs before signing. A crowdloan raises TAO up to a cap until an end block: the
 * creator's deposit is its first contribution; once the cap is raised the creator finalizes it (the raised TAO goes
 * to the target address, and the call stored with it, if any, runs as the creator); one that ends short of its cap
 * is refunded to its contributors, then dissolved by its creator (the deposit comes back).
 */
import { badInput } from '../../core/errors.js'
import { toHex } from '../../core/hex.js'
import type { Chain } from '../../node/index.js'

export const PALLET = 'Crowdloan'

/** The call a crowdloan dispatches when finalized, as stored: inline bytes decoded to `Pallet.call`, or a preimage hash. */
export interface CrowdCall {
  /** `Pallet.call` when the call is stored inline and decodes with this runtime's metadata, else null. */
  name: string | null
  /** The preimage hash for a call stored by hash (`Lookup` / `Legacy`), else null. */
  hash: string | null
}

export interface Crowdloan {
  id: number
  creator: string
  deposit: bigint
  minContribution: bigint
  /** The block at which contributions stop. */
  end: number
  cap: bigint
  /** The account that holds what was raised. */
  fundsAccount: string
  raised: bigint
  targetAddress: string | null
  call: CrowdCall | null
  finalized: boolean
  contributorsCount: number
}

/** The runtime's bounds (`Crowdloan` constants). */
export interface CrowdLimits {
  minimumDeposit: bigint
  absoluteMinimumContribution: bigint
  minimumBlockDuration: number
  maximumBlockDuration: number
  refundContributorsLimit: number
  maxContributors: number
}

/**
 * finalized; funded: the cap is raised (the creator finalizes it once its end block is reached); closed: ended short of the cap (refund, then
 * dissolve); active: taking contributions.
 */
export type CrowdStatus = 'active' | 'funded' | 'closed' | 'finalized'
export const CROWD_STATUSES: readonly CrowdStatus[] = ['active', 'funded', 'closed', 'finalized']

export function crowdStatus(loan: Pick<Crowdloan, 'finalized' | 'raised' | 'cap' | 'end'>, block: number): CrowdStatus {
  if (loan.finalized) return 'finalized'
  if (loan.raised >= loan.cap) return 'funded'
  if (block >= loan.end) return 'closed'
  return 'active'
}

/**
 * Exit 2 unless the runtime has the Crowdloan pallet (spec 218 has none), and `call` in it when one is named:
 * before anything is read or signed.
 */
export function requireCrowdloans(chain: Pick<Chain, 'metadata'>, call?: string): void {
  const { metadata } = chain
  const named = call ? ` (${PALLET}.${call})` : ''
  if (!metadata.pallets().includes(PALLET) || !metadata.storage(PALLET, 'Crowdloans'))
    throw badInput(`this runtime ${metadata.where} has no Crowdloan pallet${named}: crowdloans need a newer runtime`, 'NO_CROWDLOAN')
  if (call && !metadata.call(PALLET, call)) throw badInput(`this runtime ${metadata.where} has no ${PALLET}.${call}`, 'NO_CROWDLOAN')
}

export function crowdLimits(chain: Chain): CrowdLimits {
  const c = (name: string) => chain.constant(PALLET, name) as bigint | number
  return {
    minimumDeposit: BigInt(c('MinimumDeposit')),
    absoluteMinimumContribution: BigInt(c('AbsoluteMinimumContribution')),
    minimumBlockDuration: Number(c('MinimumBlockDuration')),
    maximumBlockDuration: Number(c('MaximumBlockDuration')),
    refundContributorsLimit: Number(c('RefundContributorsLimit')),
    maxContributors: Number(c('MaxContributors')),
  }
}

const hexOf = (v: unknown): string => {
  if (typeof v === 'string') return v
  if (v && typeof v === 'object' && 'asHex' in v && typeof (v as { asHex: unknown }).asHex === 'function')
    return (v as { asHex(): string }).asHex()
  if (v instanceof Uint8Array) return toHex(v)
  return String(v)
}

/** The stored call (a `Bounded<RuntimeCall>`): inline bytes are decoded with the metadata. */
export function crowdCall(chain: Chain, stored: unknown): CrowdCall | null {
  if (stored === undefined || stored === null) return null
  const { type, value } = stored as { type: string; value: unknown }
  if (type === 'Inline') {
    try {
      const d = chain.metadata.decodeCall(hexOf(value))
      return { name: `${d.pallet}.${d.name}`, hash: null }
    } catch {
      return { name: null, hash: null }
    }
  }
  return { name: null, hash: hexOf((value as { hash?: unknown } | undefined)?.hash) }
}

interface StoredInfo {
  creator: string
  deposit: bigint
  min_contribution: bigint
  end: number
  cap: bigint
  funds_account: string
  raised: bigint
  target_address?: string
  call?: unknown
  finalized: boolean
  contributors_count?: number
}

export function crowdloanOf(chain: Chain, id: number, v: StoredInfo): Crowdloan {
  return {
    id,
    creator: v.creator,
    deposit: BigInt(v.deposit),
    minContribution: BigInt(v.min_contribution),
    end: Number(v.end),
    cap: BigInt(v.cap),
    fundsAccount: v.funds_account,
    raised: BigInt(v.raised),
    targetAddress: v.target_address ?? null,
    call: crowdCall(chain, v.call),
    finalized: Boolean(v.finalized),
    contributorsCount: Number(v.contributors_count ?? 0),
  }
}

/** One crowdloan, or null when no crowdloan has that id (never created, or dissolved). */
export async function readCrowdloan(chain: Chain, id: number): Promise<Crowdloan | null> {
  const v = (await chain.storage(PALLET, 'Crowdloans', id)) as StoredInfo | undefined
  return v ? crowdloanOf(chain, id, v) : null
}

/** Every crowdloan the chain holds, by id. */
export async function readCrowdloans(chain: Chain): Promise<Crowdloan[]> {
  const entries = await chain.entries(PALLET, 'Crowdloans')
  return entries.map((e) => crowdloanOf(chain, Number(e.keys[0]), e.value as StoredInfo)).sort((a, b) => a.id - b.id)
}

export interface Contribution {
  contributor: string
  amount: bigint
}

/** What each account has in a crowdloan (`Contributions`), largest first (the creator's deposit is one of them). */
export async function readContributions(chain: Chain, id: number): Promise<Contribution[]> {
  const entries = await chain.entries(PALLET, 'Contributions', id)
  return sortContributions(entries.map((e) => ({ contributor: String(e.keys[1]), amount: BigInt(e.value as bigint) })))
}

export const sortContributions = (list: Contribution[]): Contribution[] =>
  [...list].sort((a, b) => (a.amount === b.amount ? (a.contributor < b.contributor ? -1 : 1) : a.amount > b.amount ? -1 : 1))

export async function readContribution(chain: Chain, id: number, who: string): Promise<bigint> {
  const v = await chain.storage(PALLET, 'Contributions', id, who)
  return v === undefined || v === null ? 0n : BigInt(v as bigint)
}

/**
 * Where an end block stands against the runtime's bounds, for a transaction landing at `landsAt` (the pallet
 * measures the duration from the block that runs it): null when allowed, else why not.
 */
export function endProblem(
  end: number,
  landsAt: number,
  limits: Pick<CrowdLimits, 'minimumBlockDuration' | 'maximumBlockDuration'>,
): string | null {
  if (end <= landsAt) return `the end block ${end} is not after the block it would land in (${landsAt})`
  const d = end - landsAt
  if (d < limits.minimumBlockDuration)
    return `the end block ${end} is ${d} blocks after the block it would land in (${landsAt}); the runtime's MinimumBlockDuration is ${limits.minimumBlockDuration}`
  if (d > limits.maximumBlockDuration)
    return `the end block ${end} is ${d} blocks after the block it would land in (${landsAt}); the runtime's MaximumBlockDuration is ${limits.maximumBlockDuration}`
  return null
}

/** What a contribution of `amount` really takes: the chain takes no more than what is left below the cap. */
export const contributionTaken = (amount: bigint, loan: Pick<Crowdloan, 'raised' | 'cap'>): bigint => {
  const left = loan.cap > loan.raised ? loan.cap - loan.raised : 0n
  return amount < left ? amount : left
}

/** What `withdraw` returns to `who`: a contributor's whole contribution; the creator only what is above the deposit. */
export const withdrawable = (loan: Pick<Crowdloan, 'creator' | 'deposit'>, who: string, contribution: bigint): bigint => {
  if (who !== loan.creator) return contribution
  return contribution > loan.deposit ? contribution - loan.deposit : 0n
}
