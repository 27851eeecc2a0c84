import { amountJson, type AmountJson } from '../core/amount.js'
import { fromHex } from '../core/hex.js'
import { decodeMetadata } from '../node/metadata.js'
import { DEV_ADDRESSES } from './dev-addresses.js'
import type { Funding } from './fund.js'
import type { GenesisSource } from './genesis.js'
import { initialState } from './initial-state.js'
import { startNode, type NodeOptions, type RunningNode } from './node.js'

/** What `tao localnet start` reports (stdout with --json), and what the test harness reads. */
export interface LocalnetInfo {
  endpoint: string
  port: number
  /** The process serving the node. */
  pid: number
  /** Where the state came from, and `runtime`: the spec version the chain runs. */
  genesis: GenesisSource & { runtime: number }
  /** SS58 of the sudo key (Alice), or null when the runtime has no pallet Sudo. */
  sudo: string | null
  /** Free balances set at start, as amounts (docs/json.md). */
  funded: Array<{ name: string | null; ss58: string; free: AmountJson }>
  /** "Pallet.Item" of each limit stored as 0; empty with --realistic. */
  relaxed: string[]
  /** Log file of a detached node; null in the foreground (the log goes to stderr). */
  log: string | null
}

export interface StartOptions extends NodeOptions {
  funding: readonly Funding[]
  realistic: boolean
}

/** Start the node, then fund accounts, make Alice sudo and (unless realistic) lift the rate limits. */
export async function startLocalnet(
  opts: StartOptions,
  progress: (line: string) => void = () => undefined,
): Promise<{ info: LocalnetInfo; node: RunningNode }> {
  const started = Date.now()
  const node = await startNode(opts)
  try {
    progress(`Node ready on ${node.endpoint} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    const meta = decodeMetadata(fromHex(await node.metadata(), 'runtime metadata'))
    const state = await initialState(meta, node.state, {
      funding: opts.funding,
      sudo: DEV_ADDRESSES.Alice,
      relax: !opts.realistic,
    })
    await node.setStorage(state.writes)
    const info: LocalnetInfo = {
      endpoint: node.endpoint,
      port: node.port,
      pid: process.pid,
      genesis: { ...opts.genesis, runtime: node.specVersion },
      sudo: state.sudo,
      funded: state.funded.map((f) => ({ name: f.name, ss58: f.ss58, free: amountJson(f.rao) })),
      relaxed: state.relaxed,
      log: null,
    }
    return { info, node }
  } catch (err) {
    await node.close().catch(() => undefined)
    throw err
  }
}

/** Resolves with the first SIGINT / SIGTERM / SIGHUP; the handlers keep the default (killing) from running. */
export function untilSignal(): Promise<NodeJS.Signals> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, onSignal)
      resolve(signal)
    }
    for (const s of signals) process.on(s, onSignal)
  })
}
