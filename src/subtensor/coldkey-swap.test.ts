import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { blake2AsHex } from '@polkadot/util-crypto'
import { decodeAddress } from '@polkadot/util-crypto'
import { describe, expect, it } from 'vitest'
import { decodeMetadata, type RuntimeMetadata } from '../node/metadata.js'
import { announceStep, coldkeyHash, coldkeySwapFlow, inAbout } from './coldkey-swap.js'
import { hotkeySwapCost, txRateLimitWait } from './key-swap.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures')
const views: Record<number, RuntimeMetadata> = {}
const view = (spec: 218 | 381) =>
  (views[spec] ??= decodeMetadata(readFileSync(path.join(fixtures, spec === 218 ? 'spec218/metadata.scale' : 'metadata-spec381.scale'))))
const chainOf = (spec: 218 | 381) => ({ metadata: view(spec), hasCall: (p: string, c: string) => view(spec).call(p, c) !== undefined })
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const HASH = coldkeyHash(BOB)

describe('coldkey swap', () => {
  it('uses the flow the runtime has: spec 218 schedules, spec 381 announces (its schedule call is deprecated)', () => {
    expect(coldkeySwapFlow(chainOf(218))).toBe('schedule')
    expect(coldkeySwapFlow(chainOf(381))).toBe('announce')
    // The announcement carries the new coldkey's BlakeTwo256 hash, as the runtime's hash_of(&AccountId) makes it.
    expect(HASH).toBe(blake2AsHex(decodeAddress(BOB), 256))
    expect(() => view(381).encodeCall('SubtensorModule', 'announce_coldkey_swap', { new_coldkey_hash: HASH })).not.toThrow()
    expect(() => view(218).encodeCall('SubtensorModule', 'schedule_swap_coldkey', { new_coldkey: BOB })).not.toThrow()
  })

  it('the announcement flow: announce (charged once), too early, swap, re-announce, disputed', () => {
    const base = { landsAt: 100, newHash: HASH, announcement: null, disputed: false, delay: 50, reannounceDelay: 20 }
    expect(announceStep(base)).toEqual({ step: 'announce', executesFrom: 150, charged: true })
    const announced = { ...base, announcement: { when: 150, hash: HASH.toUpperCase().replace('0X', '0x') } }
    expect(announceStep(announced)).toMatchObject({ step: 'refuse', code: 'SWAP_TOO_EARLY' })
    expect(announceStep(announced).step === 'refuse' && (announceStep(announced) as { message: string }).message).toMatch(/from block 150/)
    expect(announceStep({ ...announced, landsAt: 150 })).toEqual({ step: 'swap' })
    const other = { ...base, announcement: { when: 150, hash: `0x${'11'.repeat(32)}` } }
    expect(announceStep({ ...other, landsAt: 169 })).toMatchObject({ step: 'refuse', code: 'SWAP_ANNOUNCED_ELSEWHERE' })
    expect(announceStep({ ...other, landsAt: 170 })).toEqual({ step: 'announce', executesFrom: 220, charged: false })
    expect(announceStep({ ...announced, landsAt: 200, disputed: true })).toMatchObject({ step: 'refuse', code: 'SWAP_DISPUTED' })
  })

  it('says roughly how long a delay is at 12 s a block', () => {
    expect(inAbout(5)).toBe('about 1 min')
    expect(inAbout(36000)).toBe('about 5.0 days')
    expect(inAbout(600)).toBe('about 2 h')
  })
})

describe('hotkey swap', () => {
  it("the cost is the runtime's constant: KeySwapCost, or KeySwapOnSubnetCost for one subnet where it has one", () => {
    expect(hotkeySwapCost({ metadata: view(218) }, false)).toBe(1_000_000_000n)
    expect(hotkeySwapCost({ metadata: view(218) }, true)).toBe(1_000_000_000n)
    expect(hotkeySwapCost({ metadata: view(381) }, true)).toBe(1_000_000n)
    expect(
      view(381)
        .call('SubtensorModule', 'swap_hotkey')!
        .args.map((a) => a.name),
    ).toEqual(['hotkey', 'new_hotkey', 'netuid'])
  })

  it("waits out the coldkey's transaction rate limit as the runtime counts it", () => {
    expect(txRateLimitWait(0n, 90n, 100n)).toBe(0n)
    expect(txRateLimitWait(10n, 0n, 100n)).toBe(0n)
    expect(txRateLimitWait(10n, 90n, 100n)).toBe(1n) // 100 − 90 ≤ 10: refused at 100, allowed at 101
    expect(txRateLimitWait(10n, 89n, 100n)).toBe(0n)
    expect(txRateLimitWait(10n, 120n, 100n)).toBe(0n) // a block from the future (a chain clone): not limited
  })
})
