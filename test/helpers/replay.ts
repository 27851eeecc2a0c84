/**
 * The read layer without a node: a stand-in connection whose reads go through the real `blockReads` (so the
 * requests are exactly the ones a node gets) and are answered by a function: recorded answers (spec-218
 * fixtures) or answers built with a metadata's own codecs (spec 381).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ReadChain } from '../../src/node/read-at.js'
import { blockReads, decodeMetadata, type RuntimeMetadata } from '../../src/node/index.js'
import { repoRoot } from './cli.js'

export type Answer = (method: string, params: unknown[]) => unknown

/** A connection at one block whose JSON-RPC requests `answer` serves; every request is logged in `requests`. */
export function replayChain(meta: RuntimeMetadata, answer: Answer, head: { hash: string; number: number }) {
  const requests: Array<{ method: string; params: unknown[] }> = []
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    requests.push({ method, params })
    return answer(method, params) as T
  }
  const chain: ReadChain = {
    metadata: meta,
    at: (hash) => blockReads(meta, rpc, hash, hash === head.hash ? head.number : undefined),
    atHead: async () => blockReads(meta, rpc, head.hash, head.number),
  }
  return { chain, requests }
}

const SPEC218 = path.join(repoRoot, 'test/fixtures/spec218')

export interface Spec218Fixture {
  meta: RuntimeMetadata
  block: { hash: string; number: number }
  calls: Array<{ method: string; params: unknown[]; result: unknown }>
  expected: any
  /** The recorded answer to a request, or an error naming the request nobody recorded. */
  answer: Answer
  /** The recorded result of `state_call` of `Api_method` with these SCALE args (hex). */
  stateCall(name: string, argsHex?: string): string
}

let cached: Spec218Fixture | undefined

/** test/fixtures/spec218, loaded once per test file. */
export function spec218(): Spec218Fixture {
  if (cached) return cached
  const meta = decodeMetadata(readFileSync(path.join(SPEC218, 'metadata.scale')))
  const { block, calls } = JSON.parse(readFileSync(path.join(SPEC218, 'rpc.json'), 'utf8'))
  const expected = JSON.parse(readFileSync(path.join(SPEC218, 'expected.json'), 'utf8'))
  const byRequest = new Map<string, unknown>(
    calls.map((c: { method: string; params: unknown[]; result: unknown }) => [key(c.method, c.params), c.result]),
  )
  const answer: Answer = (method, params) => {
    const k = key(method, params)
    if (!byRequest.has(k)) throw new Error(`no recorded answer to ${k}`)
    return byRequest.get(k)
  }
  const stateCall = (name: string, argsHex = '0x') => answer('state_call', [name, argsHex, block.hash]) as string
  cached = { meta, block, calls, expected, answer, stateCall }
  return cached
}

const key = (method: string, params: unknown[]) => `${method} ${JSON.stringify(params)}`
