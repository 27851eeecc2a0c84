/**
 * The spec-218 layouts against bytes a real 218 chain served (test/fixtures/spec218/rpc.json), each field
 * compared with the same fact read independently from storage at that block (expected.json).
 */
import { Bytes } from '@polkadot-api/substrate-bindings'
import { describe, expect, it } from 'vitest'
import { spec218 } from '../helpers/replay.js'
import { opaqueLayouts } from '../../src/subtensor/runtime/opaque-218.js'

const f = spec218()
const layouts = opaqueLayouts(42)
const x = f.expected
const netuid: number = x.scenario.netuid
const u16Arg = (n: number) => '0x' + Buffer.from([n & 0xff, n >> 8]).toString('hex')
/** The payload inside the `Vec<u8>` a 218 API returns. */
const payload = (name: string, argsHex?: string) => Bytes().dec(f.stateCall(name, argsHex))
const big = (v: string | number) => BigInt(v)

/** The runtime's own share arithmetic (I96F32): alpha per share, truncated to 32 fraction bits, times the shares. */
function runtimeAlpha(shares: bigint, totalAlpha: bigint, totalShares: bigint): bigint {
  if (shares === 0n || totalAlpha === 0n || totalShares === 0n) return 0n
  return (((totalAlpha << 32n) / totalShares) * shares) >> 32n
}

