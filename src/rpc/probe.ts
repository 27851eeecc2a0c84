import { connect as tcpConnect } from 'node:net'

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
}

/**
 * Why a WebSocket endpoint cannot be reached, in a few words, by trying a plain TCP connection
 * (the WebSocket error events of Node carry no reason). Bounded by `ms`.
 */
export function probeEndpoint(url: string, ms = 1500): Promise<string> {
  let host: string
  let port: number
  try {
    const u = new URL(url)
    host = u.hostname.replace(/^\[|\]$/g, '')
    port = u.port ? Number(u.port) : u.protocol === 'wss:' ? 443 : 80
  } catch {
    return Promise.resolve('bad URL')
  }
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port })
    const done = (why: string) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(why)
    }
    const timer = setTimeout(() => done('no answer'), ms)
    socket.once('connect', () => done('the port is open but no WebSocket answer came'))
    socket.once('error', (err: NodeJS.ErrnoException) => done(WORDS[err.code ?? ''] ?? err.code ?? err.message))
  })
}
