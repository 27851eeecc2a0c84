import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTao } from '../core/amount.js'
import { TaoError } from '../core/errors.js'
import { resolveWallet } from '../wallet/selection.js'
import {
  parseAmount,
  parseDecimalNumber,
  parseFraction,
  parseFundEntry,
  parseHash,
  parseInteger,
  parseList,
  parseSetting,
  parseSs58,
  parseTolerance,
  parseUids,
  parseWeights,
  parseWhole,
  withoutExponent,
} from './parse.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
// The same key with the Polkadot prefix (0).
const ALICE_DOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'
const ROOT = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV'

function refusal(fn: () => unknown): TaoError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(TaoError)
    expect((e as TaoError).exitCode).toBe(2)
    return e as TaoError
  }
  throw new Error('expected a refusal')
}

async function asyncRefusal(fn: () => Promise<unknown>): Promise<TaoError> {
  const e = await fn().then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(TaoError)
  expect((e as TaoError).exitCode).toBe(2)
  return e as TaoError
}

describe('amounts', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['0.5', 500_000_000n],
    ['.25', 250_000_000n],
    ['1.', 1_000_000_000n],
    ['1.000000001', 1_000_000_001n],
    ['0.000000001', 1n],
    [' 21000000 ', 21_000_000_000_000_000n],
    ['123456789012345678901234567890', 123456789012345678901234567890n * 1_000_000_000n],
  ])('%j', (text, rao) => expect(parseAmount(text)).toBe(rao))

  it.each(['', '-1', '1e3', '1,5', '1.0000000001', '0x10', 'abc', '1 2', '+1', 'NaN', 'Infinity', '.', '0', '0.000'])(
    'refuses %j with exit 2',
    (text) => {
      refusal(() => parseAmount(text))
    },
  )

  it('allows zero only when asked', () => expect(parseAmount('0', 'tip', { allowZero: true })).toBe(0n))

  it('says what is wrong, naming the unit', () => {
    expect(refusal(() => parseAmount('-1', '--amount')).message).toBe('--amount cannot be negative: "-1"')
    expect(refusal(() => parseAmount('lots', '--amount', { unit: 'alpha' })).message).toBe(
      '--amount must be a plain decimal number of alpha like 1.5, not "lots"',
    )
    expect(refusal(() => parseAmount('1.0000000001', '--amount')).message).toMatch(/more than 9 decimals/)
  })

  it('refuses an exponent naming the plain number, never as "not a number"', () => {
    expect(refusal(() => parseAmount('1e3', '--amount')).message).toBe(
      '--amount must be a plain decimal number of TAO like 1.5, not "1e3" (write it without an exponent: 1000)',
    )
    expect(refusal(() => parseAmount('2.5E-2', '--amount')).message).toMatch(/without an exponent: 0\.025\)$/)
    expect(refusal(() => parseAmount('1e-300', '--amount')).message).toMatch(/not "1e-300" \(write it without an exponent\)$/)
  })

  it('round-trips with formatTao for every positive amount', () =>
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), (rao) => parseAmount(formatTao(rao)) === rao)))
})

describe('exponent notation, written out', () => {
  it.each([
    ['1e3', '1000'],
    ['1E+3', '1000'],
    ['2.5e-2', '0.025'],
    ['.5e1', '5'],
    ['12.50e-1', '1.25'],
    ['1e0', '1'],
    ['0e5', '0'],
    ['1e-300', ''],
    ['1e300', ''],
  ])('%j → %j', (text, plain) => expect(withoutExponent(text)).toBe(plain))
  it.each(['1', 'e3', '1e', 'abc', '-1e3'])('%j is not exponent notation', (text) => expect(withoutExponent(text)).toBeUndefined())
})