describe('spec-218 opaque runtime-API layouts, on bytes the chain served', () => {
  it('get_all_dynamic_info: one DynamicInfo per subnet, equal to storage', () => {
    const all = layouts.allDynamicInfo(payload('SubnetInfoRuntimeApi_get_all_dynamic_info'))
    expect(all.map((d) => d?.netuid)).toEqual(x.netuids)
    const d = all.find((i) => i?.netuid === netuid)!
    expect(d).toMatchObject({
      owner: x.subnet.SubnetOwner,
      tempo: x.subnet.Tempo,
      last_step: big(x.subnet.LastMechansimStepBlock),
      emission: big(x.subnet.EmissionValues),
      alpha_in: big(x.subnet.SubnetAlphaIn),
      alpha_out: big(x.subnet.SubnetAlphaOut),
      tao_in: big(x.subnet.SubnetTAO),
    })
    expect(d.blocks_since_last_step).toBe(BigInt(x.block.number) - big(x.subnet.LastMechansimStepBlock))
  })

  it('get_dynamic_info: Some for the subnet, None for a netuid that does not exist', () => {
    const d = layouts.dynamicInfo(payload('SubnetInfoRuntimeApi_get_dynamic_info', u16Arg(netuid)))!
    expect(d.netuid).toBe(netuid)
    expect(d.tao_in).toBe(big(x.subnet.SubnetTAO))
    expect(layouts.dynamicInfo(payload('SubnetInfoRuntimeApi_get_dynamic_info', u16Arg(x.missingNetuid)))).toBeUndefined()
  })

  it("get_subnet_state: every per-UID vector equal to storage, stakes equal to the hotkeys' totals", () => {
    const s = layouts.subnetState(payload('SubnetInfoRuntimeApi_get_subnet_state', u16Arg(netuid)))!
    const v = x.vectors
    expect(s.netuid).toBe(netuid)
    expect(s.hotkeys).toEqual(x.uids.map((u: { hotkey: string }) => u.hotkey))
    expect(s.coldkeys).toEqual(x.uids.map((u: { coldkey: string }) => u.coldkey))
    expect(s.emission).toEqual(v.Emission.map(big))
    expect(s.incentives).toEqual(v.Incentive)
    expect(s.dividends).toEqual(v.Dividends)
    expect(s.rank).toEqual(v.Rank)
    expect(s.trust).toEqual(v.Trust)
    expect(s.consensus).toEqual(v.Consensus)
    expect(s.active).toEqual(v.Active)
    expect(s.validator_permit).toEqual(v.ValidatorPermit)
    expect(s.last_update).toEqual(v.LastUpdate.map(big))
    expect(s.pruning_score).toEqual(v.PruningScores)
    expect(s.block_at_registration).toEqual(x.uids.map((u: { blockAtRegistration: string }) => big(u.blockAtRegistration)))
    // No children at this chain: inherited stake = the hotkey's own alpha (and root TAO).
    expect(s.alpha_stake).toEqual(x.uids.map((u: { alpha: string }) => big(u.alpha)))
    expect(s.tao_stake).toEqual(x.uids.map((u: { rootStake: string }) => big(u.rootStake)))
    expect(s.tao_stake.some((t) => t > 0n)).toBe(true)
    expect(s.incentives.every((i) => i > 0)).toBe(true)
    expect(layouts.subnetState(payload('SubnetInfoRuntimeApi_get_subnet_state', u16Arg(x.missingNetuid)))).toBeUndefined()
  })

  it('get_subnet_hyperparams: the struct equal to storage, and zero bytes for a netuid that does not exist', () => {
    const h = layouts.hyperparams(payload('SubnetInfoRuntimeApi_get_subnet_hyperparams', u16Arg(netuid)))!
    const s = x.hyperparameters
    expect(h).toMatchObject({
      rho: s.Rho,
      kappa: s.Kappa,
      immunity_period: s.ImmunityPeriod,
      min_allowed_weights: s.MinAllowedWeights,
      max_weights_limit: s.MaxWeightsLimit,
      tempo: s.Tempo,
      weights_version: big(s.WeightsVersionKey),
      weights_rate_limit: big(s.WeightsSetRateLimit),
      activity_cutoff: s.ActivityCutoff,
      min_burn: big(s.MinBurn),
      max_burn: big(s.MaxBurn),
      bonds_moving_avg: big(s.BondsMovingAverage),
      adjustment_alpha: big(s.AdjustmentAlpha),
      commit_reveal_weights_interval: big(s.RevealPeriodEpochs),
      commit_reveal_weights_enabled: s.CommitRevealWeightsEnabled,
    })
    expect(layouts.hyperparams(payload('SubnetInfoRuntimeApi_get_subnet_hyperparams', u16Arg(x.missingNetuid)))).toBeUndefined()
  })

  it('get_stake_info_for_coldkeys: every coldkey with its positions, alpha as the runtime computes it from shares', () => {
    const call = f.calls.find((c) => (c.params[0] as string) === 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys')!
    const decoded = layouts.stakeInfoForColdkeys(Bytes().dec(call.result as string))
    expect(decoded.map(([coldkey]) => coldkey)).toEqual(x.coldkeys)
    const positions = decoded.flatMap(([, infos]) => infos).filter((i) => i.stake > 0n)
    const fromStorage = x.stakes
      .map((s: { coldkey: string; hotkey: string; netuid: number; shares: string; totalAlpha: string; totalShares: string }) => ({
        coldkey: s.coldkey,
        hotkey: s.hotkey,
        netuid: s.netuid,
        stake: runtimeAlpha(big(s.shares), big(s.totalAlpha), big(s.totalShares)),
      }))
      .filter((s: { stake: bigint }) => s.stake > 0n)
    expect(positions.map(({ coldkey, hotkey, netuid, stake }) => ({ coldkey, hotkey, netuid, stake }))).toEqual(
      expect.arrayContaining(fromStorage),
    )
    expect(positions).toHaveLength(fromStorage.length)
    expect(positions.length).toBeGreaterThanOrEqual(5)
  })

  it('refuses bytes that do not fit the layout instead of guessing', () => {
    const bytes = payload('SubnetInfoRuntimeApi_get_dynamic_info', u16Arg(netuid))
    expect(() => layouts.dynamicInfo(Uint8Array.from([...bytes, 0]))).toThrow(/known layout reads/)
    expect(() => layouts.subnetState(bytes)).toThrow()
  })
})
