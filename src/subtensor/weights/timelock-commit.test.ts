import { describe, expect, it, vi } from 'vitest'
import { parseCiphertext, timelockDecrypt } from './timelock.js'
import { revealRound, roundAt, tlockPayloadCodec } from './timelock-payload.js'
import { keypairFromUri } from '../../keystore/keys.js'
import type { Chain } from '../../node/index.js'
import type { SubnetWeightsState } from './subnet-state.js'
import { planTimelockCommit } from './timelock-commit.js'

// Only what planTimelockCommit asks of a node: the block time and, on epoch-counter runtimes, the next epoch.
const nodeWith = (apis: Record<string, unknown>): Chain =>
  ({
    metadata: { where: '(spec 999)', runtimeApi: (api: string, method: string) => (`${api}.${method}` in apis ? {} : undefined) },
    runtimeApi: async (api: string, method: string) => apis[`${api}.${method}`],
  }) as unknown as Chain

const alice = keypairFromUri('//Alice')
const state: SubnetWeightsState = {
  netuid: 2,
  block: 14,
  genesisHash: '0x00',
  exists: true,
  subnetN: 3,
  tempo: 10,
  minAllowedWeights: 1,
  maxWeightsLimit: 65535,
  versionKey: 0n,
  commitReveal: true,
  revealPeriod: 1n,
  rateLimit: 0n,
  uid: 1,
  validatorPermit: true,
  lastUpdate: 0n,
  epochIndex: null,
  commitRevealVersion: 4,
}
const emit = { uids: [0, 1], values: [65535, 30000], dropped: [] }

describe('planTimelockCommit', () => {
  it('block-formula runtimes: the SDK rule, at the chain’s own block time', async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 })
    try {
      const plan = await planTimelockCommit(nodeWith({ 'AuraApi.slot_duration': 250n }), state, alice.ss58, emit, 5n)
      expect(plan.blockMs).toBe(250)
      const expected = revealRound({ block: 15, netuid: 2, tempo: 10, revealPeriod: 1, blockTimeSeconds: 0.25, nowSeconds: 1_800_000_000 })
      expect(plan).toMatchObject({ round: expected.round, firstRevealBlock: 19 })
      expect(plan.args).toMatchObject({ netuid: 2, reveal_round: expected.round, commit_reveal_version: 4 })
      // The chain will find the signer's own hotkey and the weights inside.
      const sig = Uint8Array.from(
        Buffer.from('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39', 'hex'),
      )
      expect(() => timelockDecrypt(plan.args.commit, sig)).toThrow() // encrypted to a later round than 1000
    } finally {
      vi.useRealTimers()
    }
  })

  it('epoch-counter runtimes: from the next epoch block the runtime announces; 12 s blocks when it does not say', async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 })
    try {
      const epochState = { ...state, epochIndex: 40n, revealPeriod: 2n }
      const plan = await planTimelockCommit(
        nodeWith({ 'SubnetInfoRuntimeApi.get_next_epoch_start_block': 20n }),
        epochState,
        alice.ss58,
        emit,
        5n,
      )
      expect(plan.blockMs).toBe(12_000)
      expect(plan.firstRevealBlock).toBe(20 + 11)
      expect(plan.round).toBe(roundAt(1_800_000_000 + (31 + 3 - 15) * 12))
    } finally {
      vi.useRealTimers()
    }
  })

  it('encrypts the payload with the signer’s hotkey (its size shows through the AES-GCM body)', async () => {
    const plan = await planTimelockCommit(nodeWith({}), { ...state }, alice.ss58, emit, 5n)
    const payload = tlockPayloadCodec.enc({ hotkey: alice.publicKey, uids: [0, 1], values: [65535, 30000], version_key: 5n })
    expect(parseCiphertext(plan.args.commit).ciphertext).toHaveLength(payload.length + 16)
  })

  it('refuses a runtime without CommitRevealWeightsVersion (exit 2)', async () => {
    await expect(planTimelockCommit(nodeWith({}), { ...state, commitRevealVersion: null }, alice.ss58, emit, 5n)).rejects.toMatchObject({
      exitCode: 2,
    })
  })
})
