import { commitsOn, type PendingCommit } from './commit-store.js'
import { u16Fraction } from '../../core/numbers.js'
import type { TxIntent, TxRunner } from '../../tx/intent.js'
import { coverWait } from '../../core/command-deadline.js'
import { badInput, failed } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { info, progress, warn } from '../../core/output.js'
import { batchRevealWeightsArgs, revealWeightsArgs } from './calls.js'
import { archivePending, pendingFile, readArchive, readPending, restorePending } from './commit-store-file.js'
import { commitTiming, nextEpochBlock, type CommitTiming } from './reveal-window.js'
import { readSubnetWeightsState, readWeightCommits, type SubnetWeightsState } from './subnet-state.js'

export interface RevealRequest {
  netuid: number
  /** Wait (up to this many ms) for the window to open instead of failing. */
  waitMs?: number
}

interface Classified {
  ready: PendingCommit[]
  /** The earliest opening among commits still to come (null when unknown), with the commit. */
  early: Array<{ commit: PendingCommit; timing: CommitTiming }>
  /** Records that can never be revealed: past their window, gone from the chain after landing, or signed and never landed in time. */
  dead: Array<{ commit: PendingCommit; reason: 'expired' | 'gone' | 'not-landed' }>
  /** Signed but never seen on chain (a --dry-run not submitted yet, or a commit not waited for). */
  unseen: PendingCommit[]
  /** Whether the first ready commit is the oldest live one on chain (reveal_weights drops every older one). */
  readyIsFront: boolean
}

/**
 * `weights reveal`: reveal every locally recorded commit of this hotkey on the subnet whose window is open,
 * oldest first, in one transaction (`reveal_weights`, or `batch_reveal_weights` for several); exit 1 with the
 * block where the window opens when it is early (or wait for it with --wait); forget records that can never
 * be revealed, and the revealed ones once they landed.
 */
export async function revealWeights(runTx: TxRunner, req: RevealRequest): Promise<Record<string, unknown>> {
  const { netuid } = req
  if (netuid === 0) throw badInput('subnet 0 is the root network: it has no weight commits', 'ROOT_WEIGHTS')
  let revealed: string[] = []
  let hotkey = ''
  const report = await runTx('hotkey', async ({ chain, signer }): Promise<TxIntent> => {
    hotkey = signer
    let state = await readSubnetWeightsState(chain, netuid, signer)
    if (!state.exists) throw badInput(`subnet ${netuid} does not exist`, 'UNKNOWN_SUBNET')
    const file = pendingFile(signer, netuid)
    let local = commitsOn(await readPending(signer, netuid), state.genesisHash)
    // Records archived on an earlier node's word come back when the chain shows them after all.
    const archived = commitsOn(await readArchive(signer, netuid), state.genesisHash).filter((a) => !local.some((l) => l.hash === a.hash))
    if (archived.length > 0) {
      const [commits, nextEpoch] = await Promise.all([readWeightCommits(chain, netuid, signer), nextEpochBlock(chain, netuid)])
      // Only what can still be revealed comes back: a commit past its window stays in the archive.
      const live = new Set(commits.filter((c) => commitTiming(state, c, nextEpoch).timing.state !== 'expired').map((c) => c.hash))
      const back = archived.filter((a) => live.has(a.hash))
      if (back.length > 0) {
        await restorePending(
          signer,
          netuid,
          back.map((b) => b.hash),
        )
        for (const b of back) info(`commit ${b.hash} is on chain after all: back from the archive`)
        local = [...local, ...back]
      }
    }
    if (local.length === 0)
      throw failed(`no pending weight commit of hotkey ${signer} on subnet ${netuid} on this chain (${file})`, 'NOTHING_TO_REVEAL')
    if (!state.commitReveal)
      throw failed(`commit-reveal is off on subnet ${netuid}: the chain no longer takes reveals there`, 'COMMIT_REVEAL_DISABLED')

    const forgotten: Classified['dead'] = []
    const look = async () => {
      const c = await classify(chain, signer, state, local)
      await forget(signer, netuid, c.dead)
      forgotten.push(...c.dead)
      local = local.filter((l) => !c.dead.some((d) => d.commit.hash === l.hash))
      return c
    }
    let c = await look()
    const deadline = req.waitMs === undefined ? undefined : Date.now() + req.waitMs
    // The wait asked for is part of the command: its default deadline covers it (one set by the user stays).
    if (req.waitMs !== undefined) coverWait(req.waitMs)
    let shownBlock = -1
    while (c.ready.length === 0 && c.early.length > 0) {
      const first = earliest(c.early)
      if (deadline === undefined || Date.now() > deadline) {
        const where =
          first.opensAt !== null ? `opens at block ${first.opensAt}` : `opens in ${first.epochsToGo ?? '?'} epochs of the subnet`
        const err = failed(
          `too early: the reveal window ${where} (the chain is at block ${state.block})${deadline === undefined ? '; pass --wait to wait for it' : '; gave up waiting'}`,
          'REVEAL_TOO_EARLY',
        )
        err.data = { netuid, hotkey: signer, block: state.block, opensAt: first.opensAt }
        throw err
      }
      if (state.block !== shownBlock) {
        // The first line always (a script's log shows why it waits), then progress for a person watching.
        const say = shownBlock === -1 ? info : progress
        shownBlock = state.block
        say(
          `waiting for the reveal window (${first.opensAt !== null ? `block ${first.opensAt}` : `${first.epochsToGo} epochs`}; now at block ${state.block})…`,
        )
      }
      // Wait for a new block (cheap to ask), then read again what the window depends on.
      while ((await chain.blockNumber('best')) === state.block && Date.now() <= deadline) await new Promise((r) => setTimeout(r, POLL_MS))
      state = await readSubnetWeightsState(chain, netuid, signer)
      c = await look()
    }
    for (const u of c.unseen)
      warn(
        `commit ${u.hash} was signed but is not on chain (not submitted yet?): kept in ${file}${u.validUntil != null ? ` until block ${u.validUntil}, after which it cannot land` : ''}`,
      )
    if (c.ready.length === 0) throw failed(`nothing left to reveal for hotkey ${signer} on subnet ${netuid}`, 'NOTHING_TO_REVEAL')

    revealed = c.ready.map((r) => r.hash)
    const context = {
      netuid,
      hotkey: signer,
      revealed: c.ready.map((r) => ({
        commitHash: r.hash,
        uids: r.uids,
        values: r.values,
        weights: r.values.map(u16Fraction),
        versionKey: r.versionKey,
      })),
      forgotten: forgotten.map((d) => ({ commitHash: d.commit.hash, reason: d.reason })),
    }
    const summary = `reveal ${c.ready.length} weight commit${c.ready.length === 1 ? '' : 's'} on subnet ${netuid}`
    const preview = c.ready.map((r) => `${r.hash}: ${r.uids.length} weights, version key ${r.versionKey}`)
    const last = c.ready[c.ready.length - 1]!
    const describe = () =>
      `revealed ${c.ready.length === 1 ? 'the commit' : `${c.ready.length} commits`}: the hotkey's weights on subnet ${netuid} are now those of ${last.hash.slice(0, 10)}… (${last.uids.length} UIDs)`
    // reveal_weights also drops every older commit in the chain's queue, so it is used only for the oldest one.
    if (c.ready.length === 1 && c.readyIsFront) {
      const r = c.ready[0]!
      return {
        call: chain.call('SubtensorModule', 'reveal_weights', revealWeightsArgs(netuid, r)),
        summary,
        preview,
        context,
        describe,
      }
    }
    return {
      call: chain.call('SubtensorModule', 'batch_reveal_weights', batchRevealWeightsArgs(netuid, c.ready)),
      summary,
      preview,
      context,
      describe,
    }
  })
  // Revealed records leave the pending store for the archive: their salts stay on disk, whatever a node says later.
  if (report.status === 'landed' && report.ok === true) await archivePending(hotkey, netuid, revealed)
  return report
}

