import { describe, expect, it } from 'vitest'
import { keypairFromUri } from '../../keystore/keys.js'
import { toHex } from '../../core/hex.js'
import {
  commitHash,
  commitPreimage,
  epochRevealTiming,
  legacyEpoch,
  legacyRevealTiming,
  legacyRevealWindow,
  randomSalt,
} from './commit-reveal.js'

describe('commit hash', () => {
  // operator-surface.md §4, checked on a spec-218 chain: //Alice, netuid 2, uids [0,1], values [65535,30000], salt [1..8], version key 0.
  const payload = {
    publicKey: keypairFromUri('//Alice').publicKey,
    netuidIndex: 2,
    uids: [0, 1],
    values: [65535, 30000],
    salt: [1, 2, 3, 4, 5, 6, 7, 8],
    versionKey: 0n,
  }
  it('SCALE-encodes (AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)', () => {
    const hex = toHex(commitPreimage(payload))
    expect(hex.startsWith('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d')).toBe(true)
    expect(hex.slice(66)).toBe(
      '0200' + '08' + '0000' + '0100' + '08' + 'ffff' + '3075' + '20' + '0100020003000400050006000700' + '0800' + '0000000000000000',
    )
  })
  it('matches the test vector', () => {
    expect(commitHash(payload)).toBe('0x017d537cd75f4b3e1eb25bbeb34a548896e51f6929aa6228bac569663ea28ff7')
  })
  it('changes with every field', () => {
    const h = commitHash(payload)
    expect(commitHash({ ...payload, versionKey: 1n })).not.toBe(h)
    expect(commitHash({ ...payload, salt: [1, 2, 3, 4, 5, 6, 7, 9] })).not.toBe(h)
    expect(commitHash({ ...payload, netuidIndex: 3 })).not.toBe(h)
  })
  it('salts are 8 random u16 values', () => {
    const a = randomSalt()
    expect(a).toHaveLength(8)
    expect(a.every((n) => Number.isInteger(n) && n >= 0 && n <= 65535)).toBe(true)
    expect(randomSalt()).not.toEqual(a)
  })
})

describe('reveal windows', () => {
  it('legacy: the epoch of the commit block plus the reveal period, as seen on spec 218', () => {
    // The §4 run: tempo 10, period 1, netuid 2, commit at block 15 → reveals at 16 and 18 were too early, 20 worked.
    expect(legacyEpoch(15, 2, 10)).toBe(1)
    const w = legacyRevealWindow(15, 2, 10, 1)
    expect(w).toEqual({ firstBlock: 19, lastBlock: 29 })
    expect(legacyRevealTiming(w, 16)).toEqual({ state: 'early', opensAt: 19 })
    expect(legacyRevealTiming(w, 18)).toEqual({ state: 'early', opensAt: 19 })
    expect(legacyRevealTiming(w, 19)).toEqual({ state: 'open' })
    expect(legacyRevealTiming(w, 20)).toEqual({ state: 'open' })
    expect(legacyRevealTiming(w, 29)).toEqual({ state: 'open' })
    expect(legacyRevealTiming(w, 30)).toEqual({ state: 'expired' })
    // Every block of the window is in the reveal epoch, the ones around it are not.
    for (let b = w.firstBlock; b <= w.lastBlock; b++) expect(legacyEpoch(b, 2, 10)).toBe(2)
    expect(legacyEpoch(w.firstBlock - 1, 2, 10)).toBe(1)
    expect(legacyEpoch(w.lastBlock + 1, 2, 10)).toBe(3)
  })
  it('legacy: longer periods and tempo 0', () => {
    expect(legacyRevealWindow(100, 1, 360, 3)).toEqual({ firstBlock: 1081, lastBlock: 1441 })
    expect(legacyRevealWindow(7, 0, 0, 1)).toEqual({ firstBlock: 8, lastBlock: 8 }) // every block is an epoch
  })
  it('epoch counter: open exactly in commit epoch + period', () => {
    expect(epochRevealTiming(10n, 1n, 10n, 500)).toEqual({ state: 'early', opensAt: 500, epochsToGo: 1 })
    expect(epochRevealTiming(10n, 2n, 10n, 500)).toEqual({ state: 'early', opensAt: null, epochsToGo: 2 })
    expect(epochRevealTiming(10n, 1n, 11n, 500)).toEqual({ state: 'open' })
    expect(epochRevealTiming(10n, 1n, 12n, null)).toEqual({ state: 'expired' })
  })
})
