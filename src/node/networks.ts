import { badInput } from '../core/errors.js'

/** The endpoints behind the network names users type (`--network finney`). */
export const NETWORKS = {
  finney: 'wss://entrypoint-finney.opentensor.ai:443',
  test: 'wss://test.finney.opentensor.ai:443',
  archive: 'wss://archive.chain.opentensor.ai:443',
  local: 'ws://127.0.0.1:9944',
} as const

export type NetworkName = keyof typeof NETWORKS

/** Where to connect: a known network or any ws/wss URL (`network: 'custom'`). */
export interface Endpoint {
  network: NetworkName | 'custom'
  url: string
}

export const isNetworkName = (name: string): name is NetworkName => Object.hasOwn(NETWORKS, name)

/** Resolve a network name or ws:// / wss:// URL; anything else is bad input (exit 2). */
export function resolveEndpoint(nameOrUrl: string): Endpoint {
  const value = nameOrUrl.trim()
  if (isNetworkName(value)) return { network: value, url: NETWORKS[value] }
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '')
    throw badInput(`unknown network "${value}": use ${Object.keys(NETWORKS).join(', ')} or a ws:// / wss:// URL`, 'UNKNOWN_NETWORK')
  return { network: 'custom', url: value }
}

/**
 * Whether a host name is this machine: `localhost` (and names under it), 127.0.0.0/8, ::1 (also as an IPv4-mapped
 * 127.x address). The URL parser has already normalised the forms IPv4 may take (`127.1`, `2130706433`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  // ::ffff:127.x.y.z, which the URL parser writes as ::ffff:7fxx:xxxx.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)
}

/**
 * Plain `ws://` to another machine is refused unless allowed: nothing on it is encrypted or authenticated, so
 * anyone on the way can read what is asked and change every answer (balances, the metadata a transaction is
 * built from, whether it landed). `wss://` and this machine (the localnet) are always allowed.
 */
export function checkTransport(endpoint: Endpoint, allowInsecure: boolean): void {
  const url = new URL(endpoint.url)
  if (url.protocol !== 'ws:' || allowInsecure || isLoopbackHost(url.hostname)) return
  throw badInput(
    `refusing plain ws:// to ${url.host}: the connection is not encrypted, so anyone on the way could read it and change ` +
      `what the node answers (balances, the metadata transactions are built from); use wss://, or pass --insecure ` +
      `(TAO_INSECURE=true, or \`tao config set insecure true\`) if this network is trusted`,
    'INSECURE_ENDPOINT',
  )
}

/** A short name for messages: the network name, or the URL. */
export const endpointLabel = (e: Endpoint): string => (e.network === 'custom' ? e.url : `${e.network} (${e.url})`)
