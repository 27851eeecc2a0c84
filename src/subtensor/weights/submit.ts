import { commitHash, legacyEpoch, legacyRevealWindow, randomSalt } from './commit-reveal.js'
import { withoutHashes, type PendingCommit } from './commit-store.js'
import { weightsProblem, type EmitWeights } from './rules.js'
import { u16Fraction } from '../../core/numbers.js'
import type { TxIntent, TxRunner } from '../../tx/intent.js'
import { mayHaveLanded } from '../../tx/execute.js'
import { badInput, failed } from '../../core/errors.js'
import { publicKeyOf } from '../../node/signer.js'
import { info } from '../../core/output.js'
import { pendingFile, updatePending } from './commit-store-file.js'
import { commitTiming, nextEpochBlock } from './reveal-window.js'
import { commitWeightsArgs, setWeightsArgs } from './calls.js'
import { limitsOf, readSubnetWeightsState, readWeightCommits, type SubnetWeightsState } from './subnet-state.js'

export interface WeightsRequest {
  netuid: number
  emit: EmitWeights
  /** --version-key; default the subnet's WeightsVersionKey. */
  versionKey?: bigint
  /** 'set': set_weights, or a commit where the subnet has commit-reveal on; 'commit': commit_weights only. */
  mode: 'set' | 'commit'
  /**
   * Commit timelocked (the chain reveals the weights itself) instead of a hash. Unset: on for `set` where the
   * subnet has commit-reveal on and the runtime has a timelocked-commit call (as the bittensor SDK's
   * set_weights does), off otherwise.
   */
  timelock?: boolean
}

/**
 * `weights set` and `weights commit`: check the weights against the subnet's rules, then set them, or commit
 * their hash where the subnet has commit-reveal on. A commit's uids, values, salt and version key go to the
 * local store before signing (the chain keeps only the hash) and leave it again if the commit cannot land.
 */
