/**
 * A plain TCP forwarder to the local chain, listening on another address of this machine (its first non-loopback
 * IPv4, if it has one): the chain then looks like a node on the network (`ws://192.0.2.2:PORT`), which is what the
 * ws:// rule is about. Counts the connections it was asked for.
 */
import { createServer, connect as tcpConnect, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'

export interface Forwarder {
  url: string
  /** Connections accepted so far. */
  connections: number
  close(): Promise<void>
}

/** This machine's first IPv4 address that is not loopback, or undefined. */
export function externalAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces()))
    for (const a of entries ?? []) if (a.family === 'IPv4' && !a.internal) return a.address
  return undefined
}

export async function startForwarder(host: string, targetPort: number): Promise<Forwarder> {
  const live = new Set<Socket>()
  const f = { connections: 0 } as Forwarder
  const server = createServer((client) => {
    f.connections++
    const upstream = tcpConnect({ host: '127.0.0.1', port: targetPort })
    for (const s of [client, upstream]) {
      live.add(s)
      s.on('error', () => undefined)
      s.on('close', () => {
        client.destroy()
        upstream.destroy()
        live.delete(s)
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  const port = (server.address() as { port: number }).port
  f.url = `ws://${host}:${port}`
  f.close = () =>
    new Promise<void>((resolve) => {
      for (const s of live) s.destroy()
      server.close(() => resolve())
    })
  return f
}
