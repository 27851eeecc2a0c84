import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toHex } from '../core/hex.js'
import { decodeMetadata } from '../node/metadata.js'
import { devAccount } from '../../test/helpers/dev-accounts.js'
import { packageRoot } from './genesis.js'
import { initialState, RELAXED_NETUIDS, type StateReader } from './initial-state.js'

// Spec 381's metadata (a runtime newer than the local chain), from the shared directory beside the repository.
const FILE = path.join(packageRoot(), 'test', 'fixtures', 'metadata-spec381.scale')

describe('initial state of a localnet (metadata of spec 381)', () => {
  const meta = decodeMetadata(readFileSync(FILE))
  const alice = devAccount('Alice').ss58
  const bob = devAccount('Bob').ss58
  const account = meta.requireStorage('System', 'Account')
  const added = meta.requireStorage('SubtensorModule', 'NetworksAdded')

  // A chain where Bob already has a nonce and some reserve, and subnets 0, 1 and 300 exist.
  const bobKey = account.encodeKey(bob)
  const bobNow = { ...(account.fallback as object), nonce: 7, providers: 2, data: { ...(account.fallback as any).data, reserved: 5n } }
  const chain = new Map<string, string>([
    [bobKey, toHex(account.encodeValue(bobNow))],
    ...[0, 1, 300].map((n): [string, string] => [added.encodeKey(n), toHex(added.encodeValue(true))]),
  ])
  const reader: StateReader = {
    get: async (key) => chain.get(key),
    keys: async (prefix) => [...chain.keys()].filter((k) => k.startsWith(prefix)),
  }
  const funding = [
    { name: 'Alice', ss58: alice, rao: 10n },
    { name: 'Bob', ss58: bob, rao: 20n },
  ]
  const written = (writes: Array<[string, string]>) => new Map(writes)

  it('sets free balances, keeping what an account already has', async () => {
    const s = written((await initialState(meta, reader, { funding, sudo: alice, relax: false })).writes)
    expect(account.decodeValue(s.get(account.encodeKey(alice))!)).toMatchObject({
      nonce: 0,
      providers: 1,
      data: { free: 10n, reserved: 0n },
    })
    expect(account.decodeValue(s.get(bobKey)!)).toMatchObject({ nonce: 7, providers: 2, data: { free: 20n, reserved: 5n } })
  })

  it('makes the given account sudo', async () => {
    const r = await initialState(meta, reader, { funding, sudo: alice, relax: false })
    const key = meta.requireStorage('Sudo', 'Key')
    expect(r.sudo).toBe(alice)
    expect(key.decodeValue(written(r.writes).get(key.encodeKey())!)).toBe(alice)
  })

  it('--realistic writes no limit', async () => {
    const r = await initialState(meta, reader, { funding, sudo: alice, relax: false })
    expect(r.relaxed).toEqual([])
    expect(r.writes).toHaveLength(5) // two accounts, the sudo key, the two issuance figures
  })

  describe('issuance follows the funding', () => {
    const balancesTi = meta.requireStorage('Balances', 'TotalIssuance')
    const subtensorTi = meta.requireStorage('SubtensorModule', 'TotalIssuance')
    const stake = meta.requireStorage('SubtensorModule', 'TotalStake')
    const locked = meta.requireStorage('SubtensorModule', 'SubnetLocked')
    const readerOf = (entries: Array<[string, string]>): StateReader => {
      const m = new Map([...chain, ...entries])
      return { get: async (key) => m.get(key), keys: async (prefix) => [...m.keys()].filter((k) => k.startsWith(prefix)) }
    }
    const issuance = async (r: StateReader) => {
      const s = written((await initialState(meta, r, { funding, sudo: alice, relax: false })).writes)
      return {
        balances: balancesTi.decodeValue(s.get(balancesTi.encodeKey())!),
        subtensor: subtensorTi.decodeValue(s.get(subtensorTi.encodeKey())!),
      }
    }
    // Bob had 0 free (only a reserve): the funding mints 10 + 20 rao.
    it('both figures grow by what the funding minted', async () => {
      const r = readerOf([
        [balancesTi.encodeKey(), toHex(balancesTi.encodeValue(1000n))],
        [subtensorTi.encodeKey(), toHex(subtensorTi.encodeValue(5000n))],
      ])
      expect(await issuance(r)).toEqual({ balances: 1030n, subtensor: 5030n })
    })

    it("a SubtensorModule issuance never initialised is set as the runtime's migration does: balances + stake + locks", async () => {
      const r = readerOf([
        [balancesTi.encodeKey(), toHex(balancesTi.encodeValue(1000n))],
        [stake.encodeKey(), toHex(stake.encodeValue(7n))],
        [locked.encodeKey(1), toHex(locked.encodeValue(5n))],
        [locked.encodeKey(2), toHex(locked.encodeValue(6n))],
      ])
      expect(await issuance(r)).toEqual({ balances: 1030n, subtensor: 1030n + 7n + 11n })
    })
  })

  it('relaxed: stores explicit zeros for every limit this runtime has, per netuid where keyed by netuid', async () => {
    const r = await initialState(meta, reader, { funding, sudo: alice, relax: true })
    const s = written(r.writes)
    expect(r.relaxed).toContain('SubtensorModule.NetworkRateLimit')
    expect(r.relaxed).toContain('SubtensorModule.WeightsSetRateLimit')
    // Spec 381 calls the weights stake minimum StakeThreshold; the older name is skipped.
    expect(r.relaxed).toContain('SubtensorModule.StakeThreshold')
    expect(r.relaxed).not.toContain('SubtensorModule.WeightsMinStake')
    const limit = meta.requireStorage('SubtensorModule', 'NetworkRateLimit')
    expect(limit.decodeValue(s.get(limit.encodeKey())!)).toBe(0n)
    const weights = meta.requireStorage('SubtensorModule', 'WeightsSetRateLimit')
    for (const netuid of [0, 1, 2, RELAXED_NETUIDS - 1, 300])
      expect(weights.decodeValue(s.get(weights.encodeKey(netuid))!), `netuid ${netuid}`).toBe(0n)
    expect(s.has(weights.encodeKey(RELAXED_NETUIDS))).toBe(false)
  })
})
