import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'
import { spec218 } from '../helpers/replay.js'
import { blockReads, decodeMetadata } from '../../src/node/index.js'
import { apiShape, callApi } from '../../src/subtensor/runtime/runtime-api.js'

const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const BOB_KEY = '8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48'

describe('runtime APIs by generation', () => {
  it('knows 218 answers in opaque bytes and 381 in typed values, from their metadata', () => {
    const v218 = spec218().meta
    const v381 = decodeMetadata(readFileSync(path.join(repoRoot, 'test/fixtures/metadata-spec381.scale')))
    for (const [api, method] of [
      ['SubnetInfoRuntimeApi', 'get_all_dynamic_info'],
      ['StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys'],
    ]) {
      expect(apiShape(v218, api!, method!)).toBe('opaque')
      expect(apiShape(v381, api!, method!)).toBe('typed')
    }
    expect(apiShape(v218, 'SubnetRegistrationRuntimeApi', 'get_network_registration_cost')).toBe('typed')
    expect(apiShape(v218, 'SubnetInfoRuntimeApi', 'get_metagraph')).toBeUndefined()
  })

  it('sends accounts to a 218 API as Vec<u8> public keys, and names the API when bytes do not decode', async () => {
    const meta = spec218().meta
    const sent: unknown[][] = []
    const reads = blockReads(
      meta,
      async <T>(_m: string, params: unknown[]) => (sent.push(params), '0x0c010203' as T),
      '0x' + '00'.repeat(32),
      1,
    )
    await expect(callApi(meta, reads, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkeys', [[BOB]], () => ({}))).resolves.toEqual({
      typed: false,
      value: {},
    })
    // Vec<Vec<u8>>: one item, a 32-byte vector (0x80 = compact 32), the public key.
    expect(sent[0]![1]).toBe(`0x0480${BOB_KEY}`)
    await expect(
      callApi(meta, reads, 'StakeInfoRuntimeApi', 'get_stake_info_for_coldkey', [BOB], () => {
        throw new Error('2 bytes left')
      }),
    ).rejects.toThrow('cannot decode StakeInfoRuntimeApi.get_stake_info_for_coldkey from this runtime (spec 218): 2 bytes left')
    expect(sent[1]![1]).toBe(`0x80${BOB_KEY}`)
  })
})
