import { commitHash, randomSalt } from './commit-reveal.js'
import { withoutHashes, type PendingCommit } from './commit-store.js'
import { weightsProblem, type EmitWeights } from './rules.js'
import { u16Fraction } from '../../core/numbers.js'
import type { TxIntent, TxRunner } from '../../tx/intent.js'
import { mayHaveLanded } from '../../tx/execute.js'
import { badInput, failed } from '../../core/errors.js'
import { publicKeyOf } from '../../node/signer.js'
import { pendingFile, updatePending } from './commit-store-file.js'
import { batchCommitWeightsArgs, batchSetWeightsArgs } from './calls.js'
import { limitsOf, readSubnetWeightsState } from './subnet-state.js'
import { checkRateLimit, checkSubnet, listWeights } from './submit.js'
import { batchLegOutcomes, type LegOutcome } from './batch-legs.js'

export interface BatchWeightsRequest {
  /** One leg per subnet, in the order given. */
  legs: ReadonlyArray<{ netuid: number; emit: EmitWeights }>
  versionKey?: bigint
  mode: 'set' | 'commit'
  /** Asked for explicitly: there is no batch call for timelocked commits. */
  timelock?: boolean
}

const BATCH_CALLS = ['batch_set_weights', 'batch_commit_weights'] as const

/**
 * `weights set|commit --netuids …`: every subnet's weights in ONE `batch_set_weights` (commit-reveal off on
 * all of them) or `batch_commit_weights` (on for all of them: hashes, their salts kept as a single commit's
 * are). The runtime runs each leg on its own (one failing leaves the others applied), so the report has one
 * outcome per leg, and a failed leg makes the command fail (exit 1) with the report attached.
 *
 * A runtime without the batch calls (spec 218) is refused, naming the call and the spec: Utility.batch_all of
 * single calls would be all-or-nothing, a different promise from the one these calls make, and sending the
 * subnets one at a time (`--netuid`) already does what it would.
 */
