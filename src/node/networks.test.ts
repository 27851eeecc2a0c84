import { describe, expect, it } from 'vitest'
import { ExitCode } from '../core/errors.js'
import { endpointLabel, NETWORKS, resolveEndpoint } from './networks.js'

describe('resolveEndpoint', () => {
  it('maps the network names to their endpoints', () => {
    expect(resolveEndpoint('finney')).toEqual({ network: 'finney', url: 'wss://entrypoint-finney.opentensor.ai:443' })
    expect(resolveEndpoint('test').url).toBe('wss://test.finney.opentensor.ai:443')
    expect(resolveEndpoint('archive').url).toBe('wss://archive.chain.opentensor.ai:443')
    expect(resolveEndpoint(' local ').url).toBe('ws://127.0.0.1:9944')
    expect(Object.keys(NETWORKS)).toEqual(['finney', 'test', 'archive', 'local'])
  })

  it('accepts any ws:// or wss:// URL', () => {
    expect(resolveEndpoint('ws://10.0.0.5:9944')).toEqual({ network: 'custom', url: 'ws://10.0.0.5:9944' })
    expect(resolveEndpoint('wss://node.example.org/rpc').network).toBe('custom')
  })

  it.each(['mainnet', 'http://127.0.0.1:9944', 'ws://', '', 'constructor', 'toString'])('rejects %j as bad input', (value) => {
    expect(() => resolveEndpoint(value)).toThrow(expect.objectContaining({ exitCode: ExitCode.BadInput, code: 'UNKNOWN_NETWORK' }))
  })

  it('labels endpoints for messages', () => {
    expect(endpointLabel(resolveEndpoint('finney'))).toBe('finney (wss://entrypoint-finney.opentensor.ai:443)')
    expect(endpointLabel(resolveEndpoint('ws://h:1'))).toBe('ws://h:1')
  })
})
