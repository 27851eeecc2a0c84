import { readFileSync } from 'node:fs'
import { Blake2128Concat, Twox128 } from '@polkadot-api/substrate-bindings'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex } from '../core/hex.js'
import { parseAddress } from '../core/ss58.js'
import { DEV_ADDRESSES } from './dev-addresses.js'
import { bundledRuntime } from './genesis.js'
import { specCode, withRuntimeCode, type RawChainSpec } from './upgrade-genesis.js'

const key = (pallet: string, item: string) => toHex(new Uint8Array([...Twox128(Buffer.from(pallet)), ...Twox128(Buffer.from(item))]))

describe('withRuntimeCode', () => {
  const files = bundledRuntime(300)
  const base = JSON.parse(readFileSync(files.location, 'utf8')) as RawChainSpec
  const code = new Uint8Array(readFileSync((files as { code: string }).code))
  const spec = withRuntimeCode(base, code)

  it('the shipped files are the ones chain-specs/README.md names', () => {
    expect(createHash('sha256').update(code).digest('hex')).toBe('226ea7448ad6d768ac06709c816823d59d70633690abb60bc8bf575013a23875')
  })

  it('puts the code in :code, makes Alice the one Aura authority and funds her; nothing else changes', () => {
    const alice = parseAddress(DEV_ADDRESSES.Alice)
    expect(specCode(spec)).toEqual(code)
    expect(spec.genesis.raw.top[key('Aura', 'Authorities')]).toBe(toHex(new Uint8Array([4, ...alice])))
    const account = spec.genesis.raw.top[key('System', 'Account') + toHex(Blake2128Concat(alice)).slice(2)]
    expect(fromHex(account!).length).toBe(16 + 64)
    const changed = Object.keys(spec.genesis.raw.top).filter((k) => spec.genesis.raw.top[k] !== base.genesis.raw.top[k])
    expect(changed).toHaveLength(3)
    expect(specCode(base)).not.toEqual(code)
  })
})
