/**
 * How the tracker decides landed / not-landed / unknown, against a scripted chain (no node). Storage
 * values are encoded with real Subtensor metadata (spec 381, from the shared directory).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { toHex } from '../core/hex.js'
import { extrinsicHash } from './extrinsic.js'
import { decodeMetadata } from './metadata.js'
import { headSignal, retryDelay, watchTx, type TrackContext, type WatchRequest } from './track.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const meta = decodeMetadata(readFileSync(path.resolve(repoRoot, 'test/fixtures/metadata-spec381.scale')))
const SIGNER = '5FRo4vab84LM3aiK4DijnVawGDKagLGLzfn95j9tjDaHja8Z'
const OUR = '0x0c0401020304' as const // any bytes: the tracker only hashes them
const OTHER = '0x0c0405060708' as const

interface Block {
  extrinsics: string[]
  nonce: number
}

/** A chain that grows when `grow()` is called; every read the tracker makes is answered from `blocks`. */
function fakeChain(blocks: Block[], opts: { failReads?: number } = {}) {
  let failReads = opts.failReads ?? 0
  const hashOf = (n: number) => toHex(new Uint8Array(32).fill(n + 1))
  const numberOf = (hash: string) => blocks.findIndex((_, i) => hashOf(i) === hash)
  const account = meta.requireStorage('System', 'Account')
  const accountValue = (nonce: number) =>
    toHex(
      account.encodeValue({
        nonce,
        consumers: 0,
        providers: 1,
        sufficients: 0,
        data: { free: 10n, reserved: 0n, frozen: 0n, flags: 0n },
      }),
    )
  const ctx: TrackContext = {
    metadata: () => meta,
    rpc: async <T>(method: string, params: unknown[]): Promise<T> => {
      if (failReads > 0) {
        failReads--
        const err = new Error('the connection closed before the node answered')
        err.name = 'RpcLost'
        throw err
      }
      const head = blocks.length - 1
      switch (method) {
        case 'chain_getHeader': {
          const n = params[0] ? numberOf(params[0] as string) : head
          return { number: '0x' + n.toString(16) } as T
        }
        case 'chain_getBlockHash':
          return (Number(params[0]) <= head ? hashOf(Number(params[0])) : null) as T
        case 'chain_getFinalizedHead':
          return hashOf(head) as T
        case 'chain_getBlock':
          return { block: { extrinsics: blocks[numberOf(params[0] as string)]!.extrinsics } } as T
        case 'state_getStorage': {
          const [key, at] = params as [string, string]
          if (key === account.encodeKey(SIGNER)) return accountValue(blocks[numberOf(at)]!.nonce) as T
          return '0x00' as T // System.Events: none
        }
      }
      throw new Error(`unexpected ${method}`)
    },
  }
  return { ctx, grow: (b: Block) => blocks.push(b) }
}

const request = (over: Partial<WatchRequest> = {}): WatchRequest => ({
  txHash: extrinsicHash(new Uint8Array([0x0c, 0x04, 1, 2, 3, 4])),
  hex: OUR,
  fromBlock: 1,
  signer: SIGNER,
  nonce: 5,
  death: 100,
  waitFor: 'inclusion',
  timeoutMs: 2000,
  pollMs: 5,
  connectionLost: false,
  ...over,
})

