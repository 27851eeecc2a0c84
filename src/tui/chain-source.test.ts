import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Metagraph, SubnetSummary } from '../subtensor/models.js'
import { unreachable } from '../core/errors.js'
import type { Chain } from '../node/index.js'
import { chainSource, type ChainReaders } from './chain-source.js'
import type { BlockEvent } from './refresh.js'
import type { SourceEvent } from './source.js'

/** A tiny observable: a node's stream of blocks. */
function subject<T>() {
  const observers = new Set<{ next(v: T): void; error(e: unknown): void }>()
  return {
    subscribe(o: { next(v: T): void; error(e: unknown): void }) {
      observers.add(o)
      return { unsubscribe: () => observers.delete(o) }
    },
    next: (v: T) => observers.forEach((o) => o.next(v)),
    error: (e: unknown) => observers.forEach((o) => o.error(e)),
    get size() {
      return observers.size
    },
  }
}

type Block = { hash: string; number: number }

function fakeNode() {
  const finalized = subject<Block>()
  const best = subject<Block>()
  // As Chain.followBlocks: one stream per mode, stopped by the function it returns.
  const followBlocks = (which: 'best' | 'finalized', onBlock: (b: Block, f: Block) => void, onError: (e: unknown) => void) => {
    const sub = (which === 'best' ? best : finalized).subscribe({ next: (b) => onBlock(b, b), error: onError })
    return () => sub.unsubscribe()
  }
  let disconnect: (reason: string) => void = () => undefined
  let failConnects = 0
  const chains: Array<{ closed: boolean }> = []
  const connect = vi.fn(async (onDisconnect: (reason: string) => void) => {
    if (failConnects > 0) {
      failConnects--
      throw unreachable('cannot reach the node (connection refused)')
    }
    disconnect = onDisconnect
    const c = { closed: false, followBlocks, close: () => (c.closed = true), rpc: vi.fn(async () => ({})) }
    chains.push(c)
    return c as unknown as Chain
  })
  return {
    connect,
    finalized,
    best,
    chains,
    block: (n: number) => finalized.next({ hash: `0x${n}`, number: n }),
    drop: (reason = 'connection closed') => disconnect(reason),
    failNext: (n: number) => (failConnects = n),
  }
}

const subnet = (netuid: number, block: number): SubnetSummary =>
  ({ netuid, tempo: 10, blocksSinceLastStep: block % 11, nextEpochBlock: (Math.floor(block / 11) + 1) * 11 }) as SubnetSummary

function fakeReaders(opts: { events?: (block: string) => BlockEvent[] } = {}) {
  const gates: Array<() => void> = []
  let gated = false
  const wait = () => (gated ? new Promise<void>((r) => gates.push(r)) : Promise.resolve())
  const blockOf = (at: string) => Number(at.slice(2))
  const readers = {
    readSubnets: vi.fn(async (_c: Chain, o: { at: string }) => {
      await wait()
      return [subnet(0, blockOf(o.at)), subnet(1, blockOf(o.at))]
    }),
    readMetagraph: vi.fn(
      async (_c: Chain, netuid: number, o: { at: string }) =>
        ({ block: blockOf(o.at), subnet: subnet(netuid, blockOf(o.at)), neurons: [] }) as Metagraph,
    ),
    readStakes: vi.fn(async () => []),
    readEvents: vi.fn(async (_c: Chain, at: string) => opts.events?.(at) ?? []),
  } satisfies ChainReaders
  return {
    readers,
    gate: () => (gated = true),
    release: () => {
      gated = false
      gates.splice(0).forEach((g) => g())
    },
  }
}

const flush = () => new Promise((r) => setImmediate(r))

afterEach(() => vi.useRealTimers())

