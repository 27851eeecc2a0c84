/**
 * The live source that follows a node: one block subscription (finalized blocks, or best blocks), and per
 * block the reads that block can have changed, through the read layer (`readSubnets`, `readMetagraph`,
 * `readStakes`, at that block's hash). Blocks that arrive while a block is being read are coalesced: only
 * the newest is read next, so a slow node never builds a queue. A dropped connection is reported, the
 * last data stays, and it reconnects with back-off (1 s, 2 s, 4 s … 30 s).
 */
import type { Metagraph, StakePosition, SubnetSummary } from '../subtensor/models.js'
import { TaoError, unreachable } from '../core/errors.js'
import type { Chain } from '../node/index.js'
import { metagraphRead, metagraphReason, reconnectDelay, type BlockEvent, type MetagraphRead } from './refresh.js'
import type { BlockRef, Connection, FollowMode, LiveSource, Snapshot, SourceEvent } from './source.js'

/** The read layer, at a block. */
export interface ChainReaders {
  readSubnets(chain: Chain, opts: { at: string }): Promise<SubnetSummary[]>
  readMetagraph(chain: Chain, netuid: number, opts: { at: string }): Promise<Metagraph>
  readStakes(chain: Chain, coldkeys: string[], opts: { at: string }): Promise<StakePosition[]>
  /** Pallet and name of every event of the block. */
  readEvents(chain: Chain, at: string): Promise<BlockEvent[]>
}

export interface ChainSourceOptions {
  /** Open a connection; `onDisconnect` is called once if it drops later. Throws when it cannot connect. */
  connect(onDisconnect: (reason: string) => void): Promise<Chain>
  readers: ChainReaders
  follow: FollowMode
  /** Coldkeys whose stake positions are followed (the local wallets'). */
  coldkeys: string[]
  netuid: number | null
  clock?: () => number
  /** How long start() waits for the first block (ms). */
  firstBlockTimeoutMs?: number
}

export interface ChainSource extends LiveSource {
  /**
   * Connect and wait for the first snapshot. Throws what connect throws (exit 3 when the node cannot be
   * reached) or a read failure of the first block.
   */
  start(): Promise<Snapshot>
}

interface BlockInfo {
  hash: string
  number: number
}

/** Failed blocks in a row after which the connection (and its metadata) is renewed. */
const RENEW_AFTER_FAILURES = 3
/**
 * A quiet connection (no block for this long: a local chain builds blocks only on demand) gets a small
 * request, so the client's 40 s staleness check does not take a healthy node for a dead one.
 */
const KEEPALIVE_MS = 15_000

