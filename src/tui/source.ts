/**
 * Where the live views get their data: a source delivers one snapshot per block it follows (the read
 * layer's plain data, no RPC types) and the state of its connection. The real one follows a node
 * (./chain-source.ts); tests and benchmarks feed snapshots by hand (`manualSource`).
 */
import type { Metagraph, StakePosition, SubnetSummary } from '../subtensor/models.js'

export type FollowMode = 'finalized' | 'best'

export interface BlockRef {
  number: number
  hash: string
}

/** Everything the views show, as of one block. */
export interface Snapshot {
  block: BlockRef
  subnets: SubnetSummary[]
  /**
   * The metagraph of the subnet in focus, or null (no subnet in focus, or not read yet). It is re-read only
   * when the block can have changed it, so it may be the same object as in the previous snapshot.
   */
  metagraph: Metagraph | null
  /** Stake positions of the local wallets' coldkeys. */
  stakes: StakePosition[]
}

export type Connection =
  | { state: 'connecting' }
  | { state: 'live' }
  /** Lost at `since` (ms); the next attempt (number `attempt`) is at `retryAt` (ms). */
  | { state: 'lost'; since: number; attempt: number; retryAt: number; reason: string }

export type SourceEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'connection'; connection: Connection }
  /** A read failed; the last data stays on screen. Null clears the warning. */
  | { type: 'warning'; message: string | null }

export interface LiveSource {
  /** Events from now on; returns the function that stops them. */
  subscribe(listener: (event: SourceEvent) => void): () => void
  /** Follow this subnet's metagraph (null: none), read at once. */
  focus(netuid: number | null): void
  close(): void
}

/** A source driven by hand: `emit` what a node would have delivered. For tests, benchmarks and demos. */
export interface ManualSource extends LiveSource {
  emit(event: SourceEvent): void
  /** The subnet the views last asked for. */
  readonly focused: number | null
  readonly closed: boolean
}

export function manualSource(): ManualSource {
  const listeners = new Set<(event: SourceEvent) => void>()
  let focused: number | null = null
  let closed = false
  // Like a real source, a late subscriber starts from the latest state.
  const latest = new Map<SourceEvent['type'], SourceEvent>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      for (const type of ['connection', 'snapshot', 'warning'] as const) {
        const e = latest.get(type)
        if (e) listener(e)
      }
      return () => listeners.delete(listener)
    },
    focus(netuid) {
      focused = netuid
    },
    close() {
      closed = true
      listeners.clear()
    },
    emit(event) {
      latest.set(event.type, event)
      for (const l of listeners) l(event)
    },
    get focused() {
      return focused
    },
    get closed() {
      return closed
    },
  }
}
