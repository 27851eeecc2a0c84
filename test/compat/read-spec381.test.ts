/**
 * The read layer on a runtime with typed runtime APIs (spec 381 metadata, no node): the node's answers are
 * built with the metadata's own codecs from values this test chooses, decoded through the read layer, and
 * the read models checked field by field. Nothing about 381's layouts is written down here.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { LookupEntry } from '@polkadot-api/metadata-builders'
import { beforeAll, describe, expect, it } from 'vitest'
import { readHyperparameters } from '../../src/subtensor/subnets/hyperparameters.js'
import { readMetagraph } from '../../src/subtensor/subnets/metagraph.js'
import { readStakes } from '../../src/subtensor/stake/stake.js'
import { readBurnCost, readSubnets } from '../../src/subtensor/subnets/subnets.js'
import { PRICE_SCALE } from '../../src/subtensor/models.js'
import { alphaToTao } from '../../src/subtensor/stake/pool.js'
import { toHex } from '../../src/core/hex.js'
import { decodeMetadata, type RuntimeMetadata } from '../../src/node/index.js'
import { apiShape } from '../../src/subtensor/runtime/runtime-api.js'
import { repoRoot } from '../helpers/cli.js'
import { replayChain } from '../helpers/replay.js'
import { sample } from './samples.js'

const HEAD = { hash: '0x' + '11'.repeat(32), number: 1000 }
const OWNER_COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const OWNER_HOT = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const MINER_HOT = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'
const MINER_COLD = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy'
const T = 1_000_000_000n
const bytesOf = (s: string) => [...new TextEncoder().encode(s)]

let meta: RuntimeMetadata

/** The struct a runtime API returns (inside its Option / Vec / tuple), as a sample value to override. */
function resultStruct(api: string, method: string): Record<string, unknown> {
  let entry: LookupEntry = meta.lookup(meta.requireRuntimeApi(api, method).outputType)
  while (entry.type === 'option' || entry.type === 'sequence') entry = entry.value
  return sample(entry) as Record<string, unknown>
}

/** A node that answers runtime calls (by method and exact SCALE arguments) and storage from the given values. */
function node(
  calls: Record<string, Array<{ args: unknown[]; value: unknown }>>,
  storage: Array<{ item: string; keys: unknown[]; value: unknown }> = [],
) {
  const results = new Map<string, string>()
  for (const [name, answers] of Object.entries(calls)) {
    const [api, method] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)]
    const info = meta.requireRuntimeApi(api, method)
    for (const a of answers)
      results.set(`${api}_${method} ${toHex(info.encodeArgs(...a.args))}`, toHex(meta.codec(info.outputType).enc(a.value)))
  }
  const values = new Map<string, string>()
  for (const s of storage) {
    const info = meta.requireStorage('SubtensorModule', s.item)
    values.set(info.encodeKey(...s.keys), toHex(info.encodeValue(s.value)))
  }
  return replayChain(
    meta,
    (method, params) => {
      if (method === 'state_call') {
        const r = results.get(`${params[0]} ${params[1]}`)
        if (r === undefined) throw new Error(`unexpected runtime call ${params[0]} ${params[1]}`)
        return r
      }
      if (method === 'state_queryStorageAt')
        return [{ block: HEAD.hash, changes: (params[0] as string[]).map((k) => [k, values.get(k) ?? null]) }]
      if (method === 'state_getKeysPaged') return []
      if (method === 'chain_getHeader') return { number: '0x' + HEAD.number.toString(16) }
      throw new Error(`unexpected ${method}`)
    },
    HEAD,
  )
}

function dynamicInfo(netuid: number, name: string, symbol: string, pool: { taoIn: bigint; alphaIn: bigint; alphaOut: bigint }) {
  return {
    ...resultStruct('SubnetInfoRuntimeApi', 'get_dynamic_info'),
    netuid,
    owner_hotkey: OWNER_HOT,
    owner_coldkey: OWNER_COLD,
    subnet_name: bytesOf(name),
    token_symbol: bytesOf(symbol),
    tempo: 360,
    last_step: 990n,
    blocks_since_last_step: 10n,
    emission: 0n,
    alpha_in: pool.alphaIn,
    alpha_out: pool.alphaOut,
    tao_in: pool.taoIn,
    tao_in_emission: 123_456n,
    network_registered_at: 42n,
    subnet_identity: undefined,
  }
}