export async function submitWeights(runTx: TxRunner, log: (line: string) => void, req: WeightsRequest): Promise<Record<string, unknown>> {
  const { netuid, emit } = req
  if (netuid === 0) throw badInput('subnet 0 is the root network: weights cannot be set there', 'ROOT_WEIGHTS')
  let pending: { hotkey: string; hash: string; landed: boolean } | undefined
  try {
    const report = await runTx('hotkey', async ({ chain, signer }): Promise<TxIntent> => {
      const state = await readSubnetWeightsState(chain, netuid, signer)
      checkSubnet(state, signer)
      const versionKey = req.versionKey ?? state.versionKey
      const problem = weightsProblem(emit, limitsOf(state, state.uid!), versionKey)
      if (problem) throw badInput(problem, 'WEIGHTS_REFUSED')
      if (req.mode === 'commit' && !state.commitReveal)
        throw badInput(
          `commit-reveal is off on subnet ${netuid}: set the weights directly with \`tao weights set\``,
          'COMMIT_REVEAL_DISABLED',
        )
      const { timelockCallOf } = await import('./timelock-commit.js')
      const tlCall = timelockCallOf(chain)
      const timelock = req.timelock ?? (req.mode === 'set' && state.commitReveal && tlCall !== null)
      // Every weights call and commit (timelocked ones too) is held to WeightsSetRateLimit by the runtime.
      checkRateLimit(state, signer)
      if (timelock) {
        if (tlCall === null)
          throw badInput(
            `neither SubtensorModule.commit_timelocked_weights nor commit_crv3_weights is in this runtime ${chain.metadata.where}: use a plain commit`,
            'CALL_NOT_IN_RUNTIME',
          )
        if (!state.commitReveal)
          throw badInput(
            `commit-reveal is off on subnet ${netuid}: there is nothing to timelock; drop --timelock`,
            'COMMIT_REVEAL_DISABLED',
          )
      }

      const shown = listWeights(emit)
      const common = {
        netuid,
        hotkey: signer,
        uid: state.uid,
        uids: emit.uids,
        values: emit.values,
        weights: emit.values.map(u16Fraction),
        versionKey: versionKey.toString(),
      }
      const notes = [
        ...(emit.dropped.length ? [`left out (weight rounds to 0): uid ${emit.dropped.join(', ')}`] : []),
        ...(state.validatorPermit === false && !(emit.uids.length === 1 && emit.uids[0] === state.uid)
          ? ['this hotkey has no validator permit on the subnet: the chain may refuse weights on other UIDs']
          : []),
      ]

      if (!state.commitReveal) {
        return {
          call: chain.call('SubtensorModule', 'set_weights', setWeightsArgs(netuid, emit, versionKey)),
          summary: `set ${emit.uids.length} weight${emit.uids.length === 1 ? '' : 's'} on subnet ${netuid} as uid ${state.uid}`,
          preview: [shown, `version key ${versionKey}`, ...notes],
          context: { mode: 'set', ...common },
        }
      }

      if (timelock) {
        const { planTimelockCommit } = await import('./timelock-commit.js')
        const tl = await planTimelockCommit(chain, state, signer, emit, versionKey)
        const crv3 = tl.call === 'commit_crv3_weights'
        return {
          call: chain.call('SubtensorModule', tl.call, tl.args),
          summary: `commit ${emit.uids.length} weight${emit.uids.length === 1 ? '' : 's'} on subnet ${netuid} as uid ${state.uid}, timelocked: the chain reveals them itself`,
          preview: [
            shown,
            `version key ${versionKey}`,
            `encrypted to drand quicknet round ${tl.round} (about 3 blocks after the reveal epoch starts at block ~${tl.firstRevealBlock}, at ${tl.blockMs / 1000} s a block)`,
            'commit_reveal_version' in tl.args
              ? `commit ${tl.args.commit.length} bytes, commit-reveal version ${tl.args.commit_reveal_version}`
              : `commit ${tl.args.commit.length} bytes (${tl.payload === 'legacy' ? 'uids, values and version key' : 'hotkey, uids, values and version key'}), revealed by the chain when epoch ${legacyEpoch(tl.firstRevealBlock, netuid, state.tempo)} starts`,
            ...notes,
          ],
          context: {
            mode: 'timelock',
            ...common,
            revealRound: tl.round.toString(),
            expectedRevealBlock: tl.firstRevealBlock,
          },
          ...(crv3
            ? {
                fromEvents: (events) => {
                  const e = events.find((x) => x.pallet === 'SubtensorModule' && x.name === 'CRV3WeightsCommitted')
                  const data = e ? (Array.isArray(e.data) ? e.data : Object.values(e.data as object)) : []
                  return { commitHash: data[2] === undefined ? null : hexOf(data[2]) }
                },
              }
            : {}),
        }
      }

      // The chain keeps at most 10 unrevealed commits per hotkey (expired ones at the front are dropped first).
      const [queued, nextEpoch] = await Promise.all([readWeightCommits(chain, netuid, signer), nextEpochBlock(chain, netuid)])
      const live = queued.filter((c) => commitTiming(state, c, nextEpoch).timing.state !== 'expired').length
      if (live >= MAX_UNREVEALED)
        throw badInput(
          `hotkey ${signer} already has ${live} unrevealed commits on subnet ${netuid}, the most the chain keeps: reveal them first (\`tao weights reveal --netuid ${netuid}\`)`,
          'TOO_MANY_COMMITS',
        )

      // Commit: the hash, and the record a later reveal needs, written before anything is signed.
      const salt = randomSalt()
      const hash = commitHash({
        publicKey: publicKeyOf(signer),
        netuidIndex: netuid,
        uids: emit.uids,
        values: emit.values,
        salt,
        versionKey,
      })
      const record: PendingCommit = {
        hash,
        genesisHash: state.genesisHash,
        uids: emit.uids,
        values: emit.values,
        salt,
        versionKey: versionKey.toString(),
        createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        block: null,
      }
      await updatePending(signer, netuid, (store) => ({ ...store, commits: [...store.commits, record] }))
      pending = { hotkey: signer, hash, landed: false }
      const file = pendingFile(signer, netuid)
      return {
        call: chain.call('SubtensorModule', 'commit_weights', commitWeightsArgs(netuid, hash)),
        summary: `commit ${emit.uids.length} weight${emit.uids.length === 1 ? '' : 's'} on subnet ${netuid} as uid ${state.uid} (commit-reveal is on; reveal later with \`tao weights reveal --netuid ${netuid}\`)`,
        preview: [
          shown,
          `version key ${versionKey}`,
          `commit hash ${hash}`,
          expectedWindow(state),
          `salt and weights kept in ${file}`,
          ...notes,
        ],
        context: { mode: 'commit', ...common, commitHash: hash, pendingFile: file },
        readBack: async (report) => {
          pending!.landed = true
          // The window as the chain recorded it, and the block the commit landed in for the local record.
          const [after, commits, nextEpoch] = await Promise.all([
            readSubnetWeightsState(chain, netuid, signer),
            readWeightCommits(chain, netuid, signer),
            nextEpochBlock(chain, netuid),
          ])
          const block = Number(report.block)
          await updatePending(signer, netuid, (store) => ({
            ...store,
            commits: store.commits.map((c) => (c.hash === hash ? { ...c, block } : c)),
          }))
          const stored = commits.find((c) => c.hash === hash)
          if (!stored) return { reveal: null }
          // Spec 218 records the window's blocks; the epoch is the runtime's index of them (get_epoch_index).
          const window =
            after.epochIndex === null
              ? {
                  firstBlock: Number(stored.fields[1]),
                  lastBlock: Number(stored.fields[2]),
                  epoch: legacyEpoch(Number(stored.fields[0]), netuid, after.tempo) + Number(after.revealPeriod ?? 1n),
                }
              : commitTiming(after, stored, nextEpoch).window
          return { reveal: window }
        },
      }
    })
    if (report.mode === 'commit' && report.status === 'landed') log(describeReveal(report.reveal as RevealJson | null, netuid))
    if (report.mode === 'commit' && report.status === 'dry-run') {
      // The signed commit can land only until its era ends: after that a reveal forgets the record instead of
      // warning about it every time.
      const era = report.era as { type: string; death?: number } | undefined
      const validUntil = era?.type === 'mortal' && era.death !== undefined ? era.death - 1 : null
      if (validUntil !== null)
        await updatePending(pending!.hotkey, netuid, (store) => ({
          ...store,
          commits: store.commits.map((c) => (c.hash === pending!.hash ? { ...c, validUntil } : c)),
        }))
      info(
        `the salt is kept in ${report.pendingFile}: after submitting the commit${validUntil === null ? '' : ` (it can land until block ${validUntil})`}, ` +
          `reveal it with \`tao weights reveal --netuid ${netuid}\``,
      )
    }
    return report
  } catch (err) {
    // A commit that may be on chain keeps its record: the salt is the only way to reveal it.
    if (pending && !pending.landed && !mayHaveLanded(err))
      await updatePending(pending.hotkey, netuid, (store) => withoutHashes(store, [pending!.hash]))
    throw err
  }
}

