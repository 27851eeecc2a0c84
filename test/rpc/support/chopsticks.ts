/**
 * Private stand-in for the shared localnet harness (test/helpers/localnet.ts, being written): one Chopsticks
 * node on the spec-218 genesis, on a free port, in instant block mode. Swap for the shared harness later.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const GENESIS = path.resolve(repoRoot, 'chain-specs/raonet-spec218.json')

export interface LocalChain {
  url: string
  port: number
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>
  /** Give an account free balance (rao) with dev_setStorage. */
  fund(address: string, free: bigint): Promise<void>
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/** One JSON-RPC request over its own WebSocket. */
export async function rawRpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const ws = new WebSocket(url)
  try {
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true })
      ws.addEventListener('error', () => reject(new Error(`cannot open ${url}`)), { once: true })
    })
    return await new Promise<T>((resolve, reject) => {
      ws.addEventListener('message', (e) => {
        const msg = JSON.parse(String(e.data))
        if (msg.id !== 1) return
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`))
        else resolve(msg.result as T)
      })
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))
    })
  } finally {
    ws.close()
  }
}

async function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`chopsticks exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const s = tcpConnect({ host: '127.0.0.1', port })
      s.once('connect', () => (s.destroy(), resolve(true)))
      s.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`chopsticks did not listen on ${port} within ${ms} ms`)
}

export async function startChain(): Promise<LocalChain> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(tmpdir(), 'taocli-chain-'))
  const config = path.join(dir, 'chopsticks.yml')
  writeFileSync(config, [`genesis: ${GENESIS}`, `port: ${port}`, 'host: 127.0.0.1', 'build-block-mode: Instant', ''].join('\n'))
  const bin = path.resolve(repoRoot, 'node_modules/@acala-network/chopsticks/chopsticks.cjs')
  const child = spawn(process.execPath, [bin, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } })
  // Never leave a node behind, even when a test times out or the worker exits early.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let log = ''
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-4000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  try {
    await waitForPort(port, child, 60_000)
  } catch (err) {
    child.kill('SIGKILL')
    throw new Error(`${(err as Error).message}\n${log}`)
  }
  const url = `ws://127.0.0.1:${port}`
  const rpc = <T>(method: string, params: unknown[] = []) => rawRpc<T>(url, method, params)
  return {
    url,
    port,
    rpc,
    fund: async (address, free) => {
      await rpc('dev_setStorage', [{ System: { Account: [[[address], { providers: 1, data: { free: free.toString() } }]] } }])
    },
    stop: async () => {
      process.off('exit', killOnExit)
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
