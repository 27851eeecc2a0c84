import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { parseCiphertext, QUICKNET, timelockDecrypt } from './timelock.js'
import { CRV3_PULSE_DELAY, crv3RevealRound, legacyTlockPayloadCodec, revealRound, roundAt, tlockPayloadCodec } from './timelock-payload.js'
import { keypairFromUri } from '../../keystore/keys.js'
import type { Chain } from '../../node/index.js'
import type { SubnetWeightsState } from './subnet-state.js'
import { planTimelockCommit, timelockCallOf } from './timelock-commit.js'

// Only what planTimelockCommit asks of a node: the block time and, on epoch-counter runtimes, the next epoch.
const nodeWith = (apis: Record<string, unknown>, calls = ['commit_timelocked_weights'], storage: string[] = []): Chain =>
  ({
    hasCall: (_pallet: string, name: string) => calls.includes(name),
    metadata: {
      where: '(spec 999)',
      runtimeApi: (api: string, method: string) => (`${api}.${method}` in apis ? {} : undefined),
      storage: (_pallet: string, item: string) => (storage.includes(item) ? {} : undefined),
    },
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

describe('planTimelockCommit on a commit_crv3_weights runtime (spec 300)', () => {
  const vectors = JSON.parse(readFileSync(new URL('../../../test/fixtures/timelock-vectors.json', import.meta.url), 'utf8'))
  const beaconRound = BigInt(vectors.beacon.round)
  const signature = Uint8Array.from(Buffer.from(vectors.beacon.signature, 'hex'))
  const crv3 = (storage: string[] = []) => nodeWith({ 'AuraApi.slot_duration': 12_000n }, ['commit_crv3_weights'], storage)

  it('takes the round of the SDK of those runtimes, and the chain opens the legacy payload with that round’s pulse', async () => {
    // Commit in block 15 (netuid 2, tempo 10, period 1): epoch 1; epoch 2 starts at block 19, 48 s away, less than
    // the 24 rounds (72 s) the Drand pallet lags, so the reveal moves to epoch 3 at block 30, 180 s away.
    const now = QUICKNET.genesisTime + 3 * (Number(beaconRound) + CRV3_PULSE_DELAY) - 180
    vi.useFakeTimers({ now: now * 1000 })
    try {
      const plan = await planTimelockCommit(crv3(), state, alice.ss58, emit, 5n)
      expect(plan).toMatchObject({ call: 'commit_crv3_weights', payload: 'legacy', round: beaconRound, firstRevealBlock: 30 })
      expect(Object.keys(plan.args).sort()).toEqual(['commit', 'netuid', 'reveal_round'])
      expect(plan.args).toMatchObject({ netuid: 2, reveal_round: beaconRound })
      const opened = legacyTlockPayloadCodec.dec(timelockDecrypt(plan.args.commit, signature))
      expect(opened).toEqual({ uids: [0, 1], values: [65535, 30000], version_key: 5n })
    } finally {
      vi.useRealTimers()
    }
  })

  it('puts the hotkey in where the runtime keeps CRV3WeightCommitsV2 (those decode it)', async () => {
    const plan = await planTimelockCommit(crv3(['CRV3WeightCommitsV2']), state, alice.ss58, emit, 5n)
    expect(plan.payload).toBe('hotkey')
    const payload = tlockPayloadCodec.enc({ hotkey: alice.publicKey, uids: [0, 1], values: [65535, 30000], version_key: 5n })
    expect(parseCiphertext(plan.args.commit).ciphertext).toHaveLength(payload.length + 16)
  })

  it('needs no CommitRevealWeightsVersion (those runtimes have none)', async () => {
    const plan = await planTimelockCommit(crv3(), { ...state, commitRevealVersion: null }, alice.ss58, emit, 5n)
    expect(plan.call).toBe('commit_crv3_weights')
  })

  it('timelockCallOf: the newer call first, then the first one, else none', () => {
    expect(timelockCallOf(nodeWith({}, ['commit_crv3_weights', 'commit_timelocked_weights']))).toBe('commit_timelocked_weights')
    expect(timelockCallOf(crv3())).toBe('commit_crv3_weights')
    expect(timelockCallOf(nodeWith({}, []))).toBeNull()
  })
})

describe('crv3RevealRound', () => {
  it('aims at the reveal epoch’s first block, moved on while it is under 72 s away, less 24 rounds', () => {
    const base = { netuid: 1, tempo: 100, revealPeriod: 2, blockTimeSeconds: 12, nowSeconds: 1_800_000_000 }
    // Block 1000: epoch ⌊1002/101⌋ = 9; reveal epoch 11 starts at 11·101 − 2 = 1109, 109 blocks away.
    const r = crv3RevealRound({ ...base, block: 1000 })
    expect(r.firstRevealBlock).toBe(1109)
    expect(r.round).toBe(BigInt(Math.ceil((1_800_000_000 + 109 * 12 - QUICKNET.genesisTime) / 3) - 24))
    // Fast blocks: 0.25 s each, so the next epoch start is too close and the one after is taken.
    const fast = crv3RevealRound({ ...base, tempo: 10, revealPeriod: 1, block: 15, netuid: 2, blockTimeSeconds: 0.25 })
    expect(fast.firstRevealBlock).toBeGreaterThan(19)
    expect((fast.firstRevealBlock - 15) * 0.25).toBeGreaterThanOrEqual(72)
  })
})
