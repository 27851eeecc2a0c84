/**
 * Operator commands live on the spec-300 runtime (`tao localnet start --runtime 300`): what only a newer
 * runtime has. One chain for every part; run one part alone with `-t`, e.g.
 * `npx vitest run test/spec300/live.test.ts -t crowd`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'
import { startLocalnet } from '../helpers/localnet.js'
import { connectNode } from '../helpers/subnet-setup.js'
import type { Spec300 } from './context.js'
import { crowdPart } from './crowd.part.js'
import { liquidityPart } from './liquidity.part.js'
import { operatorPart } from './operator.part.js'
import { weightsPart } from './weights.part.js'

let ctx: Spec300 | undefined
const shared = (): Spec300 => {
  if (!ctx) throw new Error('the spec-300 chain did not start')
  return ctx
}

describe('spec 300, live', () => {
  beforeAll(async () => {
    const net = await startLocalnet({ runtime: 300 })
    expect(net.info.genesis.runtime).toBe(300)
    const node = await connectNode(net.endpoint)
    ctx = { net, node, tao: (args, opts) => runTao([...args, '--network', net.endpoint], opts) }
  }, 240_000)
  afterAll(async () => {
    ctx?.node.close()
    await ctx?.net.stop()
  })

  it('runs spec 300, migrated from the spec-218 state by its first block; Alice is sudo', async () => {
    const { node, net } = shared()
    const version = await net.rpc('state_getRuntimeVersion')
    expect(version.specVersion).toBe(300)
    expect(await node.storage('System', 'LastRuntimeUpgrade')).toMatchObject({ spec_version: 300 })
    expect(await node.storage('Sudo', 'Key')).toBe(net.info.sudo)
    const status = await shared().tao(['subnets', 'list', '--json'])
    expect(status.code, status.stderr).toBe(0)
    expect(status.json.subnets.map((s: { netuid: number }) => s.netuid)).toEqual(expect.arrayContaining([0, 1]))
  })

  // Parts: each a describe block named for its area.
  operatorPart(shared)
  liquidityPart(shared)
  crowdPart(shared)
  weightsPart(shared)
})
