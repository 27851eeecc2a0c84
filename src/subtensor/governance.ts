/**
 * On-chain governance where the runtime has it. At spec 218 (opentensor/subtensor@c39109d32, runtime/src/lib.rs):
 * the Triumvirate (pallet_collective, Instance1) holds proposals, which only its members may make; the senate
 * (SenateMembers, pallet_membership Instance2) is a set of hotkeys that vote through
 * `SubtensorModule.vote(hotkey, proposal, index, approve)`, which `do_vote_root` (pallets/subtensor/src/coinbase/root.rs)
 * accepts only from the coldkey that owns the hotkey (`Owner(hotkey)`), and only for a senate hotkey. Voting through
 * `Triumvirate.vote` itself is disabled (`CanVoteToTriumvirate` is false). Newer runtimes removed these pallets.
 */
import { badInput } from '../core/errors.js'
import type { Chain, RuntimeMetadata } from '../node/index.js'
import { readAt, readRawAt } from '../node/read-at.js'

export type GovernanceFeature = 'members' | 'proposals' | 'vote' | 'sudo-key'

/** What each command reads and calls: all of it must be in the runtime. */
const NEEDS: Record<GovernanceFeature, { storage: Array<[string, string]>; calls: Array<[string, string]> }> = {
  members: {
    storage: [
      ['SenateMembers', 'Members'],
      ['Triumvirate', 'Members'],
    ],
    calls: [],
  },
  proposals: {
    storage: [
      ['Triumvirate', 'Proposals'],
      ['Triumvirate', 'ProposalOf'],
      ['Triumvirate', 'Voting'],
    ],
    calls: [],
  },
  vote: {
    storage: [
      ['Triumvirate', 'Voting'],
      ['Triumvirate', 'ProposalOf'],
      ['SenateMembers', 'Members'],
      ['SubtensorModule', 'Owner'],
    ],
    calls: [['SubtensorModule', 'vote']],
  },
  'sudo-key': { storage: [['Sudo', 'Key']], calls: [] },
}

const WHAT: Record<GovernanceFeature, string> = {
  members: 'senate and triumvirate members',
  proposals: 'governance proposals',
  vote: 'senate votes',
  'sudo-key': 'a sudo key',
}

export type Availability = { available: true } | { available: false; missing: string[]; message: string }

/** Whether this runtime can do a governance command, decided from its metadata alone; why not, if not. */
export function governanceAvailability(meta: RuntimeMetadata, feature: GovernanceFeature): Availability {
  const need = NEEDS[feature]
  const missing = [
    ...need.storage.filter(([p, i]) => !meta.storage(p, i)).map(([p, i]) => `${p}.${i}`),
    ...need.calls.filter(([p, c]) => !meta.call(p, c)).map(([p, c]) => `${p}.${c}`),
  ]
  if (missing.length === 0) return { available: true }
  const pallets = meta.pallets()
  const gonePallets = [...new Set([...need.storage, ...need.calls].map(([p]) => p))].filter((p) => !pallets.includes(p))
  const lacks = gonePallets.length
    ? `has no ${gonePallets.join(' or ')} pallet${gonePallets.length > 1 ? 's' : ''}`
    : `lacks ${missing.join(', ')}`
  return { available: false, missing, message: `this runtime ${meta.where} ${lacks}, so it has no ${WHAT[feature]}` }
}

/** The availability as the error a command stops with: exit 2, naming the spec, before anything is signed. */
export function requireGovernance(meta: RuntimeMetadata, feature: GovernanceFeature): void {
  const a = governanceAvailability(meta, feature)
  if (!a.available) throw badInput(a.message, 'NOT_IN_RUNTIME')
}

export interface Members {
  /** Senate hotkeys (SenateMembers.Members). */
  senate: string[]
  /** Triumvirate accounts (Triumvirate.Members: who may propose). */
  triumvirate: string[]
}

export async function readMembers(chain: Chain, at: string): Promise<Members> {
  requireGovernance(chain.metadata, 'members')
  const [senate, triumvirate] = await readAt(chain, at, [
    { pallet: 'SenateMembers', item: 'Members' },
    { pallet: 'Triumvirate', item: 'Members' },
  ])
  return { senate: (senate as string[]) ?? [], triumvirate: (triumvirate as string[]) ?? [] }
}

/** `Triumvirate.Voting(hash)`: pallet_collective's Votes. */
export interface Votes {
  index: number
  threshold: number
  ayes: string[]
  nays: string[]
  end: number
}

export interface Proposal extends Votes {
  hash: string
  /** Who proposed it, from the Triumvirate.Proposed event (the runtime stores no proposer); null when not found. */
  proposer: string | null
  /** The proposed call, decoded with the runtime's metadata. */
  call: { pallet: string; name: string; args: Record<string, unknown> }
  /** Its SCALE bytes. */
  callData: string
}

