import { describe, expect, it } from 'vitest'
import { commitsOn, emptyStore, parseStore, serializeStore, storeFileName, withoutHashes, type PendingCommit } from './commit-store.js'

const HOTKEY = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const commit = (n: number, genesisHash = '0xgen'): PendingCommit => ({
  hash: '0x' + n.toString(16).padStart(64, '0'),
  genesisHash,
  uids: [0, 1],
  values: [65535, 30000],
  salt: [1, 2, 3, 4, 5, 6, 7, 8],
  versionKey: '18446744073709551615',
  createdAt: '2026-07-01T00:00:00Z',
  block: n,
})

describe('commit store format', () => {
  it('round-trips', () => {
    const store = { ...emptyStore(HOTKEY, 2), commits: [commit(1), commit(2, '0xother')] }
    expect(parseStore(serializeStore(store), HOTKEY, 2)).toEqual(store)
  })
  it('names one file per hotkey and subnet', () => {
    expect(storeFileName(HOTKEY, 2)).toBe(`${HOTKEY}-2.json`)
    expect(() => storeFileName('../x', 2)).toThrow()
    expect(() => storeFileName(HOTKEY, 70000)).toThrow()
  })
  it('filters by chain and drops revealed ones', () => {
    const store = { ...emptyStore(HOTKEY, 2), commits: [commit(1), commit(2, '0xother'), commit(3)] }
    expect(commitsOn(store, '0xgen').map((c) => c.block)).toEqual([1, 3])
    expect(withoutHashes(store, [commit(1).hash]).commits.map((c) => c.block)).toEqual([2, 3])
  })
  it.each([
    ['another hotkey', (s: any) => ({ ...s, hotkey: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty' })],
    ['another version', (s: any) => ({ ...s, version: 2 })],
    ['a salt above u16', (s: any) => ({ ...s, commits: [{ ...commit(1), salt: [70000] }] })],
    ['a bad hash', (s: any) => ({ ...s, commits: [{ ...commit(1), hash: '0x12' }] })],
    ['uids and values of different lengths', (s: any) => ({ ...s, commits: [{ ...commit(1), values: [1] }] })],
    ['a version key that is not a u64 string', (s: any) => ({ ...s, commits: [{ ...commit(1), versionKey: 5 }] })],
  ])('refuses %s', (_, change) => {
    const text = JSON.stringify(change({ ...emptyStore(HOTKEY, 2), commits: [commit(1)] }))
    expect(() => parseStore(text, HOTKEY, 2)).toThrow()
  })
})

describe('a damaged store says what is wrong without echoing it', () => {
  it.each([
    ['NUL bytes (a write cut short)', '\0'.repeat(40), /empty or holds only NUL bytes/],
    ['an empty file', '', /empty or holds only NUL bytes/],
    ['text that is not JSON', '{"version":1,\0\0', /^it is not JSON$/],
    ['JSON that is not an object', '[1,2]', /not a commit store/],
    ['a store that names no hotkey or subnet', JSON.stringify({ version: 1, commits: [] }), /^it names no hotkey and subnet$/],
    [
      'another hotkey',
      JSON.stringify({ version: 1, hotkey: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', netuid: 2, commits: [] }),
      /belongs to hotkey "5FHne.*" on subnet 2/,
    ],
    [
      'a control byte in the hotkey',
      JSON.stringify({ version: 1, hotkey: 'x\0y', netuid: 3, commits: [] }),
      /belongs to hotkey "x\\u0000y" on subnet 3/,
    ],
  ])('%s', (_, text, message) => {
    let error: Error | undefined
    try {
      parseStore(text, HOTKEY, 2)
    } catch (err) {
      error = err as Error
    }
    expect(error?.message).toMatch(message)
    expect(error?.message).not.toMatch(/undefined|\0/)
  })

  it('keeps the block a signed, unseen commit can land until', () => {
    const store = { ...emptyStore(HOTKEY, 2), commits: [{ ...commit(1), block: null, validUntil: 99 }] }
    expect(parseStore(serializeStore(store), HOTKEY, 2)).toEqual(store)
    expect(() => parseStore(serializeStore({ ...store, commits: [{ ...commit(1), validUntil: 'soon' as never }] }), HOTKEY, 2)).toThrow(
      /malformed/,
    )
  })
})