describe('chain source', () => {
  test('start waits for the first block; each block gives a snapshot; late subscribers get the latest', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: ['5C'], netuid: 1 })
    const started = source.start()
    await flush()
    node.block(10)
    const first = await started
    expect(first.block).toEqual({ number: 10, hash: '0x10' })
    expect(first.metagraph?.subnet.netuid).toBe(1)
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    expect(events.map((e) => e.type)).toEqual(['connection', 'snapshot'])
    node.block(11)
    await flush()
    expect(events.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { block: { number: 11 } } })
    expect(readers.readStakes).toHaveBeenCalledWith(expect.anything(), ['5C'], { at: '0x11' })
    source.close()
    expect(node.chains[0]!.closed).toBe(true)
  })

  test('the metagraph is re-read only when the block can have changed it', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders({
      events: (at) =>
        at === '0x13' ? [{ pallet: 'SubtensorModule', name: 'StakeAdded' }] : [{ pallet: 'System', name: 'ExtrinsicSuccess' }],
    })
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: 1 })
    const started = source.start()
    await flush()
    node.block(1) // first read
    await started
    for (const n of [2, 3, 4]) {
      node.block(n)
      await flush()
    }
    expect(readers.readMetagraph).toHaveBeenCalledTimes(1)
    node.block(13) // subnet extrinsics
    await flush()
    expect(readers.readMetagraph).toHaveBeenCalledTimes(2)
    node.block(14)
    await flush()
    expect(readers.readMetagraph).toHaveBeenCalledTimes(2)
    node.block(22) // epoch: blocksSinceLastStep 22 % 11 = 0
    await flush()
    expect(readers.readMetagraph).toHaveBeenCalledTimes(3)
    expect(readers.readSubnets).toHaveBeenCalledTimes(7) // pools: every block
    source.close()
  })

  test('blocks that arrive during a read are coalesced into the newest', async () => {
    const node = fakeNode()
    const r = fakeReaders()
    const source = chainSource({ connect: node.connect, readers: r.readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await flush()
    node.block(1)
    await started
    r.gate()
    node.block(2)
    await flush()
    node.block(3)
    node.block(4)
    node.block(5)
    r.release()
    await flush()
    await flush()
    const reads = r.readers.readSubnets.mock.calls.map((c) => c[1].at)
    expect(reads).toEqual(['0x1', '0x2', '0x5'])
    source.close()
  })

  test('focus reads the new subnet at once, at the block on screen', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await flush()
    node.block(7)
    await started
    expect(readers.readMetagraph).not.toHaveBeenCalled()
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    source.focus(0)
    await flush()
    expect(readers.readMetagraph).toHaveBeenCalledWith(expect.anything(), 0, { at: '0x7' })
    expect(events.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { metagraph: { subnet: { netuid: 0 } } } })
    source.close()
  })

  test('best blocks: follows the best block, not the finalized one', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'best', coldkeys: [], netuid: null })
    const started = source.start()
    await flush()
    expect(node.finalized.size).toBe(0)
    expect(node.best.size).toBe(1)
    node.best.next({ hash: '0x9', number: 9 })
    expect((await started).block.number).toBe(9)
    source.close()
    expect(node.best.size).toBe(0)
  })

  test('a failed read keeps the data and warns; the next block clears it', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await flush()
    node.block(1)
    await started
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    readers.readSubnets.mockRejectedValueOnce(new Error('decode failed'))
    node.block(2)
    await flush()
    expect(events.at(-1)).toEqual({ type: 'warning', message: 'reading block #2 failed: decode failed' })
    node.block(3)
    await flush()
    expect(events.slice(-2).map((e) => e.type)).toEqual(['warning', 'snapshot'])
    source.close()
  })

  test('a lost connection is reported, retried with back-off, and followed again; the last data stays', async () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await vi.advanceTimersByTimeAsync(0)
    node.block(1)
    await started
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    events.length = 0
    node.failNext(2)
    node.drop()
    expect(node.chains[0]!.closed).toBe(true)
    expect(events.at(-1)).toEqual({
      type: 'connection',
      connection: { state: 'lost', since: 1_000_000, attempt: 1, retryAt: 1_001_000, reason: 'connection closed' },
    })
    await vi.advanceTimersByTimeAsync(1000) // attempt 1 fails
    expect(events.at(-1)).toMatchObject({
      type: 'connection',
      connection: { state: 'lost', since: 1_000_000, attempt: 2, retryAt: 1_001_000 + 2000 },
    })
    await vi.advanceTimersByTimeAsync(2000) // attempt 2 fails
    expect(events.at(-1)).toMatchObject({ connection: { attempt: 3, reason: 'cannot reach the node (connection refused)' } })
    await vi.advanceTimersByTimeAsync(4000) // attempt 3 connects
    expect(node.connect).toHaveBeenCalledTimes(4)
    expect(events.some((e) => e.type === 'snapshot')).toBe(false)
    node.block(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(events.slice(-2)).toMatchObject([
      { type: 'connection', connection: { state: 'live' } },
      { type: 'snapshot', snapshot: { block: { number: 2 } } },
    ])
    // A drop of the old connection after the new one is up means nothing.
    source.close()
  })

  test('a read that fails because the node is gone counts as a lost connection', async () => {
    vi.useFakeTimers({ now: 5000 })
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await vi.advanceTimersByTimeAsync(0)
    node.block(1)
    await started
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    readers.readSubnets.mockRejectedValueOnce(unreachable('the connection to local was closed'))
    node.block(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(events.at(-1)).toMatchObject({
      type: 'connection',
      connection: { state: 'lost', attempt: 1, reason: 'the connection to local was closed' },
    })
    source.close()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(node.connect).toHaveBeenCalledTimes(1) // closed: no more attempts
  })

  test('stake or a metagraph that cannot be read: the rest shows, with a warning naming what failed', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: ['5C'], netuid: 1 })
    readers.readStakes.mockRejectedValue(new Error('stake is not readable on this runtime (spec 999)'))
    const started = source.start()
    await flush()
    node.block(1)
    const first = await started
    expect(first.subnets).toHaveLength(2)
    expect(first.metagraph?.subnet.netuid).toBe(1)
    expect(first.stakes).toEqual([])
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    expect(events).toContainEqual({ type: 'warning', message: 'block #1: stake: stake is not readable on this runtime (spec 999)' })
    readers.readStakes.mockResolvedValue([])
    readers.readMetagraph.mockRejectedValueOnce(new Error('bad vectors'))
    node.block(12) // an epoch: the metagraph is read, and fails
    await flush()
    expect(events.at(-2)).toEqual({ type: 'warning', message: 'block #12: subnet 1: bad vectors' })
    expect(events.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { block: { number: 12 }, metagraph: { block: 1 } } })
    source.close()
  })

  test('a runtime upgrade, or reads that keep failing, renew the connection (new metadata)', async () => {
    const node = fakeNode()
    const { readers } = fakeReaders({ events: (at) => (at === '0x2' ? [{ pallet: 'System', name: 'CodeUpdated' }] : []) })
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await flush()
    node.block(1)
    await started
    node.block(2)
    await flush()
    await flush()
    expect(node.connect).toHaveBeenCalledTimes(2)
    expect(node.chains[0]!.closed).toBe(true)
    readers.readSubnets.mockRejectedValue(new Error('bad layout'))
    for (const n of [3, 4, 5]) {
      node.block(n)
      await flush()
    }
    await flush()
    expect(node.connect).toHaveBeenCalledTimes(3)
    source.close()
  })

  test('a quiet connection is kept alive with a small request; a failing one counts as lost', async () => {
    vi.useFakeTimers({ now: 0 })
    const node = fakeNode()
    const { readers } = fakeReaders()
    const source = chainSource({ connect: node.connect, readers, follow: 'finalized', coldkeys: [], netuid: null })
    const started = source.start()
    await vi.advanceTimersByTimeAsync(0)
    node.block(1)
    await started
    const chain = node.chains[0] as unknown as { rpc: ReturnType<typeof vi.fn> }
    await vi.advanceTimersByTimeAsync(10_000)
    expect(chain.rpc).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(chain.rpc).toHaveBeenCalledWith('system_health')
    const events: SourceEvent[] = []
    source.subscribe((e) => events.push(e))
    chain.rpc.mockRejectedValueOnce(unreachable('local did not answer system_health within 60 s'))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(events.at(-1)).toMatchObject({ type: 'connection', connection: { state: 'lost' } })
    source.close()
  })

  test('start fails at once when the node cannot be reached', async () => {
    const node = fakeNode()
    node.failNext(1)
    const source = chainSource({ connect: node.connect, readers: fakeReaders().readers, follow: 'finalized', coldkeys: [], netuid: null })
    await expect(source.start()).rejects.toMatchObject({ exitCode: 3 })
    source.close()
  })
})