export async function submitWeightsBatch(
  runTx: TxRunner,
  log: (line: string) => void,
  req: BatchWeightsRequest,
): Promise<Record<string, unknown>> {
  const root = req.legs.find((l) => l.netuid === 0)
  if (root) throw badInput('subnet 0 is the root network: weights cannot be set there', 'ROOT_WEIGHTS')
  if (req.timelock === true)
    throw badInput(
      'there is no batch call for timelocked commits: commit them one subnet at a time (--netuid), or drop --timelock for hash commits',
      'NO_BATCH_TIMELOCK',
    )
  const written: Array<{ hotkey: string; netuid: number; hash: string }> = []
  let landed = false
  try {
    const report = await runTx('hotkey', async ({ chain, signer }): Promise<TxIntent> => {
      const missing = BATCH_CALLS.filter((c) => !chain.hasCall('SubtensorModule', c))
      if (missing.length === BATCH_CALLS.length)
        throw badInput(
          `SubtensorModule.batch_set_weights and batch_commit_weights are not in this runtime ${chain.metadata.where}: set the weights one subnet at a time (--netuid)`,
          'CALL_NOT_IN_RUNTIME',
        )
      const states = await Promise.all(req.legs.map((l) => readSubnetWeightsState(chain, l.netuid, signer)))
      for (const state of states) checkSubnet(state, signer)
      const on = states.filter((s) => s.commitReveal).map((s) => s.netuid)
      const off = states.filter((s) => !s.commitReveal).map((s) => s.netuid)
      if (on.length && off.length)
        throw badInput(
          `commit-reveal is on on subnet ${on.join(', ')} and off on subnet ${off.join(', ')}: one batch either sets or commits; send them apart`,
          'MIXED_COMMIT_REVEAL',
        )
      const commit = on.length > 0
      if (req.mode === 'commit' && !commit)
        throw badInput(
          `commit-reveal is off on subnet ${off.join(', ')}: set the weights directly with \`tao weights set\``,
          'COMMIT_REVEAL_DISABLED',
        )
      const callName = commit ? 'batch_commit_weights' : 'batch_set_weights'
      if (missing.includes(callName))
        throw badInput(
          `SubtensorModule.${callName} is not in this runtime ${chain.metadata.where}: ${commit ? 'commit' : 'set'} the weights one subnet at a time (--netuid)`,
          'CALL_NOT_IN_RUNTIME',
        )

      const legs = req.legs.map((l, i) => {
        const state = states[i]!
        const versionKey = req.versionKey ?? state.versionKey
        const problem = weightsProblem(l.emit, limitsOf(state, state.uid!), versionKey)
        if (problem) throw badInput(`subnet ${l.netuid}: ${problem}`, 'WEIGHTS_REFUSED')
        checkRateLimit(state, signer)
        return { netuid: l.netuid, emit: l.emit, state, versionKey }
      })

      const legJson: Array<Record<string, unknown>> = legs.map((l) => ({
        netuid: l.netuid,
        uid: l.state.uid,
        uids: l.emit.uids,
        values: l.emit.values,
        weights: l.emit.values.map(u16Fraction),
        versionKey: l.versionKey.toString(),
      }))
      const preview = legs.flatMap((l) => [
        `subnet ${l.netuid} (uid ${l.state.uid}): ${listWeights(l.emit)}, version key ${l.versionKey}`,
        ...(l.emit.dropped.length ? [`  left out (weight rounds to 0): uid ${l.emit.dropped.join(', ')}`] : []),
        ...(l.state.validatorPermit === false && !(l.emit.uids.length === 1 && l.emit.uids[0] === l.state.uid)
          ? ['  this hotkey has no validator permit on the subnet: the chain may refuse weights on other UIDs']
          : []),
      ])
      const netuids = legs.map((l) => l.netuid)

      let call
      if (commit) {
        // The hashes, and the records a later reveal needs, written before anything is signed.
        const createdAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
        const hashes: string[] = []
        for (const [i, l] of legs.entries()) {
          const salt = randomSalt()
          const hash = commitHash({
            publicKey: publicKeyOf(signer),
            netuidIndex: l.netuid,
            uids: l.emit.uids,
            values: l.emit.values,
            salt,
            versionKey: l.versionKey,
          })
          const record: PendingCommit = {
            hash,
            genesisHash: l.state.genesisHash,
            uids: l.emit.uids,
            values: l.emit.values,
            salt,
            versionKey: l.versionKey.toString(),
            createdAt,
            block: null,
          }
          await updatePending(signer, l.netuid, (store) => ({ ...store, commits: [...store.commits, record] }))
          written.push({ hotkey: signer, netuid: l.netuid, hash })
          hashes.push(hash)
          Object.assign(legJson[i]!, { commitHash: hash, pendingFile: pendingFile(signer, l.netuid) })
          preview.push(`  subnet ${l.netuid} commit hash ${hash}`)
        }
        call = chain.call(
          'SubtensorModule',
          'batch_commit_weights',
          batchCommitWeightsArgs(legs.map((l, i) => ({ netuid: l.netuid, hash: hashes[i]! }))),
        )
      } else {
        call = chain.call(
          'SubtensorModule',
          'batch_set_weights',
          batchSetWeightsArgs(legs.map((l) => ({ netuid: l.netuid, ...l.emit, versionKey: l.versionKey }))),
        )
      }

      const describeError = (e: unknown) => {
        const d = chain.metadata.describeDispatchError(e)
        return `${d.pallet}.${d.name}`
      }
      return {
        call,
        summary:
          `${commit ? 'commit' : 'set'} weights on ${legs.length} subnets (${netuids.join(', ')}) in one ${callName}` +
          ` (each subnet succeeds or fails on its own)${commit ? `; reveal later with \`tao weights reveal --netuid N\`` : ''}`,
        preview,
        context: { mode: commit ? 'commit' : 'set', hotkey: signer, netuids, legs: legJson },
        fromEvents: (events) => {
          const outcomes = batchLegOutcomes(netuids, commit ? 'commit' : 'set', events, describeError)
          return { legs: legJson.map((l, i) => ({ ...l, ok: outcomes[i]!.ok, error: outcomes[i]!.error })) }
        },
        describe: (r) => {
          const legsOut = (r.legs as Array<Record<string, unknown>> | undefined) ?? []
          return legsOut.map((l) => `  subnet ${l.netuid}: ${l.ok ? (commit ? 'committed' : 'set') : `failed (${l.error})`}`).join('\n')
        },
        readBack: async (r) => {
          landed = true
          if (!commit) return {}
          // Failed legs never reached the chain: their records go; landed ones learn their block.
          const block = Number(r.block)
          for (const l of (r.legs as Array<Record<string, unknown>>) ?? []) {
            const hash = String(l.commitHash)
            await updatePending(signer, Number(l.netuid), (store) =>
              l.ok
                ? { ...store, commits: store.commits.map((c) => (c.hash === hash ? { ...c, block } : c)) }
                : withoutHashes(store, [hash]),
            )
          }
          return {}
        },
      }
    })
    const legsOut = (report.legs as Array<LegOutcome & Record<string, unknown>> | undefined) ?? []
    const bad = legsOut.filter((l) => l.ok === false)
    if (report.status === 'landed' && bad.length) {
      const err = failed(
        `${bad.map((l) => `subnet ${l.netuid}: ${l.error}`).join('; ')}` +
          (bad.length < legsOut.length
            ? `; the other subnets (${legsOut
                .filter((l) => l.ok)
                .map((l) => l.netuid)
                .join(', ')}) landed`
            : ''),
        'BATCH_LEG_FAILED',
      )
      err.data = report
      throw err
    }
    if (report.mode === 'commit' && report.status === 'landed')
      log(`reveal each subnet's commit in its window: \`tao weights reveal --netuid N\` (with --wait to wait for it)`)
    return report
  } catch (err) {
    // Commits that may be on chain keep their records: the salt is the only way to reveal them.
    if (!landed && !mayHaveLanded(err))
      for (const w of written) await updatePending(w.hotkey, w.netuid, (store) => withoutHashes(store, [w.hash]))
    throw err
  }
}
