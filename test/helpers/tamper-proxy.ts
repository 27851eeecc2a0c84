/**
 * A lying endpoint for tests: a TCP proxy (127.0.0.1 only) in front of an honest node that passes everything
 * through, except the runtime metadata in the node's answers, which it rewrites with the call indices of two
 * calls swapped (same argument shapes, so everything still decodes and builds): the attack where a node makes a
 * wallet show one call and sign another. It finds metadata wherever a node serves it: `state_getMetadata`,
 * `state_call` of `Metadata_metadata*` (the result of a legacy request), and `chainHead_v1_call` (the output of an
 * `operationCallDone` follow event), in all three SCALE wrappings (bare, `Vec<u8>`, `Option<Vec<u8>>`). Client
 * frames pass untouched (the permessage-deflate offer is stripped from the handshake, so the node's frames come
 * uncompressed and can be read).
 *
 *     const proxy = await startTamperProxy(net.port, { pallet: 'SubtensorModule', swap: ['add_stake', 'remove_stake'] })
 *     …  runTao(['stake', 'add', '--network', proxy.url, …])
 *     proxy.tampered  // how many metadata answers it rewrote
 */
import { createServer, connect as tcpConnect, type Socket } from 'node:net'
import { metadata as metadataCodec } from '@polkadot-api/substrate-bindings'

export interface TamperOptions {
  pallet: string
  /** The two calls whose indices are swapped. */
  swap: [string, string]
}

export interface TamperProxy {
  url: string
  /** Metadata answers rewritten so far. */
  readonly tampered: number
  close(): Promise<void>
}