describe('fractions and percentages, the same wherever a fraction is taken', () => {
  it('takes 0.09 and 9% alike, exactly', () => {
    expect(parseFraction('0.09', '--take')).toEqual({ num: 9n, den: 100n })
    expect(parseFraction(' 9% ', '--take')).toEqual({ num: 9n, den: 100n })
    expect(parseFraction('100%', '--take')).toEqual({ num: 100n, den: 100n })
    expect(parseFraction('.25', 'proportion')).toEqual({ num: 25n, den: 100n })
    expect(parseFraction('0.5 %', 'proportion')).toEqual({ num: 5n, den: 1000n })
  })

  it.each(['1.01', '101%', '-0.1', '1e-2', 'half', '', '%', '5%%'])('refuses %j', (text) =>
    expect(refusal(() => parseFraction(text, '--take')).message).toMatch(/between 0 and 1|--take is empty|cannot be negative/),
  )

  it('names the plain number of an exponent', () =>
    expect(refusal(() => parseFraction('1e-2', '--take')).message).toMatch(/without an exponent: 0\.01\)$/))
})

describe('tolerance (parts per 1e9, below 1)', () => {
  it.each([
    ['0.005', 5_000_000n],
    ['0.5%', 5_000_000n],
    ['0', 0n],
    ['.1', 100_000_000n],
    ['12.5%', 125_000_000n],
    ['0.000000001', 1n],
    ['0.0000001%', 1n],
    [' 1% ', 10_000_000n],
    ['0.10000000000', 100_000_000n],
  ])('parses %j', (text, ppb) => expect(parseTolerance(text)).toBe(ppb))

  it.each(['1', '100%', '-0.1', '1e-3', 'abc', '', '0.0000000001', '0.00000001%', '0.5 %%'])('refuses %j with exit 2', (text) => {
    refusal(() => parseTolerance(text))
  })
})

describe('whole numbers', () => {
  it('ignore surrounding spaces and keep to the range', () => {
    expect(parseInteger(' 2', '--netuid', { min: 0, max: 65535 })).toBe(2)
    expect(parseInteger('007', '--era')).toBe(7)
    expect(parseWhole('18446744073709551615', '--version-key', { max: (1n << 64n) - 1n })).toBe((1n << 64n) - 1n)
  })

  it.each([
    ['abc', '--era: expected a whole number, not "abc"'],
    ['2.5', '--era: expected a whole number, not "2.5"'],
    ['1e3', '--era: expected a whole number, not "1e3" (write it without an exponent: 1000)'],
    ['-5', '--era: must be at least 0, not -5'],
    ['100000', '--era: must be at most 4096, not 100000'],
    ['', '--era is empty'],
  ])('refuse %j as oclif reports its own (USAGE)', (text, message) => {
    const e = refusal(() => parseInteger(text, '--era', { min: 0, max: 4096 }))
    expect(e.message).toBe(message)
    expect(e.code).toBe('USAGE')
  })
})

describe('lists', () => {
  it('split on commas and trim each entry', () => {
    expect(parseList(' a, b ,c', '--children')).toEqual(['a', 'b', 'c'])
    expect(parseUids('0, 1,2')).toEqual([0, 1, 2])
    expect(parseWeights('0.5, .3,2')).toEqual([0.5, 0.3, 2])
  })

  it('refuse an empty entry, as every list does', () => {
    expect(refusal(() => parseList('a,,b', '--children')).message).toBe('--children: entry 2 is empty ("a,,b")')
    expect(refusal(() => parseList('a,', '--proportions')).message).toMatch(/entry 2 is empty/)
    expect(refusal(() => parseList('', '--uids')).message).toBe('--uids is empty')
  })

  it.each([
    ['-1', /must be at least 0/],
    ['a', /expected a whole number, not "a"/],
    ['1.5', /expected a whole number/],
    ['65536', /at most 65535/],
    ['1,2,1', /uid 1 is given twice/],
  ])('refuse uids %j with exit 2', (text, re) => expect(refusal(() => parseUids(text)).message).toMatch(re))

  it.each([
    ['-0.5', /cannot be negative/],
    ['abc', /plain decimals/],
    ['NaN', /plain decimals/],
    ['Infinity', /plain decimals/],
    ['0x10', /plain decimals/],
  ])('refuse weights %j with exit 2', (text, re) => expect(refusal(() => parseWeights(text)).message).toMatch(re))

  it('say an exponent is an exponent, not "not a number"', () => {
    const e = refusal(() => parseWeights('0.5,1e-300'))
    expect(e.message).toBe('--weights must be plain decimals like 0.25, not "1e-300" (write it without an exponent)')
    expect(e.message).not.toMatch(/not a number/)
    expect(refusal(() => parseWeights('1e3')).message).toMatch(/without an exponent: 1000\)$/)
  })

  it('take any scale of weights', () => expect(parseDecimalNumber('1' + '0'.repeat(300), '--weights')).toBe(1e300))
})

