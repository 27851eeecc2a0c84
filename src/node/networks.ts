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
    throw badInput(
      `unknown network "${value}": use ${Object.keys(NETWORKS).join(', ')} or a ws:// / wss:// URL`,
      'UNKNOWN_NETWORK',
    )
  return { network: 'custom', url: value }
}

/** A short name for messages: the network name, or the URL. */
export const endpointLabel = (e: Endpoint): string => (e.network === 'custom' ? e.url : `${e.network} (${e.url})`)
