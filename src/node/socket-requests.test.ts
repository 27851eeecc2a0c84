import type { JsonRpcProvider } from 'polkadot-api'
import { describe, expect, it } from 'vitest'
import { NodeRpcError, SocketClosedError, socketRequests } from './socket-requests.js'

type Message = Parameters<Parameters<JsonRpcProvider>[0]>[0]

/** A provider that records what is sent and lets the test answer as the node would. */
function fakeProvider() {
  const sent: Array<{ id?: unknown; method: string; params?: unknown }> = []
  let deliver: (m: Message) => void = () => undefined
  let disconnected = false
  const provider: JsonRpcProvider = (onMessage) => {
    deliver = onMessage
    return {
      send: (m) => sent.push(m as (typeof sent)[number]),
      disconnect: () => (disconnected = true),
    }
  }
  return { provider, sent, answer: (m: Message) => deliver(m), disconnected: () => disconnected }
}

describe('socketRequests', () => {
  it('sends our requests on the same connection and takes their answers out; the client sees only its own', async () => {
    const node = fakeProvider()
    const own = socketRequests(node.provider)
    const seen: Message[] = []
    const conn = own.provider((m) => seen.push(m))
    conn.send({ jsonrpc: '2.0', id: '1-1', method: 'chainHead_v1_follow', params: [true] })
    const version = own.request<{ specVersion: number }>('state_getRuntimeVersion', ['0xabc'])
    expect(node.sent.map((m) => m.method)).toEqual(['chainHead_v1_follow', 'state_getRuntimeVersion'])
    const ours = node.sent[1]!
    expect(ours.params).toEqual(['0xabc'])
    node.answer({ jsonrpc: '2.0', id: ours.id as string, result: { specVersion: 218 } })
    node.answer({ jsonrpc: '2.0', id: '1-1', result: 'sub' })
    node.answer({ jsonrpc: '2.0', method: 'chainHead_v1_followEvent', params: { subscription: 'sub', result: {} } })
    expect(await version).toEqual({ specVersion: 218 })
    expect(seen).toEqual([
      { jsonrpc: '2.0', id: '1-1', result: 'sub' },
      { jsonrpc: '2.0', method: 'chainHead_v1_followEvent', params: { subscription: 'sub', result: {} } },
    ])
  })

  it("an error answer keeps the node's message, code and data", async () => {
    const node = fakeProvider()
    const own = socketRequests(node.provider)
    own.provider(() => undefined)
    const call = own.request('state_call', ['X_y', '0x', '0x1'])
    node.answer({ jsonrpc: '2.0', id: node.sent[0]!.id as string, error: { code: 1002, message: 'Execution failed', data: 'panic' } })
    const err = await call.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NodeRpcError)
    expect(err).toMatchObject({ message: 'Execution failed', code: 1002, data: 'panic' })
  })

  it('closing fails what is in flight and everything after; a request before the client connects fails too', async () => {
    const early = socketRequests(fakeProvider().provider)
    await expect(early.request('system_health', [])).rejects.toBeInstanceOf(SocketClosedError)

    const node = fakeProvider()
    const own = socketRequests(node.provider)
    const conn = own.provider(() => undefined)
    const inFlight = own.request('system_health', [])
    conn.disconnect()
    expect(node.disconnected()).toBe(true)
    await expect(inFlight).rejects.toBeInstanceOf(SocketClosedError)
    await expect(own.request('system_health', [])).rejects.toBeInstanceOf(SocketClosedError)
  })
})
