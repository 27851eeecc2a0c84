import type { JsonRpcProvider } from 'polkadot-api'

type Message = Parameters<Parameters<JsonRpcProvider>[0]>[0]

/** The node's error answer to one of our requests: its message as the node wrote it, code and data kept. */
export class NodeRpcError extends Error {
  readonly code: number
  readonly data: unknown
  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message)
    this.name = 'RpcError'
    this.code = error.code
    this.data = error.data
  }
}

/** Why a request of ours will never be answered: the client was closed. */
export class SocketClosedError extends Error {
  constructor() {
    super('the connection was closed')
    this.name = 'SocketClosedError'
  }
}

export interface SocketRequests {
  /** The provider to hand to polkadot-api's createClient in place of the wrapped one. */
  provider: JsonRpcProvider
  /** One JSON-RPC request of our own, on the client's socket; no deadline (the caller sets one). */
  request<T>(method: string, params: unknown[]): Promise<T>
}

const ID_PREFIX = 'tao:'

/**
 * Our own JSON-RPC requests (the legacy `state_*` reads, `system_*`) on the socket polkadot-api's client already
 * has open, so they cost no second connection: the provider is wrapped, our requests go out through it with ids
 * of their own, and their answers are taken out before the client sees them. Only the provider interface is
 * used, the contract polkadot-api's client itself is built on. Underneath, the provider keeps a request that
 * was in flight when the socket dropped and sends it again after reconnecting, as it does the client's own:
 * reads are safe to repeat (submission never goes this way; see plain-rpc.ts).
 */
export function socketRequests(inner: JsonRpcProvider): SocketRequests {
  let connection: ReturnType<JsonRpcProvider> | undefined
  let closed = false
  let nextId = 1
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>()

  const failAll = () => {
    closed = true
    for (const p of pending.values()) p.reject(new SocketClosedError())
    pending.clear()
  }

  const provider: JsonRpcProvider = (onMessage) => {
    const conn = inner((message: Message) => {
      const id = 'id' in message ? message.id : undefined
      if (typeof id === 'string' && id.startsWith(ID_PREFIX)) {
        const p = pending.get(id)
        if (!p) return
        pending.delete(id)
        if ('error' in message) p.reject(new NodeRpcError(message.error))
        else if ('result' in message) p.resolve(message.result)
        return
      }
      onMessage(message)
    })
    connection = conn
    return {
      send: (message) => conn.send(message),
      disconnect: () => {
        failAll()
        conn.disconnect()
      },
    }
  }

  const request = <T>(method: string, params: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed || !connection) return reject(new SocketClosedError())
      const id = `${ID_PREFIX}${nextId++}`
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      connection.send({ jsonrpc: '2.0', id, method, params })
    })

  return { provider, request }
}
