/**
 * The local chain for the node-client tests, behind the small interface they were written against: the
 * shared harness (`tao localnet start`, test/helpers/localnet.ts), which also makes sure the chain has
 * built its first block (Chopsticks now and then fails to when it starts from genesis).
 */
import { createServer } from 'node:net'
import { startLocalnet } from '../../helpers/localnet.js'

export interface LocalChain {
  url: string
  port: number
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>
  /** Give an account free balance (rao) with dev_setStorage. */
  fund(address: string, free: bigint): Promise<void>
  stop(): Promise<void>
}

/** A TCP port nothing listens on (free a moment ago). */
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

export async function startChain(): Promise<LocalChain> {
  const net = await startLocalnet()
  return {
    url: net.endpoint,
    port: net.port,
    rpc: (method, params) => net.rpc(method, params),
    fund: (address, free) => net.setStorage({ System: { Account: [[[address], { providers: 1, data: { free: free.toString() } }]] } }),
    stop: () => net.stop(),
  }
}