/** Every open proposal at block `at`, its call decoded and its votes; proposers looked up in the last `lookback` blocks. */
export async function readProposals(chain: Chain, at: { hash: string; number: number }, lookback: number): Promise<Proposal[]> {
  requireGovernance(chain.metadata, 'proposals')
  const [hashes] = (await readAt(chain, at.hash, [{ pallet: 'Triumvirate', item: 'Proposals' }])) as [string[]]
  if (!hashes?.length) return []
  const keys = hashes.map((h) => h.toLowerCase())
  const [calls, votes, proposers] = await Promise.all([
    readRawAt(
      chain,
      at.hash,
      keys.map((h) => ({ pallet: 'Triumvirate', item: 'ProposalOf', keys: [h] })),
    ),
    readAt(
      chain,
      at.hash,
      keys.map((h) => ({ pallet: 'Triumvirate', item: 'Voting', keys: [h] })),
    ),
    findProposers(chain, keys, at.number, lookback),
  ])
  const proposals: Proposal[] = []
  keys.forEach((hash, i) => {
    const v = votes[i] as Votes | undefined
    const data = calls[i]
    if (!v || !data) return // closed between the reads
    proposals.push({
      hash,
      index: v.index,
      threshold: v.threshold,
      ayes: v.ayes,
      nays: v.nays,
      end: v.end,
      proposer: proposers.get(hash) ?? null,
      call: chain.metadata.decodeCall(data),
      callData: data.toLowerCase(),
    })
  })
  return proposals.sort((a, b) => a.index - b.index)
}

const SCAN_BATCH = 16

/**
 * The proposer of each hash, from `Triumvirate.Proposed` events in the blocks down from `best` (at most
 * `lookback` of them): pallet_collective keeps no proposer in storage, only that event names it.
 */
async function findProposers(chain: Chain, hashes: string[], best: number, lookback: number): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const events = chain.metadata.storage('System', 'Events')
  if (!events) return found
  const eventsKey = events.encodeKey()
  const lowest = Math.max(0, best - lookback + 1)
  for (let top = best; top >= lowest && found.size < hashes.length; top -= SCAN_BATCH) {
    const numbers = Array.from({ length: Math.min(SCAN_BATCH, top - lowest + 1) }, (_, i) => top - i)
    const blocks = await Promise.all(
      numbers.map(async (n) => {
        const hash = await chain.rpc<string | null>('chain_getBlockHash', [n])
        return hash ? chain.rpc<string | null>('state_getStorage', [eventsKey, hash]) : null
      }),
    )
    for (const raw of blocks) {
      if (!raw) continue
      for (const e of chain.metadata.decodeEvents(raw)) {
        if (e.pallet !== 'Triumvirate' || e.name !== 'Proposed') continue
        const d = e.data as { account?: string; proposal_hash?: string }
        const hash = d.proposal_hash?.toLowerCase()
        if (hash && d.account && hashes.includes(hash) && !found.has(hash)) found.set(hash, d.account)
      }
    }
  }
  return found
}

/** What `Owner(hotkey)` reads for a hotkey nobody registered: the item's default (the all-zero account). */
const ownerDefault = (meta: RuntimeMetadata): unknown => meta.storage('SubtensorModule', 'Owner')?.fallback

/** `Sudo.Key`: who holds sudo, or null when no key is set. */
export async function readSudoKey(chain: Chain, at: string): Promise<string | null> {
  requireGovernance(chain.metadata, 'sudo-key')
  const [key] = await readAt(chain, at, [{ pallet: 'Sudo', item: 'Key' }])
  return (key as string | undefined) ?? null
}

export interface VotePlan {
  index: number
  /** The proposal's votes before this one. */
  votes: Votes
  /** The proposed call, `Pallet.call`, or null if it could not be read. */
  call: string | null
}

/**
 * Check a vote as the runtime will (`do_vote_root`, then pallet_collective's `do_vote`) before anything is
 * signed: the proposal is open, the hotkey is a senate member owned by the signing coldkey, and the vote
 * is not the one already cast. Each refusal is exit 2 with the reason.
 */
export async function planVote(
  chain: Chain,
  at: string,
  v: { coldkey: string; hotkey: string; proposal: string; approve: boolean },
): Promise<VotePlan> {
  requireGovernance(chain.metadata, 'vote')
  const [votes, senate, owner] = (await readAt(chain, at, [
    { pallet: 'Triumvirate', item: 'Voting', keys: [v.proposal] },
    { pallet: 'SenateMembers', item: 'Members' },
    { pallet: 'SubtensorModule', item: 'Owner', keys: [v.hotkey] },
  ])) as [Votes | undefined, string[] | undefined, string | undefined]
  if (!votes)
    throw badInput(
      `no open proposal ${v.proposal} on this chain (Triumvirate.Voting has none; see tao governance proposals)`,
      'UNKNOWN_PROPOSAL',
    )
  if (!(senate ?? []).includes(v.hotkey))
    throw badInput(`hotkey ${v.hotkey} is not a senate member (SenateMembers.Members): only senate hotkeys vote`, 'NOT_SENATE_MEMBER')
  if (owner !== v.coldkey)
    throw badInput(
      `hotkey ${v.hotkey} ${owner === ownerDefault(chain.metadata) ? 'has no owner' : `is owned by ${owner}`}, not by the signing coldkey ${v.coldkey}: ` +
        "the runtime takes a senate vote only from the hotkey's owner",
      'NOT_HOTKEY_OWNER',
    )
  const already = v.approve ? votes.ayes : votes.nays
  if (already.includes(v.hotkey))
    throw badInput(`${v.hotkey} already voted ${v.approve ? 'aye' : 'nay'} on ${v.proposal}`, 'DUPLICATE_VOTE')
  const [data] = await readRawAt(chain, at, [{ pallet: 'Triumvirate', item: 'ProposalOf', keys: [v.proposal] }])
  let call: string | null = null
  try {
    if (data) {
      const decoded = chain.metadata.decodeCall(data)
      call = `${decoded.pallet}.${decoded.name}`
    }
  } catch {
    call = null
  }
  return { index: votes.index, votes, call }
}
