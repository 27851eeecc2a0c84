/**
 * Operator commands live on the spec-300 runtime (`tao localnet start --runtime 300`): what only a newer
 * runtime has. One chain for every part; run one part alone with `-t`, e.g.
 * `npx vitest run test/spec300/live.test.ts -t crowd`.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { runTao } from '../helpers/cli.js'
import { startLocalnet } from '../helpers/localnet.js'
import { connectNode } from '../helpers/subnet-setup.js'
import type { Spec300 } from './context.js'
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

  // Parts: each a describe block named for its area.
  weightsPart(shared)
  void shared
})