const POLL_MS = 1000

async function classify(chain: Chain, hotkey: string, state: SubnetWeightsState, local: PendingCommit[]): Promise<Classified> {
  const [onChain, nextEpoch] = await Promise.all([readWeightCommits(chain, state.netuid, hotkey), nextEpochBlock(chain, state.netuid)])
  const out: Classified = { ready: [], early: [], dead: [], unseen: [], readyIsFront: false }
  const timings = new Map(onChain.map((c) => [c.hash, commitTiming(state, c, nextEpoch)]))
  const firstLive = onChain.find((c) => timings.get(c.hash)!.timing.state !== 'expired')
  for (const commit of local) {
    const timing = timings.get(commit.hash)
    if (!timing) {
      // A signed commit not seen on chain: it may still land until its era ends, never after.
      if (commit.block === null) {
        if (commit.validUntil != null && state.block >= commit.validUntil) out.dead.push({ commit, reason: 'not-landed' })
        else out.unseen.push(commit)
      } else out.dead.push({ commit, reason: 'gone' })
    } else if (timing.timing.state === 'open') out.ready.push(commit)
    else if (timing.timing.state === 'expired') out.dead.push({ commit, reason: 'expired' })
    else out.early.push({ commit, timing })
  }
  // Reveal in the chain's queue order.
  const order = new Map(onChain.map((c, i) => [c.hash, i]))
  out.ready.sort((a, b) => order.get(a.hash)! - order.get(b.hash)!)
  out.readyIsFront = out.ready.length > 0 && firstLive?.hash === out.ready[0]!.hash
  return out
}

function earliest(early: Classified['early']): { opensAt: number | null; epochsToGo?: number } {
  const known = early
    .map((e) => e.timing.timing)
    .filter((t): t is Extract<CommitTiming['timing'], { state: 'early' }> => t.state === 'early')
  const withBlock = known.filter((t) => t.opensAt !== null).sort((a, b) => a.opensAt! - b.opensAt!)
  return withBlock[0] ?? known.sort((a, b) => (a.epochsToGo ?? 0) - (b.epochsToGo ?? 0))[0]!
}

async function forget(hotkey: string, netuid: number, dead: Classified['dead']): Promise<void> {
  if (dead.length === 0) return
  for (const d of dead)
    warn(
      d.reason === 'expired'
        ? `commit ${d.commit.hash} is past its reveal window and can no longer be revealed: moved to the archive`
        : d.reason === 'not-landed'
          ? `commit ${d.commit.hash} was signed but not submitted before its transaction expired (block ${d.commit.validUntil}): it can never land; moved to the archive`
          : `commit ${d.commit.hash} is not on chain as this node shows it (revealed, expired, or a node behind): moved to the archive, salt kept`,
    )
  // Moved, not deleted: the salt survives a node that was wrong, and a later reveal brings the record back.
  await archivePending(
    hotkey,
    netuid,
    dead.map((d) => d.commit.hash),
  )
}
