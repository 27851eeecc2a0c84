/**
 * The --json contract's own tests: every command has a schema, every schema is valid JSON Schema, the shared
 * definitions say what docs/json.md says, and a run that breaks them fails with the command, the path and the
 * rule. (Every end-to-end test that runs a command with --json checks its output against these schemas too:
 * test/helpers/json-contract.ts.)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { amountJson } from '../../src/core/amount.js'
import { encodeAddress } from '../../src/core/ss58.js'
import {
  amountProblem,
  assertJsonContract,
  COMMON_SCHEMA,
  commandOf,
  contract,
  jsonContractProblems,
  manifestIds,
  newAjv,
  schemaDir,
  schemaFileOf,
} from '../helpers/json-contract.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const HASH = `0x${'ab'.repeat(32)}`
const def = (name: string) => {
  const validate = contract().ajv.getSchema(`${COMMON_SCHEMA}#/$defs/${name}`)
  if (!validate) throw new Error(`no $defs/${name} in ${COMMON_SCHEMA}`)
  return (value: unknown) => validate(value)
}
/** The problems of a document as command `args` (with --json) would print it, exiting `code`. */
const problems = (args: string[], doc: unknown, code = 0) => jsonContractProblems([...args, '--json'], { code, stdout: JSON.stringify(doc) })

describe('schemas', () => {
  it('every command has a schema, and every schema is a command (or the shared definitions)', () => {
    const ids = manifestIds()
    expect(ids.length).toBeGreaterThan(40)
    const files = [...contract().files.keys()]
    expect(ids.map(schemaFileOf).filter((f) => !files.includes(f))).toEqual([])
    expect(files.filter((f) => f !== COMMON_SCHEMA && !ids.map(schemaFileOf).includes(f))).toEqual([])
    // Each compiles (ajv, strict mode: an unknown keyword or format is an error).
    for (const id of ids) expect(contract().validatorOf(id), id).toBeTypeOf('function')
  })

  it('every schema is valid draft 2020-12, names itself by its file, and says what it documents', () => {
    const ajv = newAjv()
    for (const [file, schema] of contract().files) {
      expect(ajv.validateSchema(schema), `${file}: ${ajv.errorsText(ajv.errors)}`).toBe(true)
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema')
      expect(schema.$id, file).toBe(file)
      expect(schema.title, file).toMatch(file === COMMON_SCHEMA ? /./ : /^tao [a-z -]+ --json$/)
      expect(String(schema.description ?? '').length, file).toBeGreaterThan(10)
    }
  })

  it('every command schema says what its error document is', () => {
    for (const [file, schema] of contract().files) {
      if (file === COMMON_SCHEMA) continue
      expect(schema.if, file).toEqual({ required: ['error'] })
      expect(schema.then, file).toBeDefined()
    }
  })

  it('objects the contract defines are closed: a field nobody documented fails', () => {
    // Every object schema with `properties` either forbids others itself, or sits under a schema that does.
    const open: string[] = []
    const walk = (node: unknown, at: string, closedAbove: boolean) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`, closedAbove))
      if (node === null || typeof node !== 'object') return
      const o = node as Record<string, unknown>
      const closes = o.additionalProperties === false || o.unevaluatedProperties === false
      if (o.properties && !closes && !closedAbove && !at.includes('/$defs/')) open.push(at)
      for (const [k, v] of Object.entries(o)) {
        if (k === 'properties' && v && typeof v === 'object')
          for (const [name, sub] of Object.entries(v)) walk(sub, `${at}/properties/${name}`, false)
        else walk(v, `${at}/${k}`, closedAbove || closes)
      }
    }
    for (const [file, schema] of contract().files) walk(schema, file, false)
    expect(open).toEqual([])
  })

  it('the schema files are what docs/json.md points to', () => {
    const doc = readFileSync(path.join(schemaDir, '..', 'json.md'), 'utf8')
    expect(doc.includes('docs/schemas/'), 'docs/json.md points to docs/schemas/').toBe(true)
    const missing = manifestIds().filter((id) => !doc.includes(`\`${id.split(':').join(' ')}\``))
    expect(missing, 'commands docs/json.md does not name').toEqual([])
  })
})