describe('addresses, hashes and --fund entries', () => {
  it('an address of this network, trimmed', async () => {
    expect(await parseSs58(` ${ALICE} `, '--dest')).toBe(ALICE)
    expect((await asyncRefusal(() => parseSs58(ALICE_DOT, '--dest'))).message).toMatch(/^--dest ".*" belongs to another network/)
  })

  it('a proposal hash: 0x and 64 hex digits, lower-cased', () => {
    expect(parseHash(' 0x' + 'AB'.repeat(32) + ' ')).toBe('0x' + 'ab'.repeat(32))
    for (const bad of ['', '0x12', 'ab'.repeat(32), '0x' + 'zz'.repeat(32), '0x' + 'ab'.repeat(33)])
      expect(refusal(() => parseHash(bad)).message).toMatch(/proposal hash/)
  })

  it("--fund ADDRESS=TAO: exact, any prefix, reported with Bittensor's", async () => {
    expect(await parseFundEntry(`${ROOT}=1.5`)).toEqual({ ss58: ROOT, rao: 1_500_000_000n })
    expect((await parseFundEntry(`${ROOT}=0.000000001`)).rao).toBe(1n)
    expect((await parseFundEntry(` ${ROOT} = 12 `)).rao).toBe(12_000_000_000n)
    expect((await parseFundEntry(`${ALICE_DOT}=1`)).ss58).toBe(ALICE)
    for (const bad of [ROOT, `=${ROOT}`, `${ROOT}=`, `${ROOT}=-1`, `${ROOT}=1e3`, `${ROOT}=0`, `5Fnope=1`, `${ROOT}=1.0000000001`])
      await asyncRefusal(() => parseFundEntry(bad))
  })
})

describe('settings: `config set` takes what the flag takes', () => {
  it('a wallet or hotkey name by the same rule as -w / -H (spaces inside a name are fine)', () => {
    expect(parseSetting('hotkey', 'h 5')).toEqual({ key: 'hotkey', value: 'h 5' })
    expect(resolveWallet({ hotkey: 'h 5' }).hotkey).toBe('h 5')
    expect(parseSetting('wallet-name', ' miner ')).toEqual({ key: 'wallet-name', value: 'miner' })
    expect(resolveWallet({ 'wallet-name': ' miner ' }).name).toBe('miner')
    for (const bad of ['a/b', '..', 'a\tb']) {
      const flag = refusal(() => resolveWallet({ hotkey: bad }).hotkey)
      expect(refusal(() => parseSetting('hotkey', bad)).message).toBe(flag.message)
    }
  })

  it('a network by the rule --network follows', () => {
    expect(parseSetting('network', ' local ')).toEqual({ key: 'network', value: 'local' })
    expect(parseSetting('network', 'wss://example.org:443')).toEqual({ key: 'network', value: 'wss://example.org:443' })
    expect(refusal(() => parseSetting('network', 'mainnet')).code).toBe('UNKNOWN_NETWORK')
    expect(refusal(() => parseSetting('network', 'ws://')).code).toBe('UNKNOWN_NETWORK')
  })

  it('never an empty value or an unknown key', () => {
    expect(refusal(() => parseSetting('hotkey', '  ')).message).toBe('hotkey cannot be empty')
    expect(refusal(() => parseSetting('colour', 'x')).code).toBe('UNKNOWN_SETTING')
  })
})