export async function startTamperProxy(targetPort: number, opts: TamperOptions): Promise<TamperProxy> {
  const live = new Set<Socket>()
  let tampered = 0
  const rewrite = (hex: string): string => {
    const out = tamperHex(hex, opts)
    if (out !== hex) tampered++
    return out
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
    for (const s of [client, upstream]) {
      s.on('error', drop)
      s.on('close', drop)
    }

    let handshake = true
    let fromClient = Buffer.alloc(0)
    client.on('data', (chunk: Buffer) => {
      if (!handshake) return void upstream.write(chunk)
      fromClient = Buffer.concat([fromClient, chunk])
      const end = fromClient.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = fromClient
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n')
        .filter((l) => !/^sec-websocket-extensions:/i.test(l))
        .join('\r\n')
      upstream.write(Buffer.concat([Buffer.from(head + '\r\n\r\n', 'latin1'), fromClient.subarray(end + 4)]))
      handshake = false
    })

    let upgraded = false
    let fromNode = Buffer.alloc(0)
    upstream.on('data', (chunk: Buffer) => {
      fromNode = Buffer.concat([fromNode, chunk])
      if (!upgraded) {
        const end = fromNode.indexOf('\r\n\r\n')
        if (end < 0) return
        client.write(fromNode.subarray(0, end + 4))
        fromNode = fromNode.subarray(end + 4)
        upgraded = true
      }
      for (;;) {
        const frame = serverFrame(fromNode)
        if (!frame) return
        fromNode = fromNode.subarray(frame.raw.length)
        client.write(frame.text === undefined ? frame.raw : textFrame(rewriteMessage(frame.text, rewrite)))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${port}`,
    get tampered() {
      return tampered
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of live) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A JSON-RPC message with every metadata-bearing hex string passed through `rewrite`. */
function rewriteMessage(text: string, rewrite: (hex: string) => string): string {
  let msg: any
  try {
    msg = JSON.parse(text)
  } catch {
    return text
  }
  if (typeof msg.result === 'string') msg.result = rewrite(msg.result)
  const event = msg.params?.result
  if (event && typeof event.output === 'string') event.output = rewrite(event.output)
  return JSON.stringify(msg)
}

const META = [0x6d, 0x65, 0x74, 0x61]

/** SCALE compact: [value, bytes used]. */
function compact(b: Buffer, at: number): [number, number] {
  const mode = b[at]! & 3
  if (mode === 0) return [b[at]! >> 2, 1]
  if (mode === 1) return [b.readUInt16LE(at) >> 2, 2]
  if (mode === 2) return [b.readUInt32LE(at) >>> 2, 4]
  return [-1, 0]
}

function encodeCompact(n: number): Buffer {
  if (n < 1 << 6) return Buffer.from([n << 2])
  if (n < 1 << 14) {
    const b = Buffer.alloc(2)
    b.writeUInt16LE((n << 2) | 1)
    return b
  }
  const b = Buffer.alloc(4)
  b.writeUInt32LE(((n << 2) | 2) >>> 0)
  return b
}

const isMeta = (b: Buffer, at: number) => META.every((m, i) => b[at + i] === m)

/** The hex with the metadata inside rewritten, or the same hex when it holds no metadata. */
export function tamperHex(hex: string, opts: TamperOptions): string {
  if (!/^0x[0-9a-fA-F]+$/.test(hex) || hex.length < 20) return hex
  const b = Buffer.from(hex.slice(2), 'hex')
  const out = (prefix: Buffer, body: Buffer, lengthPrefixed: boolean) => {
    // Bytes that only look like metadata (a storage value that starts with "meta") pass unchanged.
    if (![14, 15, 16].includes(body[4]!)) return hex
    let swapped: Buffer
    try {
      swapped = swapCalls(body, opts)
    } catch {
      return hex
    }
    return `0x${Buffer.concat([prefix, lengthPrefixed ? encodeCompact(swapped.length) : Buffer.alloc(0), swapped]).toString('hex')}`
  }
  // Bare metadata; Option<Vec<u8>> (Metadata_metadata_at_version); Vec<u8> (Metadata_metadata).
  if (isMeta(b, 0)) return out(Buffer.alloc(0), b, false)
  if (b[0] === 1) {
    const [len, used] = compact(b, 1)
    if (isMeta(b, 1 + used)) return out(Buffer.from([1]), b.subarray(1 + used, 1 + used + len), true)
  }
  const [len, used] = compact(b, 0)
  if (used > 0 && isMeta(b, used)) return out(Buffer.alloc(0), b.subarray(used, used + len), true)
  return hex
}

/** The metadata with the two calls' indices exchanged. */
function swapCalls(raw: Buffer, opts: TamperOptions): Buffer {
  // A fresh copy: the decoder reads the whole underlying buffer, not a view's window of it.
  const decoded = metadataCodec.dec(new Uint8Array(raw)) as any
  const m = decoded.metadata.value
  const pallet = m.pallets.find((p: any) => p.name === opts.pallet)
  if (!pallet?.calls) throw new Error(`no ${opts.pallet} calls in the metadata`)
  const callType = typeof pallet.calls === 'number' ? pallet.calls : pallet.calls.type
  const variants = m.lookup.find((t: any) => t.id === callType).def.value as Array<{ name: string; index: number }>
  const [a, b] = opts.swap.map((name) => variants.find((v) => v.name === name))
  if (!a || !b) throw new Error(`no ${opts.swap.join(' / ')} in ${opts.pallet}`)
  ;[a.index, b.index] = [b.index, a.index]
  return Buffer.from(metadataCodec.enc(decoded))
}

/** One complete frame from the node (unmasked) at the start of buf, with its text when it is a whole text frame. */
function serverFrame(buf: Buffer): { raw: Buffer; text?: string } | undefined {
  if (buf.length < 2) return undefined
  const fin = (buf[0]! & 0x80) !== 0
  const opcode = buf[0]! & 0x0f
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
  if (buf.length < off + len) return undefined
  const raw = buf.subarray(0, off + len)
  return fin && opcode === 1 ? { raw, text: buf.subarray(off, off + len).toString('utf8') } : { raw }
}

/** A final, unmasked text frame. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  let head: Buffer
  if (payload.length < 126) head = Buffer.from([0x81, payload.length])
  else if (payload.length < 65536) {
    head = Buffer.from([0x81, 126, 0, 0])
    head.writeUInt16BE(payload.length, 2)
  } else {
    head = Buffer.alloc(10)
    head[0] = 0x81
    head[1] = 127
    head.writeBigUInt64BE(BigInt(payload.length), 2)
  }
  return Buffer.concat([head, payload])
}