describe('amounts: {rao, tao}, tao = rao / 10^9 exactly', () => {
  const amount = def('amount')
  it('accepts what amountJson makes, from 0 to u64::MAX', () => {
    for (const rao of [0n, 1n, 999_999_999n, 1_000_000_000n, 1_500_000_000n, 10_499_999_999_999_999n, 2n ** 64n - 1n]) expect(amount(amountJson(rao)), String(rao)).toBe(true)
  })
  it('refuses a tao that is not rao / 10^9', () => {
    expect(amount({ rao: '10', tao: '0.0000001' })).toBe(false)
    expect(amountProblem({ rao: '10', tao: '0.0000001' })).toBe('tao "0.0000001" is not rao 10 / 10^9 (that is 100 rao)')
    expect(amount({ rao: '1500000000', tao: '1.6' })).toBe(false)
    expect(amount({ rao: '1', tao: '0' })).toBe(false)
  })
  it('refuses non-canonical text: trailing or leading zeros, exponents, signs, more than 9 decimals', () => {
    for (const tao of ['1.50', '01.5', '1.', '.5', '1e3', '-1.5', '+1.5', '1.5000000000', ' 1.5']) expect(amount({ rao: '1500000000', tao }), tao).toBe(false)
    for (const rao of ['01500000000', '-1500000000', '1.5e9', '']) expect(amount({ rao, tao: '1.5' }), rao).toBe(false)
  })
  it('refuses numbers, missing halves and extra fields', () => {
    expect(amount({ rao: 1500000000, tao: '1.5' })).toBe(false)
    expect(amount({ rao: '1500000000', tao: 1.5 })).toBe(false)
    expect(amount({ rao: '1500000000' })).toBe(false)
    expect(amount({ rao: '1500000000', tao: '1.5', alpha: true })).toBe(false)
    expect(amount('1500000000')).toBe(false)
    expect(def('amountOrNull')(null)).toBe(true)
  })
})

describe('the other shared definitions', () => {
  it('ss58: a valid checksum and Bittensor’s prefix 42', () => {
    const ss58 = def('ss58')
    expect(ss58(ALICE)).toBe(true)
    expect(ss58(ALICE.slice(0, -1) + (ALICE.endsWith('Y') ? 'Z' : 'Y'))).toBe(false)
    const polkadotAlice = encodeAddress(new Uint8Array(32).fill(7), 0)
    expect(ss58(encodeAddress(new Uint8Array(32).fill(7)))).toBe(true)
    expect(ss58(polkadotAlice)).toBe(false)
    expect(ss58(`0x${'00'.repeat(32)}`)).toBe(false)
  })
  it('hex and hashes: 0x and lower case', () => {
    expect(def('hex')('0x')).toBe(true)
    expect(def('hex')('0xABCD')).toBe(false)
    expect(def('hex')('0xabc')).toBe(false)
    expect(def('hash')(HASH)).toBe(true)
    expect(def('hash')(HASH.slice(0, -2))).toBe(false)
  })
  it('calls are Pallet.call_name; storage items Pallet.Item', () => {
    expect(def('call')('SubtensorModule.add_stake')).toBe(true)
    expect(def('call')('add_stake')).toBe(false)
    expect(def('call')('subtensorModule.add_stake')).toBe(false)
    expect(def('storageItem')('SubtensorModule.NetworkRateLimit')).toBe(true)
    expect(def('storageItem')('SubtensorModule.network_rate_limit')).toBe(false)
  })
  it('fractions are numbers in [0, 1]; prices exact decimal strings or null', () => {
    for (const v of [0, 0.25, 1]) expect(def('fraction')(v)).toBe(true)
    for (const v of [-0.1, 1.01, '0.5']) expect(def('fraction')(v)).toBe(false)
    for (const v of ['0.013215', '1', null]) expect(def('price')(v)).toBe(true)
    for (const v of ['0.0132150', 0.5, '1.0000000001']) expect(def('price')(v)).toBe(false)
  })
  it('errors: an upper-case code, one line, a documented exit code, nothing else', () => {
    const doc = def('errorOnly')
    expect(doc({ error: { code: 'USAGE', message: 'missing --dest', exitCode: 2 } })).toBe(true)
    expect(doc({ error: { code: 'usage', message: 'x', exitCode: 2 } })).toBe(false)
    expect(doc({ error: { code: 'USAGE', message: 'two\nlines', exitCode: 2 } })).toBe(false)
    expect(doc({ error: { code: 'USAGE', message: '', exitCode: 2 } })).toBe(false)
    expect(doc({ error: { code: 'TX_UNKNOWN', message: 'x', exitCode: 5 } })).toBe(true)
    expect(doc({ error: { code: 'USAGE', message: 'x', exitCode: 6 } })).toBe(false)
    expect(doc({ error: { code: 'USAGE', message: 'x', exitCode: 2, stack: '…' } })).toBe(false)
    expect(doc({ error: { code: 'USAGE', message: 'x', exitCode: 2 }, partial: 1 })).toBe(false)
  })
  it('time: ISO 8601 UTC to the second', () => {
    expect(def('time')('2026-11-27T06:20:56Z')).toBe(true)
    expect(def('time')('2026-11-27T06:20:56.123Z')).toBe(false)
    expect(def('time')('2026-11-27 06:20:56')).toBe(false)
  })
})

