/**
 * The read layer on spec 218 without a node: the requests it makes are answered with what a real 218 chain
 * answered (test/fixtures/spec218), and the read models are compared with storage read independently at that block.
 */
import { describe, expect, it } from 'vitest'
import { readHyperparameters } from '../../src/subtensor/subnets/hyperparameters.js'
import { readMetagraph } from '../../src/subtensor/subnets/metagraph.js'
import { readStakes } from '../../src/subtensor/stake/stake.js'
import { readBurnCost, readSubnets } from '../../src/subtensor/subnets/subnets.js'
import { PRICE_SCALE } from '../../src/subtensor/models.js'
import { alphaToTao } from '../../src/subtensor/stake/pool.js'
import { replayChain, spec218 } from '../helpers/replay.js'

const f = spec218()
const x = f.expected
const netuid: number = x.scenario.netuid
const big = (v: string | number) => BigInt(v)
const replay = () => replayChain(f.meta, f.answer, f.block)

describe('read layer on spec 218 (recorded answers)', () => {
  it('detects the opaque generation from the metadata', () => {
    expect(f.meta.specVersion).toBe(218)
    expect(f.meta.runtimeApi('SubnetInfoRuntimeApi', 'get_metagraph')).toBeUndefined()
  })

  it('readSubnets: every subnet, the scenario subnet equal to storage, in two round trips', async () => {
    const { chain, requests } = replay()
    const subnets = await readSubnets(chain)
    expect(subnets.map((s) => s.netuid)).toEqual(x.netuids)
    const s = subnets.find((i) => i.netuid === netuid)!
    const taoIn = big(x.subnet.SubnetTAO)
    const alphaIn = big(x.subnet.SubnetAlphaIn)
    const alphaOut = big(x.subnet.SubnetAlphaOut)
    expect(s).toEqual({
      netuid,
      name: null,
      symbol: Buffer.from(x.subnet.TokenSymbol.slice(2), 'hex').toString('utf8'),
      ownerColdkey: x.subnet.SubnetOwner,
      ownerHotkey: x.subnet.SubnetOwnerHotkey,
      price: (taoIn * PRICE_SCALE) / alphaIn,
      marketCap: ((alphaIn + alphaOut) * taoIn) / alphaIn,
      taoEmission: big(x.subnet.EmissionValues),
      taoIn,
      alphaIn,
      alphaOut,
      tempo: x.subnet.Tempo,
      blocksSinceLastStep: x.block.number - Number(x.subnet.LastMechansimStepBlock),
      // Spec 218's raonet build runs every subnet's epoch at every block (BlocksSinceLastStep stays 0).
      nextEpochBlock: x.block.number + 1,
      epochEveryBlock: true,
      neurons: x.subnet.SubnetworkN,
      maxNeurons: x.subnet.MaxAllowedUids,
      burn: big(x.subnet.Burn),
      registeredAt: Number(x.subnet.NetworkRegisteredAt),
    })
    expect(s.symbol).toBe('β')
    expect(subnets.find((i) => i.netuid === 0)!.price).toBe(PRICE_SCALE)
    // Dynamic info (one runtime call), then the storage it lacks for all subnets in one request.
    expect(requests.map((r) => r.method)).toEqual(['state_call', 'state_queryStorageAt'])
  })

  it('readMetagraph: the subnet and one row per UID equal to storage', async () => {
    const { chain } = replay()
    const m = await readMetagraph(chain, netuid)
    expect(m.block).toBe(x.block.number)
    expect(m.subnet.netuid).toBe(netuid)
    expect(m.subnet.neurons).toBe(x.subnet.SubnetworkN)
    const v = x.vectors
    const price = { taoIn: big(x.subnet.SubnetTAO), alphaIn: big(x.subnet.SubnetAlphaIn) }
    expect(m.neurons).toHaveLength(x.uids.length)
    for (const u of x.uids) {
      const n = m.neurons[u.uid]!
      expect(n).toEqual({
        uid: u.uid,
        hotkey: u.hotkey,
        coldkey: u.coldkey,
        alphaStake: big(u.alpha),
        taoStake: big(u.rootStake),
        totalStake: expect.any(BigInt),
        stakeSpotValue: (big(u.alpha) * price.taoIn) / price.alphaIn,
        stakeSwapValue: alphaToTao({ ...price, dynamic: true }, big(u.alpha)).tao,
        rank: v.Rank[u.uid] / 65535,
        trust: v.Trust[u.uid] / 65535,
        validatorTrust: v.ValidatorTrust[u.uid] / 65535,
        consensus: v.Consensus[u.uid] / 65535,
        incentive: v.Incentive[u.uid] / 65535,
        dividends: v.Dividends[u.uid] / 65535,
        emission: big(v.Emission[u.uid]),
        validatorPermit: v.ValidatorPermit[u.uid],
        active: v.Active[u.uid],
        lastUpdate: Number(v.LastUpdate[u.uid]),
        registeredAt: Number(u.blockAtRegistration),
        axon: u.axon
          ? { ip: '1.2.3.4', port: u.axon.port, version: u.axon.version, protocol: u.axon.protocol, block: Number(u.axon.block) }
          : null,
      })
      expect(n.totalStake).toBeGreaterThanOrEqual(n.alphaStake)
    }
    expect(m.neurons[1]!.axon).not.toBeNull()
    expect(m.neurons[1]!.incentive).toBe(0.5000076295109483)
  })

  it('readMetagraph of a netuid that does not exist: bad input, exit 2, one line', async () => {
    const { chain } = replay()
    const err = await readMetagraph(chain, x.missingNetuid).catch((e) => e)
    expect(err).toMatchObject({ exitCode: 2, code: 'NO_SUBNET', message: `there is no subnet ${x.missingNetuid} on this network` })
  })

  it("readStakes: every position with alpha and TAO value, in the coldkeys' order", async () => {
    const { chain } = replay()
    const stakes = await readStakes(chain, x.coldkeys)
    expect(stakes.length).toBeGreaterThanOrEqual(5)
    const order = stakes.map((s) => x.coldkeys.indexOf(s.coldkey))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    const bob = x.scenario.miners[0]
    const onRoot = stakes.find((s) => s.coldkey === bob.coldkey && s.netuid === 0)!
    expect(onRoot.spotValue).toBe(onRoot.alpha) // root is 1:1
    expect(onRoot.swapValue).toBe(onRoot.alpha)
    const dave = stakes.find((s) => s.coldkey === x.scenario.delegator)!
    expect(dave).toMatchObject({ hotkey: bob.hotkey, netuid })
    expect(dave.spotValue).toBe((dave.alpha * big(x.subnet.SubnetTAO)) / big(x.subnet.SubnetAlphaIn))
    // What unstaking pays: the pool's constant product, as the runtime computes it.
    expect(dave.swapValue).toBe(
      alphaToTao({ taoIn: big(x.subnet.SubnetTAO), alphaIn: big(x.subnet.SubnetAlphaIn), dynamic: true }, dave.alpha).tao,
    )
    expect(dave.price).toBe((big(x.subnet.SubnetTAO) * PRICE_SCALE) / big(x.subnet.SubnetAlphaIn))
  })

  it('readHyperparameters: names, values and units; unknown netuid is bad input', async () => {
    const { chain } = replay()
    const h = await readHyperparameters(chain, netuid)
    const get = (name: string) => h.hyperparameters.find((p) => p.name === name)!
    expect(get('tempo')).toMatchObject({ value: x.hyperparameters.Tempo, unit: 'blocks' })
    expect(get('kappa')).toMatchObject({ value: x.hyperparameters.Kappa, unit: 'fraction', normalized: x.hyperparameters.Kappa / 65535 })
    expect(get('min_burn')).toMatchObject({ value: big(x.hyperparameters.MinBurn), unit: 'rao' })
    expect(get('commit_reveal_weights_interval')).toMatchObject({ unit: 'epochs' })
    expect(get('bonds_moving_avg').normalized).toBe(Number(x.hyperparameters.BondsMovingAverage) / 1e6)
    expect(h.hyperparameters).toHaveLength(27)
    await expect(readHyperparameters(chain, x.missingNetuid)).rejects.toMatchObject({ exitCode: 2 })
  })

  it('readBurnCost: the typed u64 the runtime returns', async () => {
    const { chain } = replay()
    expect(await readBurnCost(chain)).toEqual({ cost: big(x.networkRegistrationCost), block: x.block.number })
  })

  it('reads at a given block hash ask the node for that block', async () => {
    const { chain, requests } = replay()
    await readSubnets(chain, { at: f.block.hash })
    expect(requests.every((r) => r.params.at(-1) === f.block.hash)).toBe(true)
  })
})