beforeAll(() => {
  meta = decodeMetadata(readFileSync(path.join(repoRoot, 'test/fixtures/metadata-spec381.scale')))
})

describe('read layer on spec 381 (typed runtime APIs)', () => {
  it('detects the typed generation from the metadata', () => {
    expect(meta.specVersion).toBe(381)
    expect(apiShape(meta, 'SubnetInfoRuntimeApi', 'get_all_dynamic_info')).toBe('typed')
    expect(apiShape(meta, 'SubnetInfoRuntimeApi', 'get_metagraph')).toBe('typed')
    expect(apiShape(meta, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys')).toBe('typed')
    expect(apiShape(meta, 'SubnetInfoRuntimeApi', 'no_such_method')).toBeUndefined()
  })

  it('readSubnets: typed DynamicInfo, SubnetInfo and the swap prices in one round trip', async () => {
    const info = (netuid: number, n: number) => ({
      ...resultStruct('SubnetInfoRuntimeApi', 'get_subnets_info_v2'),
      netuid,
      subnetwork_n: n,
      max_allowed_uids: 256,
      burn: 7n * T,
    })
    const { chain, requests } = node({
      'SubnetInfoRuntimeApi.get_all_dynamic_info': [
        {
          args: [],
          value: [
            dynamicInfo(0, 'root', 'τ', { taoIn: 0n, alphaIn: 0n, alphaOut: 0n }),
            undefined,
            dynamicInfo(3, 'apex', 'γ', { taoIn: 50n * T, alphaIn: 100n * T, alphaOut: 20n * T }),
          ],
        },
      ],
      'SubnetInfoRuntimeApi.get_subnets_info_v2': [{ args: [], value: [info(0, 64), undefined, info(3, 12)] }],
      'SwapRuntimeApi.current_alpha_price_all': [
        {
          args: [],
          value: [
            { netuid: 0, price: PRICE_SCALE },
            { netuid: 3, price: 510_000_000n },
          ],
        },
      ],
    })
    const subnets = await readSubnets(chain)
    expect(subnets).toHaveLength(2)
    expect(subnets[1]).toEqual({
      netuid: 3,
      name: 'apex',
      symbol: 'γ',
      ownerColdkey: OWNER_COLD,
      ownerHotkey: OWNER_HOT,
      price: 510_000_000n,
      marketCap: (120n * T * 510_000_000n) / PRICE_SCALE,
      taoEmission: 123_456n,
      taoIn: 50n * T,
      alphaIn: 100n * T,
      alphaOut: 20n * T,
      tempo: 360,
      blocksSinceLastStep: 10,
      nextEpochBlock: expect.any(Number),
      neurons: 12,
      maxNeurons: 256,
      burn: 7n * T,
      registeredAt: 42,
    })
    expect(subnets[0]!.price).toBe(PRICE_SCALE)
    // Everything at once: no second round trip for storage.
    expect(requests.map((r) => r.method).sort()).toEqual(['state_call', 'state_call', 'state_call'])
  })

  it('prefers the subnet identity name over the bare subnet name', async () => {
    const d = {
      ...dynamicInfo(3, 'apex', 'γ', { taoIn: T, alphaIn: T, alphaOut: 0n }),
      subnet_identity: {
        ...(resultStruct('SubnetInfoRuntimeApi', 'get_dynamic_info').subnet_identity as object),
        subnet_name: new TextEncoder().encode('Apex Labs'),
      },
    }
    const { chain } = node({
      'SubnetInfoRuntimeApi.get_all_dynamic_info': [{ args: [], value: [d] }],
      'SubnetInfoRuntimeApi.get_subnets_info_v2': [{ args: [], value: [] }],
      'SwapRuntimeApi.current_alpha_price_all': [{ args: [], value: [] }],
    })
    expect((await readSubnets(chain))[0]!.name).toBe('Apex Labs')
  })

  it('readMetagraph: the typed metagraph, ValidatorTrust from storage and the quoted price', async () => {
    const axon = (ip: bigint, port: number) => ({
      block: 900n,
      version: 3,
      ip,
      port,
      ip_type: 4,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
    })
    const metagraph = {
      ...resultStruct('SubnetInfoRuntimeApi', 'get_metagraph'),
      netuid: 3,
      name: bytesOf('apex'),
      symbol: bytesOf('γ'),
      identity: undefined,
      network_registered_at: 42n,
      owner_hotkey: OWNER_HOT,
      owner_coldkey: OWNER_COLD,
      block: BigInt(HEAD.number),
      tempo: 99,
      blocks_since_last_step: 7n,
      alpha_in: 100n * T,
      alpha_out: 20n * T,
      tao_in: 50n * T,
      tao_in_emission: 999n,
      num_uids: 2,
      max_uids: 256,
      burn: 3n * T,
      hotkeys: [OWNER_HOT, MINER_HOT],
      coldkeys: [OWNER_COLD, MINER_COLD],
      identities: [undefined, undefined],
      axons: [axon(0n, 0), axon(0x01020304n, 8091)],
      active: [true, false],
      validator_permit: [true, false],
      pruning_score: [1, 2],
      last_update: [990n, 995n],
      emission: [5n * T, 1234n],
      dividends: [65535, 0],
      incentives: [0, 32768],
      consensus: [100, 200],
      trust: [300, 400],
      rank: [500, 600],
      block_at_registration: [10n, 20n],
      alpha_stake: [8n * T, 2n * T],
      tao_stake: [T, 0n],
      total_stake: [8n * T + T / 10n, 2n * T],
    }
    const { chain } = node(
      {
        'SubnetInfoRuntimeApi.get_metagraph': [
          { args: [3], value: metagraph },
          { args: [9], value: undefined },
        ],
        'SwapRuntimeApi.current_alpha_price': [
          { args: [3], value: 500_000_000n },
          { args: [9], value: 0n },
        ],
      },
      [{ item: 'ValidatorTrust', keys: [3], value: [65535, 16384] }],
    )
    const m = await readMetagraph(chain, 3)
    expect(m.block).toBe(HEAD.number)
    expect(m.subnet).toMatchObject({
      netuid: 3,
      name: 'apex',
      symbol: 'γ',
      price: 500_000_000n,
      neurons: 2,
      maxNeurons: 256,
      burn: 3n * T,
      tempo: 99,
      taoEmission: 999n,
    })
    expect(m.neurons).toEqual([
      {
        uid: 0,
        hotkey: OWNER_HOT,
        coldkey: OWNER_COLD,
        alphaStake: 8n * T,
        taoStake: T,
        totalStake: 8n * T + T / 10n,
        stakeSpotValue: 4n * T,
        // No sale gets the spot price: the constant product over the metagraph's reserves (50 TAO, 100 alpha).
        stakeSwapValue: alphaToTao({ taoIn: 50n * T, alphaIn: 100n * T, dynamic: true }, 8n * T).tao,
        rank: 500 / 65535,
        trust: 300 / 65535,
        validatorTrust: 1,
        consensus: 100 / 65535,
        incentive: 0,
        dividends: 1,
        emission: 5n * T,
        validatorPermit: true,
        active: true,
        lastUpdate: 990,
        registeredAt: 10,
        axon: { ip: null, port: 0, version: 3, protocol: 4, block: 900 },
      },
      expect.objectContaining({
        uid: 1,
        hotkey: MINER_HOT,
        coldkey: MINER_COLD,
        incentive: 32768 / 65535,
        validatorTrust: 16384 / 65535,
        emission: 1234n,
        stakeSpotValue: T,
        active: false,
        axon: { ip: '1.2.3.4', port: 8091, version: 3, protocol: 4, block: 900 },
      }),
    ])
    await expect(readMetagraph(chain, 9)).rejects.toMatchObject({ exitCode: 2, code: 'NO_SUBNET' })
  })

  it('readStakes: typed StakeInfo (with tao_emission), accounts sent as AccountId32, priced by the swap', async () => {
    const stake = (coldkey: string, hotkey: string, netuid: number, alpha: bigint) => ({
      ...resultStruct('StakeInfoRuntimeApi', 'get_stake_info_for_coldkey'),
      hotkey,
      coldkey,
      netuid,
      stake: alpha,
    })
    const { chain } = node({
      'StakeInfoRuntimeApi.get_stake_info_for_coldkeys': [
        {
          args: [[MINER_COLD, OWNER_COLD]],
          value: [
            [MINER_COLD, [stake(MINER_COLD, MINER_HOT, 3, 4n * T), stake(MINER_COLD, MINER_HOT, 5, 0n)]],
            [OWNER_COLD, [stake(OWNER_COLD, OWNER_HOT, 0, 2n * T)]],
          ],
        },
      ],
      'SwapRuntimeApi.current_alpha_price_all': [
        {
          args: [],
          value: [
            { netuid: 0, price: PRICE_SCALE },
            { netuid: 3, price: 250_000_000n },
          ],
        },
      ],
      // What unstaking pays is the runtime's own simulation of the sale (root needs none: 1:1).
      'SwapRuntimeApi.sim_swap_alpha_for_tao': [
        {
          args: [3, 4n * T],
          value: { ...resultStruct('SwapRuntimeApi', 'sim_swap_alpha_for_tao'), tao_amount: 990_000_000n, alpha_amount: 4n * T },
        },
      ],
    })
    expect(await readStakes(chain, [MINER_COLD, OWNER_COLD])).toEqual([
      { coldkey: MINER_COLD, hotkey: MINER_HOT, netuid: 3, alpha: 4n * T, spotValue: T, swapValue: 990_000_000n, price: 250_000_000n },
      { coldkey: OWNER_COLD, hotkey: OWNER_HOT, netuid: 0, alpha: 2n * T, spotValue: 2n * T, swapValue: 2n * T, price: PRICE_SCALE },
    ])
  })

  it('readHyperparameters: V2 with its extra fields, units and normalised values', async () => {
    const { chain } = node({
      'SubnetInfoRuntimeApi.get_subnet_hyperparams_v2': [
        {
          args: [3],
          value: {
            ...resultStruct('SubnetInfoRuntimeApi', 'get_subnet_hyperparams_v2'),
            kappa: 32767,
            tempo: 360,
            min_burn: 500_000n,
            commit_reveal_period: 2n,
            alpha_sigmoid_steepness: 10n << 32n,
            transfers_enabled: false,
          },
        },
      ],
    })
    const h = await readHyperparameters(chain, 3)
    const get = (name: string) => h.hyperparameters.find((p) => p.name === name)!
    expect(get('kappa')).toMatchObject({ unit: 'fraction', value: 32767, normalized: 32767 / 65535 })
    expect(get('min_burn')).toMatchObject({ unit: 'rao', value: 500_000n })
    expect(get('commit_reveal_period')).toMatchObject({ unit: 'epochs', value: 2n })
    // A fixed-point number, not a fraction: no value in [0, 1] to give (docs/json.md).
    expect(get('alpha_sigmoid_steepness')).toMatchObject({ value: 10n << 32n, normalized: null })
    expect(get('transfers_enabled')).toMatchObject({ unit: 'flag', value: false })
    expect(h.hyperparameters.length).toBeGreaterThan(27)
  })

  it('readBurnCost: get_network_registration_cost', async () => {
    const { chain } = node({ 'SubnetRegistrationRuntimeApi.get_network_registration_cost': [{ args: [], value: 1234n * T }] })
    expect(await readBurnCost(chain)).toEqual({ cost: 1234n * T, block: HEAD.number })
  })
})