export function chainSource(opts: ChainSourceOptions): ChainSource {
  const clock = opts.clock ?? Date.now
  const listeners = new Set<(e: SourceEvent) => void>()
  let connection: Connection = { state: 'connecting' }
  let latest: Snapshot | null = null
  let warning: string | null = null
  let netuid = opts.netuid
  let chain: Chain | null = null
  let unfollow: (() => void) | null = null
  let generation = 0
  let closed = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let keepalive: ReturnType<typeof setInterval> | undefined
  let lastActivity = 0
  let pending: BlockInfo | null = null
  let lastBlock: BlockInfo | null = null
  /** The block being read now. */
  let current: BlockInfo | null = null
  let busy = false
  let lastRead: MetagraphRead | null = null
  let firstWaiter: { resolve(s: Snapshot): void; reject(e: unknown): void } | null = null
  /** Blocks in a row whose reads failed. */
  let failures = 0

  const emit = (e: SourceEvent) => {
    for (const l of listeners) l(e)
  }
  const setConnection = (c: Connection) => {
    connection = c
    emit({ type: 'connection', connection: c })
  }
  const setWarning = (message: string | null) => {
    if (message === warning) return
    warning = message
    emit({ type: 'warning', message })
  }

  const follow = (c: Chain, gen: number) => {
    lastActivity = clock()
    clearInterval(keepalive)
    keepalive = setInterval(() => {
      if (gen !== generation || closed || clock() - lastActivity < KEEPALIVE_MS) return
      lastActivity = clock()
      c.rpc('system_health').catch((err: unknown) => {
        if (isConnectionError(err)) lost(gen, message(err))
      })
    }, KEEPALIVE_MS / 3)
    const onBlock = (b: BlockInfo) => {
      if (gen !== generation) return
      lastActivity = clock()
      if (pending?.hash === b.hash || current?.hash === b.hash || (!pending && lastBlock?.hash === b.hash)) return
      pending = { hash: b.hash, number: b.number }
      void drain(gen)
    }
    unfollow = c.followBlocks(opts.follow, onBlock, (err) => lost(gen, `block subscription failed: ${message(err)}`))
  }

  /** Read the newest pending block; blocks that came meanwhile are skipped for the newest. */
  const drain = async (gen: number) => {
    if (busy) return
    busy = true
    try {
      while (pending && gen === generation && !closed) {
        const block = pending
        pending = null
        current = block
        await readBlock(block, gen)
      }
    } finally {
      busy = false
      current = null
    }
    // A block (or a focus change) may have come in for a newer connection while this one finished.
    if (pending && gen !== generation && !closed) void drain(generation)
  }

  /**
   * One block's reads. The subnets are the block's backbone (their failure fails the block); stake and the
   * metagraph fail on their own (say a runtime the read layer cannot read stake on): the rest still shows,
   * with the last good value of what failed and a warning naming it.
   */
  const readBlock = async (block: BlockInfo, gen: number) => {
    const c = chain!
    const at = { at: block.hash }
    const focus = netuid
    const problems: string[] = []
    const part = async <T>(what: string, read: Promise<T>, fallback: T): Promise<T> => {
      try {
        return await read
      } catch (err) {
        if (isConnectionError(err)) throw err
        problems.push(`${what}: ${message(err)}`)
        return fallback
      }
    }
    try {
      const [subnets, stakes, events] = await Promise.all([
        opts.readers.readSubnets(c, at),
        opts.coldkeys.length > 0
          ? part('stake', opts.readers.readStakes(c, opts.coldkeys, at), latest?.stakes ?? [])
          : Promise.resolve([] as StakePosition[]),
        opts.readers.readEvents(c, block.hash).catch(() => null),
      ])
      let metagraph: Metagraph | null = focus !== null && latest?.metagraph?.subnet.netuid === focus ? latest.metagraph : null
      const subnet = focus === null ? undefined : subnets.find((s) => s.netuid === focus)
      if (focus !== null && !subnet) metagraph = null
      if (focus !== null && subnet && metagraphReason(lastRead, focus, block, subnet, events) !== null) {
        const read = await part(`subnet ${focus}`, opts.readers.readMetagraph(c, focus, at), null)
        if (read) {
          metagraph = read
          lastRead = metagraphRead(focus, block, subnet)
        }
      }
      if (gen !== generation || closed) return
      lastBlock = block
      const ref: BlockRef = { number: block.number, hash: block.hash }
      latest = { block: ref, subnets, metagraph, stakes }
      if (connection.state !== 'live') setConnection({ state: 'live' })
      setWarning(problems.length ? `block #${block.number}: ${problems.join('; ')}` : null)
      emit({ type: 'snapshot', snapshot: latest })
      firstWaiter?.resolve(latest)
      firstWaiter = null
      failures = 0
      // The next block runs a new runtime: its layouts come with a new connection's metadata.
      if (events?.some((e) => e.pallet === 'System' && e.name === 'CodeUpdated')) renew(gen, 'runtime upgraded')
    } catch (err) {
      if (gen !== generation || closed) return
      if (isConnectionError(err)) return lost(gen, message(err))
      // Keep what is on screen; the next block tries again.
      setWarning(`reading block #${block.number} failed: ${message(err)}`)
      firstWaiter?.reject(err)
      firstWaiter = null
      // Reads that keep failing may mean metadata that no longer fits (a runtime upgrade missed): start afresh.
      if (++failures >= RENEW_AFTER_FAILURES) renew(gen, 'reads keep failing')
    }
  }

  /** A new connection at once (the screen stays live); if it cannot be made, the usual back-off. */
  const renew = (gen: number, reason: string) => {
    if (gen !== generation || closed) return
    failures = 0
    generation++
    teardown()
    connectNow().catch((err) => {
      if (!closed) scheduleRetry(1, clock(), `${reason}; ${message(err)}`)
    })
  }

  const connectNow = async (): Promise<void> => {
    const gen = ++generation
    const c = await opts.connect((reason) => lost(gen, reason))
    if (closed || gen !== generation) {
      c.close()
      return
    }
    chain = c
    follow(c, gen)
  }

  const lost = (gen: number, reason: string) => {
    if (gen !== generation || closed) return
    generation++
    teardown()
    const since = connection.state === 'lost' ? connection.since : clock()
    scheduleRetry(1, since, reason)
  }

  const scheduleRetry = (attempt: number, since: number, reason: string) => {
    const delay = reconnectDelay(attempt)
    setConnection({ state: 'lost', since, attempt, retryAt: clock() + delay, reason })
    retryTimer = setTimeout(() => {
      if (closed) return
      // The first block of the new connection sets the state to live.
      connectNow().catch((err: unknown) => {
        if (closed) return
        scheduleRetry(attempt + 1, since, message(err))
      })
    }, delay)
  }

  const teardown = () => {
    clearInterval(keepalive)
    keepalive = undefined
    unfollow?.()
    unfollow = null
    chain?.close()
    chain = null
    pending = null
  }

  return {
    async start() {
      const first = new Promise<Snapshot>((resolve, reject) => (firstWaiter = { resolve, reject }))
      first.catch(() => undefined) // rejected by close() when nobody waits any more
      try {
        await connectNow()
      } catch (err) {
        firstWaiter = null
        throw err
      }
      const deadline = opts.firstBlockTimeoutMs ?? 60_000
      let timer: ReturnType<typeof setTimeout> | undefined
      try {
        return await Promise.race([
          first,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(unreachable(`no block arrived within ${deadline / 1000} s`)), deadline)
          }),
        ])
      } finally {
        clearTimeout(timer)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      // A view that subscribes late starts from what is known.
      listener({ type: 'connection', connection })
      if (latest) listener({ type: 'snapshot', snapshot: latest })
      if (warning) listener({ type: 'warning', message: warning })
      return () => listeners.delete(listener)
    },
    focus(next) {
      if (next === netuid) return
      netuid = next
      // Read the new subnet now, at the block being read or on screen, rather than at the next block
      // (which may be a while: a local chain builds blocks only on demand).
      const again = pending ?? current ?? lastBlock
      if (chain && again) {
        pending = again
        void drain(generation)
      }
    },
    close() {
      closed = true
      clearTimeout(retryTimer)
      teardown()
      listeners.clear()
      firstWaiter?.reject(new Error('closed'))
      firstWaiter = null
    },
  }
}

/** A lost node, as opposed to a read the node answered with an error. */
function isConnectionError(err: unknown): boolean {
  if (err instanceof TaoError) return err.exitCode === 3
  const name = (err as Error)?.name
  return name === 'DisjointError'
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? ''
