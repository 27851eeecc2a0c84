/**
 * The local runtime (spec 218), its metadata fetched from a Chopsticks node as v15 (what the client uses)
 * and as v14 (no runtime API list), through the same checks as the newer spec 381.
 */
import { Bytes, Option } from '@polkadot-api/substrate-bindings'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromHex } from '../../src/core/hex.js'
import { decodeMetadata, type RuntimeMetadata } from '../../src/node/metadata.js'
import { startChain, type LocalChain } from '../rpc/support/chopsticks.js'
import { compatChecks } from './compat-checks.js'

let local: LocalChain
const metadata: Record<number, RuntimeMetadata> = {}

beforeAll(async () => {
  local = await startChain()
  const v15 = await local.rpc<string>('state_call', ['Metadata_metadata_at_version', '0x0f000000'])
  metadata[15] = decodeMetadata(Option(Bytes()).dec(fromHex(v15))!)
  const v14 = await local.rpc<string>('state_call', ['Metadata_metadata', '0x'])
  metadata[14] = decodeMetadata(Bytes().dec(fromHex(v14)))
})
afterAll(() => local?.stop())

describe('metadata v15 from the local node, spec 218', () => {
  it('is v15', () => expect(metadata[15]!.version).toBe(15))
  compatChecks(() => metadata[15]!, 218)
})

describe('metadata v14 from the local node, spec 218', () => {
  compatChecks(() => metadata[14]!, 218)
  it('is v14 and says why runtime APIs are missing', () => {
    expect(metadata[14]!.version).toBe(14)
    expect(() => metadata[14]!.requireRuntimeApi('SubnetInfoRuntimeApi', 'get_subnet_info')).toThrow(
      'runtime API SubnetInfoRuntimeApi.get_subnet_info is not in this runtime (spec 218) (metadata v14 lists no runtime APIs)',
    )
  })
})