describe('transaction reports', () => {
  const amount = (rao: bigint) => amountJson(rao)
  // What executeTx adds to every signing command's report: the chain, and the call as decoded from the bytes signed.
  const chain = {
    network: 'local',
    endpoint: 'ws://127.0.0.1:9944',
    genesisHash: HASH,
    specVersion: 218,
    args: { dest: { type: 'Id', value: BOB }, value: '1500000000' },
    callData: '0x0503',
  }
  const planned = { ...chain, from: ALICE, to: BOB, amount: amount(1_500_000_000n), destinationIsHotkey: false }
  const dryRun = {
    call: 'Balances.transfer_keep_alive',
    signer: ALICE,
    ...planned,
    estimatedFee: amount(135_262n),
    status: 'dry-run',
    txHash: HASH,
    hex: '0x4102',
    nonce: 0,
    tip: amount(0n),
    era: { type: 'mortal', period: 64, birth: 1, death: 65 },
    fee: amount(135_262n),
  }
  const landed = {
    call: 'Balances.transfer_keep_alive',
    signer: ALICE,
    ...planned,
    estimatedFee: amount(135_262n),
    status: 'landed',
    txHash: HASH,
    hex: '0x4102',
    block: 2,
    blockHash: HASH,
    index: 1,
    finalized: true,
    fee: amount(135_262n),
    ok: true,
    dispatchError: null,
    events: [{ pallet: 'Balances', name: 'Transfer', data: { from: ALICE, to: BOB, amount: '1500000000' } }],
    connectionLost: false,
    note: null,
  }
  const transfer = ['wallet', 'transfer']

  it('a dry run and a landed transfer follow the contract', () => {
    expect(problems(transfer, dryRun)).toEqual([])
    expect(problems(transfer, landed)).toEqual([])
    expect(problems(transfer, { ...landed, status: 'submitted', block: undefined }).length).toBeGreaterThan(0)
  })

  it('each status has its own fields, and none of the others', () => {
    expect(problems(transfer, { ...dryRun, block: 3 })).toEqual([expect.stringMatching(/^\/block: must not be here: the contract gives this field only in other cases .*txStatusRules/)])
    const { events: _events, ...noEvents } = landed
    expect(problems(transfer, noEvents)).toEqual([expect.stringContaining(`must have required property 'events'`)])
    const { txHash: _t, hex: _h, status: _s, call: _c, signer: _g, estimatedFee: _e, ...fields } = landed
    expect(problems(transfer, { ...fields, status: 'submitted', txHash: HASH, hex: '0x00', call: landed.call, signer: ALICE, estimatedFee: landed.estimatedFee }).length).toBeGreaterThan(0)
  })

  it('a signing command names the chain it signed for and the call as decoded from its bytes', () => {
    for (const field of Object.keys(chain)) {
      const { [field]: _gone, ...without } = dryRun as Record<string, unknown>
      expect(problems(transfer, without), field).toEqual([expect.stringContaining(`must have required property '${field}'`)])
    }
    expect(problems(transfer, { ...dryRun, genesisHash: '0x12' }).length).toBeGreaterThan(0)
    expect(problems(transfer, { ...dryRun, endpoint: 'http://127.0.0.1:9944' }).length).toBeGreaterThan(0)
  })

  it('a field nobody documented fails, named, with its path', () => {
    expect(problems(transfer, { ...landed, pallet: 'Balances' })).toEqual([expect.stringMatching(/^\/: must NOT have unevaluated properties "pallet" \(a field the contract does not document\)/)])
    expect(problems(transfer, { ...landed, fee: '135262' })).toEqual([expect.stringMatching(/^\/fee: must be object \[type at /), expect.stringMatching(/^\/fee: must be null \[type at /)])
  })

  it("a command's fields from the events are there exactly when it landed and succeeded", () => {
    const register = { ...landed, call: 'SubtensorModule.burned_register', coldkey: ALICE, hotkey: BOB, netuid: 2, burn: amount(10n), maxBurn: null, burnLimit: null }
    for (const k of ['from', 'to', 'amount', 'destinationIsHotkey'] as const) delete (register as Record<string, unknown>)[k]
    expect(problems(['subnets', 'register'], { ...register, uid: 3, burnPaid: amount(10n) })).toEqual([])
    expect(problems(['subnets', 'register'], register)).toEqual([
      `/: must have required property 'uid' [required at #/else/allOf/2/then/required]`,
      `/: must have required property 'burnPaid' [required at #/else/allOf/2/then/required]`,
    ])
    expect(problems(['subnets', 'register'], { ...register, ...dryRunOnly(dryRun), uid: 3 }).length).toBeGreaterThan(0)
  })

  it('an error document keeps what the command learned: a dispatch error beside the error, a rejection', () => {
    const failedDispatch = {
      ...landed,
      ok: false,
      dispatchError: { pallet: 'Balances', name: 'ExistentialDeposit', docs: 'Value too low', via: null },
      error: { code: 'DISPATCH_ERROR', message: 'Balances.ExistentialDeposit: Value too low', exitCode: 1 },
    }
    expect(problems(transfer, failedDispatch, 1)).toEqual([])
    const rejected = {
      call: 'Balances.transfer_keep_alive',
      signer: ALICE,
      ...planned,
      estimatedFee: amount(1n),
      rejection: { reason: 'stale', node: '1010: Invalid Transaction: Transaction is outdated' },
      error: { code: 'TX_REJECTED', message: 'the node refused the transaction: already used', exitCode: 1 },
    }
    expect(problems(transfer, rejected, 1)).toEqual([])
    expect(problems(transfer, { ...rejected, weird: 1 }, 1)).toEqual([expect.stringContaining('"weird"')])
    expect(problems(transfer, { error: { code: 'BAD_ADDRESS', message: 'x', exitCode: 2 } }, 2)).toEqual([])
  })
})

const dryRunOnly = (d: Record<string, unknown>) => ({ status: 'dry-run', nonce: d.nonce, tip: d.tip, era: d.era, fee: d.fee, block: undefined })

describe('runs', () => {
  it('finds the command in argv: global flags first, aliases, topics of three words; none for unknown words', () => {
    expect(commandOf(['wallet', 'balance', '--json'])).toBe('wallet:balance')
    expect(commandOf(['--network', 'local', '-w', 'x', 'wallet', 'balance', '--json'])).toBe('wallet:balance')
    expect(commandOf(['subnets', 'metagraph', '--netuid', '1'])).toBe('subnets:show')
    expect(commandOf(['stake', 'child', 'get', '--netuid', '1'])).toBe('stake:child:get')
    expect(commandOf(['tx', 'decode', '0x00'])).toBe('tx:decode')
    expect(commandOf(['wallet', 'crate'])).toBeUndefined()
  })

  it('checks only --json runs; an unknown command still prints a plain error document', () => {
    expect(jsonContractProblems(['wallet', 'balance'], { code: 0, stdout: 'not json' })).toEqual([])
    const unknown = { error: { code: 'UNKNOWN_COMMAND', message: 'unknown command "wallet crate"', exitCode: 2 } }
    expect(problems(['wallet', 'crate'], unknown, 2)).toEqual([])
    expect(problems(['wallet', 'crate'], { ...unknown, hint: 'x' }, 2)).toEqual([expect.stringContaining('"hint"')])
  })

  it('stdout is exactly one document (one a line with --watch), its exit code the process’s', () => {
    const cost = { network: 'local', block: 1, burnCost: amountJson(1_000_000_000n) }
    const run = (stdout: string, code = 0, args = ['subnets', 'burn-cost', '--json']) => jsonContractProblems(args, { code, stdout })
    expect(run(JSON.stringify(cost, null, 2) + '\n')).toEqual([])
    expect(run(`label\n${JSON.stringify(cost)}`)).toEqual([expect.stringMatching(/^stdout is not one JSON document/)])
    expect(run(`${JSON.stringify(cost)}\n${JSON.stringify(cost)}`)).toEqual([expect.stringMatching(/^stdout is not one JSON document/)])
    expect(run('')).toEqual(['stdout is empty: with --json it carries exactly one JSON document'])
    expect(run('', 130)).toEqual([])
    expect(run(JSON.stringify(cost), 1)).toEqual(['the process exited 1 but printed a success document (a failure prints {"error": …})'])
    expect(run(JSON.stringify({ error: { code: 'UNREACHABLE', message: 'x', exitCode: 3 } }), 1)).toEqual(['/error/exitCode: 3 but the process exited 1'])
    expect(run('[1]')).toEqual(['the document is not a JSON object: [1]'])
    // --watch: documents while all is well, then (exit 3) the error that ended it, one a line.
    const watch = ['chain', 'info', '--watch', '--json']
    const info = JSON.stringify(WATCHED_INFO)
    const lost = JSON.stringify({ error: { code: 'UNREACHABLE', message: 'the node stopped answering', exitCode: 3 } })
    expect(run(`${info}\n${info}\n${lost}\n`, 3, watch)).toEqual([])
    expect(run(`${info}\n${info}\n`, 3, watch)).toEqual(['document 2: the process exited 3 but printed a success document (a failure prints {"error": …})'])
  })

  it('a broken run fails with the command, its schema, the path and the rule', () => {
    const stdout = JSON.stringify({ network: 'local', block: 1, burnCost: '1000000000' })
    expect(() => assertJsonContract(['subnets', 'burn-cost', '--json'], { code: 0, stdout })).toThrow(
      /`tao subnets burn-cost --json` breaks the JSON contract \(docs\/json\.md, docs\/schemas\/subnets-burn-cost\.schema\.json\):\n {2}- \/burnCost: must be object \[type at /,
    )
  })
})

/** A `chain info --json` document as the local chain printed it. */
const WATCHED_INFO = {
  "network": "ws://127.0.0.1:44501",
  "runtime": {
    "specName": "node-subtensor",
    "specVersion": 218
  },
  "block": 3,
  "blockHash": "0xdcd047511e83f90309ddd384df661b4508bfdaf56f8d5a4d96f949aa98f333fa",
  "finalizedBlock": 3,
  "timestamp": "2026-12-04T18:09:08Z",
  "issuance": {
    "rao": "1",
    "tao": "0.000000001"
  },
  "balancesIssuance": {
    "rao": "20099999864739",
    "tao": "20099.999864739"
  },
  "supplyCap": {
    "rao": "21000000000000000",
    "tao": "21000000"
  },
  "issuedShare": 4.761904761904762e-17,
  "blockEmission": {
    "rao": "1000000000",
    "tao": "1"
  },
  "halvings": 0,
  "nextHalving": {
    "halving": 1,
    "issuance": {
      "rao": "10500000000000000",
      "tao": "10500000"
    },
    "remaining": {
      "rao": "10499999999999999",
      "tao": "10499999.999999999"
    },
    "blockEmission": {
      "rao": "500000000",
      "tao": "0.5"
    },
    "blocks": 10500000,
    "block": 10500003,
    "date": "2027-12-04T08:09:08Z"
  },
  "blockTimeMs": 3000,
  "totalStake": {
    "rao": "3",
    "tao": "0.000000003"
  },
  "subnetCount": 2,
  "subnetLimit": 65535,
  "taoWeight": null,
  "taoWeightBySubnet": [
    {
      "netuid": 0,
      "raw": "3320413933267719290",
      "value": 0.18
    },
    {
      "netuid": 1,
      "raw": "3320413933267719290",
      "value": 0.18
    }
  ],
  "notInRuntime": []
}
