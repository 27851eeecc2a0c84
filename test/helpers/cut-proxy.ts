/**
 * A TCP proxy (127.0.0.1 only) between a WebSocket client and a node that can cut every connection at the
 * moment a chosen JSON-RPC method passes: right after forwarding it (the node got it, the client never hears
 * back) or instead of forwarding it (the node never got it). New connections afterwards pass normally, so a
 * client can reconnect. It reads the client's frames (masked, uncompressed: the proxy strips the
 * permessage-deflate offer from the handshake).
 */
import { createServer, connect as tcpConnect, type Socket } from 'node:net'

export type CutMode = 'after-forward' | 'instead-of-forward'

export interface CutProxy {
  url: string
  /** Cut at the next message whose text contains `method`. */
  arm(method: string, mode: CutMode): void
  /** Resolves when an armed cut has happened. */
  cut(): Promise<void>
  close(): Promise<void>
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const live = new Set<Socket>()
  let armed: { method: string; mode: CutMode } | undefined
  let onCut: () => void = () => undefined
  let cutDone = Promise.resolve()

  const cutAll = () => {
    for (const s of live) s.destroy()
    live.clear()
    onCut()
  }

  const server = createServer((client) => {
    const upstream = tcpConnect({ host: '127.0.0.1', port: targetPort })
    live.add(client)
    live.add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      live.delete(client)
      live.delete(upstream)
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
    upstream.on('data', (b) => client.write(b))

    let handshake = true
    let buf = Buffer.alloc(0)
    client.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk])
      if (handshake) {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buf
          .subarray(0, end)
          .toString('latin1')
          .split('\r\n')
          .filter((l) => !/^sec-websocket-extensions:/i.test(l))
          .join('\r\n')
        upstream.write(Buffer.concat([Buffer.from(head + '\r\n\r\n', 'latin1')]))
        buf = buf.subarray(end + 4)
        handshake = false
      }
      for (;;) {
        const frame = nextFrame(buf)
        if (!frame) return
        buf = buf.subarray(frame.raw.length)
        const trigger = armed && frame.text?.includes(`"${armed.method}"`)
        if (!trigger) {
          upstream.write(frame.raw)
          continue
        }
        const mode = armed!.mode
        armed = undefined
        if (mode === 'instead-of-forward') return cutAll()
        // Let the bytes reach the node, then cut before any answer can come back.
        upstream.write(frame.raw, () => setTimeout(cutAll, 20))
        client.pause()
        return
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${port}`,
    arm(method, mode) {
      armed = { method, mode }
      cutDone = new Promise<void>((resolve) => {
        onCut = resolve
      })
    },
    cut: () => cutDone,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of live) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** One complete WebSocket frame at the start of buf (client frames are masked), or undefined. */
function nextFrame(buf: Buffer): { raw: Buffer; text?: string } | undefined {
  if (buf.length < 2) return undefined
  const opcode = buf[0]! & 0x0f
  const masked = (buf[1]! & 0x80) !== 0
  let len = buf[1]! & 0x7f
  let off = 2
  if (len === 126) {
    if (buf.length < 4) return undefined
    len = buf.readUInt16BE(2)
    off = 4
  } else if (len === 127) {
    if (buf.length < 10) return undefined
    len = Number(buf.readBigUInt64BE(2))
    off = 10
  }
  const mask = masked ? buf.subarray(off, off + 4) : undefined
  if (masked) off += 4
  if (buf.length < off + len) return undefined
  const raw = buf.subarray(0, off + len)
  if (opcode !== 1) return { raw }
  const payload = Buffer.from(buf.subarray(off, off + len))
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i & 3]!
  return { raw, text: payload.toString('utf8') }
}
