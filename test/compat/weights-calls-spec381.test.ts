/**
 * The weight calls as `tao weights` builds them, encoded and decoded with spec 381's metadata (a runtime that
 * has `commit_timelocked_weights`, which the local spec-218 chain lacks). The 218 side runs on the chain in
 * test/chain/weights.test.ts.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { commitHash } from '../../src/subtensor/weights/commit-reveal.js'
import { timelockDecrypt } from '../../src/subtensor/weights/timelock.js'
import { encryptWeights, tlockPayloadCodec } from '../../src/subtensor/weights/timelock-payload.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { toJsonSafe } from '../../src/core/json.js'
import { decodeMetadata } from '../../src/node/metadata.js'
import {
  batchRevealWeightsArgs,
  commitWeightsArgs,
  revealWeightsArgs,
  setWeightsArgs,
  timelockedCommitArgs,
} from '../../src/subtensor/weights/calls.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const meta = decodeMetadata(readFileSync(path.join(repoRoot, 'test/fixtures/metadata-spec381.scale')))
const vectors = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/timelock-vectors.json'), 'utf8'))
const roundTrip = (name: string, args: Record<string, unknown>) => {
  const decoded = meta.decodeCall(meta.encodeCall('SubtensorModule', name, args))
  expect(decoded.name).toBe(name)
  return toJsonSafe(decoded.args) as Record<string, unknown>
}

describe('weight calls on spec 381', () => {
  const alice = keypairFromUri('//Alice').publicKey
  const record = { uids: [0, 1], values: [65535, 30000], salt: [1, 2, 3, 4, 5, 6, 7, 8], versionKey: '9' }

  it('set_weights, commit_weights, reveal_weights, batch_reveal_weights', () => {
    expect(roundTrip('set_weights', setWeightsArgs(3, record, 9n))).toEqual({
      netuid: 3,
      dests: [0, 1],
      weights: [65535, 30000],
      version_key: '9',
    })
    const hash = commitHash({ publicKey: alice, netuidIndex: 3, ...record, versionKey: 9n })
    expect(roundTrip('commit_weights', commitWeightsArgs(3, hash))).toEqual({ netuid: 3, commit_hash: hash })
    expect(roundTrip('reveal_weights', revealWeightsArgs(3, record))).toMatchObject({
      netuid: 3,
      uids: [0, 1],
      salt: record.salt,
      version_key: '9',
    })
    expect(roundTrip('batch_reveal_weights', batchRevealWeightsArgs(3, [record, record]))).toMatchObject({
      netuid: 3,
      version_keys: ['9', '9'],
    })
  })

  it('commit_timelocked_weights carries a commit the drand round opens', () => {
    const round = BigInt(vectors.beacon.round)
    const commit = encryptWeights({ hotkey: alice, uids: record.uids, values: record.values, versionKey: 9n }, round)
    const data = meta.encodeCall('SubtensorModule', 'commit_timelocked_weights', timelockedCommitArgs(3, commit, round, 4))
    const decoded = meta.decodeCall(data).args as {
      netuid: number
      commit: Uint8Array
      reveal_round: bigint
      commit_reveal_version: number
    }
    expect(decoded).toMatchObject({ netuid: 3, reveal_round: round, commit_reveal_version: 4 })
    const opened = tlockPayloadCodec.dec(timelockDecrypt(decoded.commit, Uint8Array.from(Buffer.from(vectors.beacon.signature, 'hex'))))
    expect(opened).toMatchObject({ uids: [0, 1], values: [65535, 30000], version_key: 9n })
    expect(Buffer.from(opened.hotkey).equals(Buffer.from(alice))).toBe(true)
  })
})
