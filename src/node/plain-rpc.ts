/**
 * A plain JSON-RPC client over one WebSocket that never repeats anything on its own: when the socket dies,
 * every pending request fails with `RpcLost` (saying whether it had been sent), and the next request opens
 * a new socket. Submission and tracking use it because polkadot-api's provider re-sends in-flight requests
 * and re-broadcasts transactions after a reconnect: a submission must never be repeated behind the user's
 * back, and after a drop we must know whether it may have reached the node.
 */
export class RpcLost extends Error {
  /** false: the request never left this process, so the node cannot have seen it. */
  readonly sent: boolean
  constructor(message: string, sent: boolean) {
    super(message)
    this.name = 'RpcLost'
    this.sent = sent
  }
}

export class RpcError extends Error {
  readonly code: number
  readonly data: unknown
  constructor(code: number, message: string, data: unknown) {
    super(typeof data === 'string' && data ? `${message}: ${data}` : message)
    this.name = 'RpcError'
    this.code = code
    this.data = data
  }
}

interface Pending {
  resolve(v: unknown): void
  reject(e: Error): void
  timer: NodeJS.Timeout
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`)

export class PlainRpc {
  private socket: WebSocket | undefined
  private opening: Promise<WebSocket> | undefined
  private readonly pending = new Map<number, Pending>()
  /** Subscription id → listener, for the socket open now (a new socket has none). */
  private readonly listeners = new Map<string, (result: unknown) => void>()
  private nextId = 1
  private closed = false

  constructor(
    readonly url: string,
    private readonly openTimeoutMs: number,
  ) {}

  /** Open the socket now (e.g. while signing) so the first request costs one round trip. */
  warm(): void {
    this.open().catch(() => undefined)
  }

  /** `optional`: a request whose silence says nothing about the socket (it is not dropped when unanswered). */
  async request<T>(method: string, params: unknown[], timeoutMs: number, optional = false): Promise<T> {
    let ws: WebSocket
    let timer: NodeJS.Timeout | undefined
    try {
      // Opening counts against the request's own time too.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection within ${seconds(timeoutMs)}`)), timeoutMs)
      })
      ws = await Promise.race([this.open(), late])
    } catch (err) {
      throw new RpcLost((err as Error).message, false)
    } finally {
      clearTimeout(timer)
    }
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new RpcLost(`no answer from the node to ${method} within ${seconds(timeoutMs)}`, true))
        // A node that does not answer in time is treated as gone: the next request opens a new socket rather
        // than queueing behind this one on a connection that may be dead (a frozen node keeps it open).
        if (this.socket === ws && !optional) this.drop('the connection was given up after the node stopped answering')
      }, timeoutMs)
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      try {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
      } catch (err) {
        clearTimeout(timer)
        this.pending.delete(id)
        reject(new RpcLost((err as Error).message, false))
      }
    })
  }

  /**
   * A subscription (e.g. `chain_subscribeNewHeads`) on the socket open now. It ends with the socket: nothing is
   * re-subscribed after a drop, so a listener may only speed a caller up, never be what it relies on.
   */
  async subscribe(
    method: string,
    params: unknown[],
    unsubscribe: string,
    listener: (result: unknown) => void,
    timeoutMs: number,
  ): Promise<() => void> {
    const id = String(await this.request<string | number>(method, params, timeoutMs, true))
    const ws = this.socket
    this.listeners.set(id, listener)
    return () => {
      if (!this.listeners.delete(id) || this.socket !== ws) return
      this.request(unsubscribe, [id], timeoutMs, true).catch(() => undefined)
    }
  }

  close(): void {
    this.closed = true
    this.drop('closed')
  }

  private open(): Promise<WebSocket> {
    if (this.closed) return Promise.reject(new Error('client closed'))
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket)
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url)
      const fail = (why: string) => {
        clearTimeout(timer)
        this.opening = undefined
        try {
          ws.close()
        } catch {
          /* not open */
        }
        reject(new Error(why))
      }
      const timer = setTimeout(() => fail(`no connection within ${seconds(this.openTimeoutMs)}`), this.openTimeoutMs)
      ws.addEventListener('error', () => fail('connection failed'), { once: true })
      ws.addEventListener(
        'open',
        () => {
          clearTimeout(timer)
          this.opening = undefined
          this.socket = ws
          ws.addEventListener('message', (e) => this.onMessage(e))
          ws.addEventListener('close', () => this.socket === ws && this.drop('the connection closed before the node answered'))
          ws.addEventListener('error', () => this.socket === ws && this.drop('the connection failed before the node answered'))
          resolve(ws)
        },
        { once: true },
      )
    })
    return this.opening
  }

  private onMessage(e: MessageEvent): void {
    let msg: {
      id?: unknown
      result?: unknown
      error?: { code: number; message: string; data?: unknown }
      params?: { subscription?: unknown; result?: unknown }
    }
    try {
      msg = JSON.parse(String(e.data))
    } catch {
      return
    }
    if (msg.id === undefined && msg.params?.subscription !== undefined) {
      this.listeners.get(String(msg.params.subscription))?.(msg.params.result)
      return
    }
    const p = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined
    if (!p) return
    this.pending.delete(msg.id as number)
    clearTimeout(p.timer)
    if (msg.error) p.reject(new RpcError(msg.error.code, msg.error.message, msg.error.data))
    else p.resolve(msg.result)
  }

  /** Forget the socket and fail everything in flight: it may or may not have reached the node. */
  private drop(why: string): void {
    const ws = this.socket
    this.socket = undefined
    this.listeners.clear()
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer)
      p.reject(new RpcLost(why, true))
      this.pending.delete(id)
    }
    try {
      ws?.close()
    } catch {
      /* already closed */
    }
  }
}
