import { describe, expect, it } from 'vitest'
import { ExitCode } from '../core/errors.js'
import { checkTransport, endpointLabel, isLoopbackHost, NETWORKS, resolveEndpoint } from './networks.js'

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

describe('plain ws:// to another machine', () => {
  it.each(['localhost', 'LOCALHOST', 'node.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '[::ffff:7f00:1]'])(
    '%s is this machine',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true)
    },
  )

  it.each(['10.0.0.5', '192.0.2.2', '128.0.0.1', 'node.example.org', 'localhost.example.org', '[fd00::2]', '[::ffff:a00:5]', '0.0.0.0'])(
    '%s is not',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
    },
  )

  it('is refused unless allowed, saying why; wss:// anywhere and ws:// to this machine (local) always pass', () => {
    expect(() => checkTransport(resolveEndpoint('ws://10.0.0.5:9944'), false)).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.BadInput,
        code: 'INSECURE_ENDPOINT',
        message: expect.stringMatching(
          /^refusing plain ws:\/\/ to 10\.0\.0\.5:9944: the connection is not encrypted, .*; use wss:\/\/, or pass --insecure/,
        ),
      }),
    )
    expect(() => checkTransport(resolveEndpoint('ws://10.0.0.5:9944'), true)).not.toThrow()
    for (const ok of [
      'local',
      'finney',
      'wss://node.example.org',
      'ws://127.0.0.1:9944',
      'ws://localhost:9944',
      'ws://[::1]:9944',
      'ws://127.1:9944',
      'ws://2130706434:9944',
    ])
      expect(() => checkTransport(resolveEndpoint(ok), false), ok).not.toThrow()
    // The URL parser's other spellings of an address do not slip past the rule.
    for (const bad of ['ws://167772165:9944', 'ws://0x0a000005:9944', 'ws://[fd00::2]:9944'])
      expect(() => checkTransport(resolveEndpoint(bad), false), bad).toThrow(expect.objectContaining({ code: 'INSECURE_ENDPOINT' }))
  })
})
