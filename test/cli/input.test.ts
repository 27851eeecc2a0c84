/**
 * One rule per kind of value, whatever flag or setting it comes through (src/cli/parse.ts), checked on the
 * built CLI without a chain: a value that is read correctly gets as far as connecting (exit 3, the node at
 * ws://127.0.0.1:1 is never there); a refusal is exit 2 and one line, before connecting.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTao } from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tao-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const PASSWORD = 'input test password 1!'
const NOWHERE = ['--network', 'ws://127.0.0.1:1']
const wallet = ['-w', 'w', '--wallet-path', join(dir, 'wallets')]
const env = { TAO_PASSWORD: PASSWORD, TAO_CONFIG_DIR: join(dir, 'config'), TAO_CONNECT_TIMEOUT: '3000' }
const tao = (args: string[]) => runTao(args, { env })

/** The command got past reading its input: it tried the (absent) node. */
async function reachesTheNode(args: string[]) {
  const r = await tao([...args, ...NOWHERE, '-y'])
  expect(r.stderr, args.join(' ')).toMatch(/^Error: cannot reach ws:\/\/127\.0\.0\.1:1/)
  expect(r.code).toBe(3)
}

/** Refused before connecting: exit 2, this one line. */
async function refused(args: string[], line: string | RegExp) {
  const r = await tao([...args, ...NOWHERE, '-y'])
  expect(r.code, r.stderr).toBe(2)
  const lines = r.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(typeof line === 'string' ? new RegExp(`^Error: ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : line)
}

beforeAll(async () => {
  const r = await runTao(['wallet', 'create', ...wallet, '-H', 'h 5', '--json', '-y'], { env })
  expect(r.code, r.stderr).toBe(0)
})

describe('surrounding spaces never matter', () => {
  it.each([
    [['subnets', 'show', '--netuid', ' 2']],
    [['subnets', 'hyperparameters', '--netuid', '2 ']],
    [['stake', 'child', 'get', '--hotkey-ss58', ` ${ALICE} `, '--netuid', ' 1 ']],
    [['stake', 'add', ...wallet, '--hotkey-ss58', ALICE, '--netuid', ' 1', '--amount', ' 1 ', '--era', ' 32', '--nonce', ' 0 ', '--force']],
    [['wallet', 'transfer', ...wallet, '--dest', ` ${ALICE}`, '--amount', '1 ']],
    [['stake', 'child', 'take', ...wallet, '-H', ' h 5 ', '--netuid', '1', '--take', ' 0.09 ']],
    [['governance', 'proposals', '--lookback', ' 10']],
  ])('%j', async (args) => reachesTheNode(args))
})

describe('a fraction is a decimal or a percentage, wherever a fraction is taken', () => {
  it.each([
    [['stake', 'child', 'take', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--take', '9%']],
    [['stake', 'child', 'set', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--children', BOB, '--proportions', '25%']],
    [['stake', 'add', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--amount', '1', '--tolerance', '0.5%']],
  ])('%j', async (args) => reachesTheNode(args))

  it('and above 100% is refused the same way', async () => {
    await refused(
      ['stake', 'child', 'take', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--take', '101%'],
      '--take must be between 0 and 1 (100%), not "101%"',
    )
    await refused(
      ['stake', 'child', 'set', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--children', BOB, '--proportions', '1.5'],
      /^Error: proportion of 5FHne\S+ must be between 0 and 1/,
    )
  })
})

describe('an exponent is refused as an exponent, naming the plain number', () => {
  it.each([
    [
      ['weights', 'set', ...wallet, '--netuid', '1', '--uids', '0,1', '--weights', '0.5,1e-300'],
      '--weights must be plain decimals like 0.25, not "1e-300" (write it without an exponent)',
    ],
    [
      ['wallet', 'transfer', ...wallet, '--dest', ALICE, '--amount', '1e3'],
      '--amount must be a plain decimal number of TAO like 1.5, not "1e3" (write it without an exponent: 1000)',
    ],
    [['subnets', 'show', '--netuid', '1e1'], '--netuid: expected a whole number, not "1e1" (write it without an exponent: 10)'],
    [
      ['stake', 'child', 'take', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--take', '5e-2'],
      '--take must be a fraction between 0 and 1 like 0.25, or a percentage like 25%, not "5e-2" (write it without an exponent: 0.05)',
    ],
  ])('%j', async (args, line) => refused(args, line))
})

describe('one netuid flag: every command reads it the same way', () => {
  it.each([
    [['subnets', 'show']],
    [['subnets', 'register', ...wallet]],
    [['stake', 'child', 'get', '--hotkey-ss58', ALICE]],
    [['weights', 'reveal', ...wallet]],
  ])('%j --netuid 65536', async (args) => {
    const r = await tao([...args, '--netuid', '65536', ...NOWHERE, '--json'])
    expect(r.code).toBe(2)
    expect(r.json.error).toEqual({ code: 'USAGE', message: '--netuid: must be at most 65535, not 65536', exitCode: 2 })
  })

  it('so do --origin-netuid and --dest-netuid', async () => {
    await refused(
      ['stake', 'move', ...wallet, '--origin-netuid', 'x', '--dest-hotkey', BOB, '--amount', '1'],
      '--origin-netuid: expected a whole number, not "x"',
    )
    await refused(
      ['stake', 'move', ...wallet, '--origin-netuid', '1', '--dest-netuid', '-1', '--dest-hotkey', BOB, '--amount', '1'],
      '--dest-netuid: must be at least 0, not -1',
    )
  })
})

describe('wallet and hotkey names: one rule for flags and `config set`', () => {
  it('a name -H takes, config set takes', async () => {
    const set = await tao(['config', 'set', 'hotkey', 'h 5', '--json'])
    expect(set.code, set.stderr).toBe(0)
    expect(set.json).toEqual({ key: 'hotkey', value: 'h 5' })
    // …and the stored name is the hotkey that was created as -H "h 5".
    const inspect = await tao(['wallet', 'inspect', ...wallet, '--json'])
    expect(inspect.json.hotkeys.map((h: { name: string }) => h.name)).toEqual(['h 5'])
    await reachesTheNode(['stake', 'child', 'get', ...wallet, '--netuid', '1'])
    expect((await tao(['config', 'unset', 'hotkey'])).code).toBe(0)
  })

  it('a name -H refuses, config set refuses with the same words', async () => {
    const flag = await tao(['wallet', 'new-hotkey', ...wallet, '-H', 'a/b', '--json'])
    const set = await tao(['config', 'set', 'hotkey', 'a/b', '--json'])
    expect(flag.code).toBe(2)
    expect(set.code).toBe(2)
    expect(set.json.error.message).toBe(flag.json.error.message)
  })

  it('config set network takes what --network takes', async () => {
    expect((await tao(['config', 'set', 'network', 'wss://example.org'])).code).toBe(0)
    const bad = await tao(['config', 'set', 'network', 'mainnet', '--json'])
    expect(bad.code).toBe(2)
    expect(bad.json.error.code).toBe('UNKNOWN_NETWORK')
    expect((await tao(['config', 'unset', 'network'])).code).toBe(0)
  })
})

describe('lists', () => {
  it('refuse an empty entry in every list', async () => {
    await refused(
      ['stake', 'child', 'set', ...wallet, '--hotkey-ss58', ALICE, '--netuid', '1', '--children', `${BOB},`, '--proportions', '0.5'],
      `--children: entry 2 is empty ("${BOB},")`,
    )
    await refused(['weights', 'set', ...wallet, '--netuid', '1', '--uids', '0,,1', '--weights', '1,1'], '--uids: entry 2 is empty ("0,,1")')
  })
})
