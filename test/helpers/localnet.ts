/**
 * The local chain every chain test uses: `tao localnet start --port 0 --json` from the built CLI, so the
 * command itself is what the tests stand on. Alice … Ferdie have 1,000,000 TAO each, Alice is sudo, and the
 * rate limits are 0 unless `realistic`. One block is built per submitted extrinsic.
 *
 *     let chain: Localnet
 *     beforeAll(async () => (chain = await startLocalnet({ fund: { [addr]: 5n * 10n ** 9n } })))
 *     afterAll(() => chain?.stop())
 *     …  runTao(['wallet', 'balance', '--network', chain.endpoint, …])
 *
 * Starting takes about 5 s; start one per test file and share it.
 */
import { spawn } from 'node:child_process'
import { formatTao } from '../../src/core/amount.js'
import type { LocalnetInfo } from '../../src/localnet/localnet.js'
import { cleanEnv, repoRoot, taoBin } from './cli.js'
import { assertJsonContract } from './json-contract.js'

export interface Localnet {
  endpoint: string
  port: number
  /** What `localnet start --json` printed (funded accounts, sudo, relaxed limits). */
  info: LocalnetInfo
  /** One JSON-RPC call; rejects with the node's error message. */
  rpc(method: string, params?: unknown[]): Promise<any>
  /**
   * Chopsticks' dev_setStorage, e.g. `{ SubtensorModule: { Tempo: [[[1], 10]] } }`. A plain 0 deletes the
   * entry (its default comes back): use 1, or the SCALE value as hex (`'0x0000000000000000'` for a u64 0).
   */
  setStorage(storage: Record<string, unknown>): Promise<void>
  /** Build empty blocks (about 0.5 s each). */
  newBlock(count?: number): Promise<void>
  /** Send the node's process a signal: SIGSTOP freezes it (sockets stay open, nothing answers), SIGCONT thaws it. */
  signal(signal: NodeJS.Signals): void
  /** SIGTERM, then wait for the process to exit (SIGKILL after 15 s). */
  stop(): Promise<void>
}

export interface LocalnetOptions {
  /** Extra free balances: SS58 → rao. */
  fund?: Record<string, bigint>
  /** Keep the chain's own rate limits. */
  realistic?: boolean
  /** Fork this endpoint (e.g. another localnet's) instead of starting from the chain spec. */
  fork?: string
  /** One of the runtimes the package ships (`--runtime`); default 218. */
  runtime?: 218 | 300
  /** Give up after this long (default 90 s; 180 s for spec 300). */
  timeoutMs?: number
}

export async function startLocalnet(opts: LocalnetOptions = {}): Promise<Localnet> {
  const args = ['localnet', 'start', '--port', '0', '--json']
  for (const [ss58, rao] of Object.entries(opts.fund ?? {})) args.push('--fund', `${ss58}=${formatTao(rao)}`)
  if (opts.realistic) args.push('--realistic')
  if (opts.fork) args.push('--fork', opts.fork)
  if (opts.runtime) args.push('--runtime', String(opts.runtime))
  const child = spawn(process.execPath, [taoBin, ...args], { cwd: repoRoot, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  // Never leave a node behind, even when a test file dies early.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  let stderr = ''
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)))
  let info: LocalnetInfo
  try {
    info = await firstLine(child.stdout, exited, opts.timeoutMs ?? (opts.runtime === 300 ? 180_000 : 90_000)).then((line) => {
      // The harness's own `localnet start --json` is held to the contract like every other run.
      assertJsonContract(args, { code: 0, stdout: line })
      return JSON.parse(line) as LocalnetInfo
    })
  } catch (err) {
    child.kill('SIGKILL')
    process.off('exit', killOnExit)
    throw new Error(`tao localnet start failed: ${(err as Error).message}\n${stderr}`, { cause: err })
  }
  child.stdout.resume()

  const client = new RpcClient(info.endpoint)
  return {
    endpoint: info.endpoint,
    port: info.port,
    info,
    rpc: (method, params = []) => client.call(method, params),
    setStorage: async (storage) => {
      await client.call('dev_setStorage', [storage])
    },
    newBlock: async (count = 1) => {
      await client.call('dev_newBlock', [{ count }])
    },
    signal: (signal) => {
      child.kill(signal)
    },
    stop: async () => {
      client.close()
      // A frozen node would never see the SIGTERM.
      child.kill('SIGCONT')
      process.off('exit', killOnExit)
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** The first complete line on a stream, or why there is none. */
function firstLine(stream: NodeJS.ReadableStream, exited: Promise<void>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => reject(new Error(`no endpoint within ${timeoutMs} ms`)), timeoutMs)
    const onData = (b: Buffer) => {
      buffered += b.toString()
      const end = buffered.indexOf('\n')
      if (end < 0) return
      clearTimeout(timer)
      stream.off('data', onData)
      resolve(buffered.slice(0, end))
    }
    stream.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error('the command exited before printing its endpoint'))
    })
  })
}

/** A small JSON-RPC client on one WebSocket, opened on first use. */
class RpcClient {
  private socket: Promise<WebSocket> | undefined
  private nextId = 1
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()

  constructor(private readonly url: string) {}

  async call(method: string, params: unknown[]): Promise<any> {
    const ws = await this.open()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve,
        reject: (e) => reject(new Error(`${method}: ${e.message}`)),
      })
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    })
  }

  close(): void {
    this.socket?.then((ws) => ws.close()).catch(() => undefined)
    this.socket = undefined
  }

  private open(): Promise<WebSocket> {
    this.socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url)
      ws.addEventListener('open', () => resolve(ws), { once: true })
      ws.addEventListener('error', () => reject(new Error(`cannot connect to ${this.url}`)), { once: true })
      ws.addEventListener('message', (e) => {
        const msg = JSON.parse(String(e.data))
        const waiter = this.pending.get(msg.id)
        if (!waiter) return
        this.pending.delete(msg.id)
        if (msg.error) waiter.reject(new Error(msg.error.message ?? JSON.stringify(msg.error)))
        else waiter.resolve(msg.result)
      })
      ws.addEventListener('close', () => {
        for (const w of this.pending.values()) w.reject(new Error('connection closed'))
        this.pending.clear()
        this.socket = undefined
      })
    })
    return this.socket
  }
}