const MAX_UNREVEALED = 10

const hexOf = (h: unknown): string =>
  typeof h === 'string'
    ? h.toLowerCase()
    : h instanceof Uint8Array
      ? '0x' + Buffer.from(h).toString('hex')
      : String((h as { asHex?: () => string }).asHex?.() ?? h)

type RevealJson = { firstBlock: number | null; lastBlock: number | null; epoch: number | null }

/**
 * Refuse (exit 1, nothing signed) weights or a commit sent sooner after the hotkey's last ones than the subnet's
 * WeightsSetRateLimit allows: the chain would refuse it (SettingWeightsTooFast / CommittingWeightsTooFast) and keep
 * the fee. It lands at best in the next block, which is what is checked, as the runtime does (last update 0 = never).
 */
export function checkRateLimit(state: SubnetWeightsState, signer: string): void {
  if (state.rateLimit === null || state.lastUpdate === null || state.lastUpdate === 0n) return
  const next = BigInt(state.block + 1)
  if (next < state.lastUpdate || next - state.lastUpdate >= state.rateLimit) return
  const error = state.commitReveal ? 'CommittingWeightsTooFast' : 'SettingWeightsTooFast'
  throw failed(
    `hotkey ${signer} last set weights on subnet ${state.netuid} at block ${state.lastUpdate} and the subnet allows them every ${state.rateLimit} blocks ` +
      `(WeightsSetRateLimit): wait until block ${state.lastUpdate + state.rateLimit} (the chain would refuse it: ${error}); nothing was signed`,
    'WEIGHTS_RATE_LIMITED',
  )
}

export function checkSubnet(state: SubnetWeightsState, signer: string): void {
  if (!state.exists) throw badInput(`subnet ${state.netuid} does not exist`, 'UNKNOWN_SUBNET')
  if (state.uid === null) throw badInput(`hotkey ${signer} is not registered on subnet ${state.netuid}`, 'HOTKEY_NOT_REGISTERED')
}

const SHOWN = 12
export function listWeights(emit: EmitWeights): string {
  const items = emit.uids.map((uid, i) => `${uid}: ${u16Fraction(emit.values[i]!).toFixed(4)}`)
  const more = items.length > SHOWN ? ` … and ${items.length - SHOWN} more` : ''
  return `weights (uid: share of the largest) ${items.slice(0, SHOWN).join(', ')}${more}`
}

function expectedWindow(state: SubnetWeightsState): string {
  if (state.epochIndex !== null)
    return `reveal in epoch ${state.epochIndex + (state.revealPeriod ?? 1n)} of the subnet (now ${state.epochIndex})`
  const w = legacyRevealWindow(state.block + 1, state.netuid, state.tempo, Number(state.revealPeriod ?? 1n))
  return `reveal window if it lands in the next block: blocks ${w.firstBlock}–${w.lastBlock}`
}

export function describeReveal(reveal: RevealJson | null, netuid: number): string {
  const cmd = `\`tao weights reveal --netuid ${netuid}\``
  if (!reveal) return `run ${cmd} once the reveal window opens`
  if (reveal.firstBlock !== null && reveal.lastBlock !== null)
    return `the reveal window opens at block ${reveal.firstBlock} and closes after block ${reveal.lastBlock}: run ${cmd} then (or now, with --wait)`
  if (reveal.firstBlock !== null)
    return `the reveal window opens at block ${reveal.firstBlock} (epoch ${reveal.epoch}): run ${cmd} then (or now, with --wait)`
  return `the reveal window opens in epoch ${reveal.epoch} of the subnet: run ${cmd} then (or now, with --wait)`
}
