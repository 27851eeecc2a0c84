import { describe, expect, it } from 'vitest'
import { toJsonSafe, toPlain } from './json.js'

describe('toJsonSafe / toPlain', () => {
  const value = { a: 1n, b: new Uint8Array([1, 255]), c: [{ d: undefined, e: 'x' }], f: null, g: true }
  it('makes bigint strings and bytes hex, recursively', () => {
    expect(toJsonSafe(value)).toEqual({ a: '1', b: '0x01ff', c: [{ d: null, e: 'x' }], f: null, g: true })
    expect(JSON.parse(JSON.stringify(toJsonSafe(value)))).toEqual(toJsonSafe(value))
  })
  it('toPlain keeps bigint', () => {
    expect(toPlain(value)).toEqual({ a: 1n, b: '0x01ff', c: [{ d: undefined, e: 'x' }], f: null, g: true })
  })
})
