import { randomBytes } from 'node:crypto'
import { isIP, connect as tcpConnect, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
}

/** Socket errors that will not change within a connect deadline. */
const DEFINITE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND'])

export interface ProbeResult {
  /** A few words: `connection refused`, `it answers HTTP 404, not WebSocket`, `no answer`. */
  why: string
  /** True when waiting longer cannot help (a refused port, an unknown host, something that is not a WebSocket server). */
  definite: boolean
}

/**
 * Why a WebSocket endpoint cannot be reached, in a few words, by opening the connection by hand and asking for
 * the WebSocket upgrade (Node's WebSocket error events carry no reason): a closed port, an unknown host, a
 * server that answers plain HTTP or something else entirely. Bounded by `ms`.
 */
export function probeEndpoint(url: string, ms = 1500): Promise<ProbeResult> {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return Promise.resolve({ why: 'bad URL', definite: true })
  }
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const secure = u.protocol === 'wss:' || u.protocol === 'https:'
  const port = u.port ? Number(u.port) : secure ? 443 : 80
  return new Promise((resolve) => {
    let answer = ''
    const done = (why: string, definite: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ why, definite })
    }
    const timer = setTimeout(() => done(answer ? 'an incomplete answer came' : 'the port is open but no WebSocket answer came', false), ms)
    const ask = () =>
      socket.write(
        `GET ${u.pathname || '/'}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    // SNI names a host, never an address (RFC 6066; Node warns, DEP0123, where it is given one).
    const socket: Socket = secure
      ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) }, ask)
      : tcpConnect({ host, port }, ask)
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
      const end = answer.indexOf('\r\n')
      if (end < 0 && answer.length < 64) return
      done(...classify(answer.slice(0, end < 0 ? 64 : end)))
    })
    socket.once('end', () => done(answer ? classify(answer)[0] : 'the server closed the connection without answering', false))
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? ''
      if (WORDS[code]) return done(WORDS[code]!, DEFINITE_CODES.has(code))
      // A TLS failure on wss:// (the port speaks plain text, or a bad certificate) will not fix itself either.
      if (secure && (/SSL|TLS|CERT/i.test(code) || /ssl|tls|certificate/i.test(err.message)))
        return done(`TLS failed: ${err.message.split('\n')[0]}`, true)
      done(code || err.message, false)
    })
  })
}

/** The first line of the server's answer to the upgrade request. */
function classify(statusLine: string): [string, boolean] {
  const http = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)
  if (!http) return ['the port answers, but not with HTTP or WebSocket', true]
  const status = Number(http[1])
  if (status === 101) return ['it accepts WebSocket connections, but the node did not answer', false]
  // 429 / 503 are a busy node, not a wrong address.
  if (status === 429 || status === 503) return [`it answers HTTP ${status} (busy)`, false]
  return [`it answers HTTP ${status}, not WebSocket: is this the node's WebSocket port?`, true]
}
