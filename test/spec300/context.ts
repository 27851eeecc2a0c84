/**
 * The one spec-300 chain the live spec-300 tests share (test/spec300/live.test.ts starts it; each area of
 * the runtime adds its tests as a part, `test/spec300/<area>.part.ts`). A spec-300 block costs about 2 s and
 * the node about 450 MB, so the parts share a node instead of starting one each; each part makes its own
 * subnets, wallets and accounts so the parts do not depend on each other's order.
 */
import type { Chain } from '../../src/node/index.js'
import type { RunOptions, TaoResult } from '../helpers/cli.js'
import type { Localnet } from '../helpers/localnet.js'

export interface Spec300 {
  /** The node as `tao localnet start --runtime 300` started it. */
  net: Localnet
  /** The node client (no disk cache), for setting up state with dev keys (test/helpers/subnet-setup.ts). */
  node: Chain
  /** `tao …` against this chain (`--network` added). */
  tao(args: string[], opts?: RunOptions): Promise<TaoResult>
}

/** A part receives the shared chain once it is up (inside its own tests and hooks, never at collection). */
export type Spec300Part = (ctx: () => Spec300) => void