describe('watchTx', () => {
  it('finds the transaction in a later block', async () => {
    const chain = fakeChain([
      { extrinsics: [], nonce: 5 },
      { extrinsics: [], nonce: 5 },
    ])
    setTimeout(() => chain.grow({ extrinsics: [OTHER, OUR], nonce: 6 }), 30)
    const r = await watchTx(chain.ctx, request())
    expect(r).toMatchObject({ status: 'landed', blockNumber: 2, index: 1, ok: true, finalized: true, connectionLost: false })
  })

  it('an announced block wakes the poll at once; a node that cannot subscribe leaves the poll as it is', async () => {
    const chain = fakeChain([
      { extrinsics: [], nonce: 5 },
      { extrinsics: [], nonce: 5 },
    ])
    let announce: (() => void) | undefined
    const heads = headSignal(async (onHead) => {
      announce = onHead
      return () => (announce = undefined)
    })
    const started = Date.now()
    setTimeout(() => {
      chain.grow({ extrinsics: [OUR], nonce: 6 })
      announce?.()
    }, 30)
    // A poll of a minute: only the announcement can make this quick.
    const r = await watchTx({ ...chain.ctx, heads }, request({ pollMs: 60_000, timeoutMs: 120_000 }))
    expect(r).toMatchObject({ status: 'landed', blockNumber: 2 })
    expect(Date.now() - started).toBeLessThan(30_000)
    heads.close()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(announce).toBeUndefined()

    const refused = headSignal(() => Promise.reject(new Error('Method not found')))
    const t0 = Date.now()
    await refused.wait(20)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15)
    refused.close()
  })

  it('keeps looking through dropped reads and says the outcome was read back', async () => {
    const chain = fakeChain(
      [
        { extrinsics: [], nonce: 5 },
        { extrinsics: [], nonce: 5 },
        { extrinsics: [OUR], nonce: 6 },
      ],
      { failReads: 3 },
    )
    const r = await watchTx(chain.ctx, request())
    expect(r).toMatchObject({ status: 'landed', blockNumber: 2, connectionLost: true })
    expect(r.status === 'landed' && r.note).toMatch(/read back from the chain/)
  })

  it('says while it waits: the lost connection, each reconnect, and that it is back', async () => {
    const chain = fakeChain(
      [
        { extrinsics: [], nonce: 5 },
        { extrinsics: [], nonce: 5 },
        { extrinsics: [OUR], nonce: 6 },
      ],
      { failReads: 2 },
    )
    const lines: string[] = []
    const r = await watchTx(chain.ctx, request({ onProgress: (line) => lines.push(line) }))
    expect(r).toMatchObject({ status: 'landed', connectionLost: true })
    expect(lines).toEqual([
      'connection to the node lost (the connection closed before the node answered); reconnecting (1)…',
      'connection to the node lost (the connection closed before the node answered); reconnecting (2)…',
      'connection back; checking blocks #1–#2 for the transaction',
    ])
  })

  it('a long wait says now and then which blocks it checked', async () => {
    const chain = fakeChain([
      { extrinsics: [], nonce: 5 },
      { extrinsics: [], nonce: 5 },
    ])
    const grower = setInterval(() => chain.grow({ extrinsics: [OTHER], nonce: 5 }), 100)
    const lines: string[] = []
    const r = await watchTx(chain.ctx, request({ timeoutMs: 1300, onProgress: (line) => lines.push(line) }))
    clearInterval(grower)
    expect(r.status).toBe('unknown')
    expect(lines.length).toBeGreaterThanOrEqual(1)
    expect(lines[0]).toMatch(
      /^waiting for transaction 0x[0-9a-f]{8}…: blocks #1–#\d+ checked, not in them yet \(the account's nonce is still 5\)$/,
    )
  })

  it('backs off between reconnects: 1 s, 2 s, 4 s, then every 5 s at the default poll', () => {
    expect([1, 2, 3, 4, 9].map((n) => retryDelay(n, 200))).toEqual([1000, 2000, 4000, 5000, 5000])
  })

  it('no read outlives the time allowed: a node that never answers gives "unknown" in time', async () => {
    const asked: number[] = []
    const ctx: TrackContext = {
      metadata: () => meta,
      rpc: (_method, _params, timeoutMs) => {
        asked.push(timeoutMs ?? Infinity)
        return new Promise((_, reject) =>
          setTimeout(() => reject(Object.assign(new Error('no answer'), { name: 'RpcLost' })), timeoutMs ?? 1e9),
        )
      },
    }
    const t0 = Date.now()
    const r = await watchTx(ctx, request({ timeoutMs: 1500 }))
    expect(r).toMatchObject({ status: 'unknown', connectionLost: true })
    expect(Date.now() - t0).toBeLessThan(4000)
    expect(Math.max(...asked)).toBeLessThanOrEqual(1500)
  })

  it('not-landed when another transaction used the nonce', async () => {
    const chain = fakeChain([
      { extrinsics: [], nonce: 5 },
      { extrinsics: [OTHER], nonce: 6 },
    ])
    const r = await watchTx(chain.ctx, request())
    expect(r).toMatchObject({ status: 'not-landed' })
    expect(r.status === 'not-landed' && r.reason).toMatch(/nonce 5 was used by another transaction/)
  })

  it('not-landed once the era is over', async () => {
    const chain = fakeChain(Array.from({ length: 9 }, () => ({ extrinsics: [], nonce: 5 })))
    const r = await watchTx(chain.ctx, request({ death: 8 }))
    expect(r).toMatchObject({ status: 'not-landed', reason: 'its era ended at block #8 without it' })
  })

  it('unknown when time runs out, with what is known', async () => {
    const chain = fakeChain([
      { extrinsics: [], nonce: 5 },
      { extrinsics: [], nonce: 5 },
    ])
    const r = await watchTx(chain.ctx, request({ timeoutMs: 50, death: 65 }))
    expect(r).toMatchObject({ status: 'unknown', validUntil: 64 })
    expect(r.status === 'unknown' && r.reason).toBe(
      "not in blocks #1–#1; the account's nonce is still 5; it may still land until block #64",
    )
  })
})
