/**
 * Signing with no node at all (an air-gapped coldkey): `tx offline-context` writes what the signer needs on the
 * connected side, `--offline FILE` signs from it alone, `tx decode` checks the signature (connected or not),
 * and `tx submit` lands what was signed, exactly once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { fromHex } from '../../src/core/hex.js'
import { connect, decodeMetadata, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const SENDER = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const PASSWORD = 'offline test password 1!'
const TAO = 1_000_000_000n
// Nothing listens here: a command that tried to reach a node would exit 3.
const NO_NODE = ['--network', 'ws://127.0.0.1:1']

describe('offline signing', () => {
  let net: Localnet
  let dir: string
  const wallets = () => ['--wallet-path', join(dir, 'wallets'), '-w', 'sender']
  const tao = (args: string[]) => runTao(args, { env: { TAO_PASSWORD: PASSWORD, TAO_CONNECT_TIMEOUT: '3000' }, cwd: dir })
  const nonce = async () => Number(await net.rpc('system_accountNextIndex', [SENDER]))
  let chain: Chain
  const free = async (ss58: string) => (await chain.account(ss58)).free
  const ctxFile = () => join(dir, 'ctx.json')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-offline-'))
    net = await startLocalnet({ fund: { [SENDER]: 100n * TAO } })
    chain = await connect(net.endpoint)
    writeFileSync(join(dir, 'words'), DEV_PHRASE)
    const regen = await tao(['wallet', 'regen-coldkey', '--mnemonic-file', join(dir, 'words'), ...wallets(), '-y'])
    expect(regen.code, regen.stderr).toBe(0)
  })
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('tx offline-context writes the metadata, genesis hash, versions, nonce, balance and a finalized block', async () => {
    const r = await tao(['tx', 'offline-context', ...wallets(), '--out', ctxFile(), '--network', net.endpoint, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const genesis = await net.rpc('chain_getBlockHash', [0])
    const version = await net.rpc('state_getRuntimeVersion')
    expect(r.json).toMatchObject({
      file: ctxFile(),
      signer: SENDER,
      nonce: await nonce(),
      genesisHash: genesis,
      specVersion: version.specVersion,
      transactionVersion: version.transactionVersion,
      account: { free: { rao: (100n * TAO).toString() } },
    })
    expect(await net.rpc('chain_getBlockHash', [r.json.block])).toBe(r.json.blockHash)
    const file = JSON.parse(readFileSync(ctxFile(), 'utf8'))
    expect(file).toMatchObject({ format: 'tao-offline-context', version: 1, signer: SENDER, genesisHash: genesis })
    // The runtime's own metadata (the newest version it serves), the one signing and decoding use.
    const view = decodeMetadata(fromHex(file.metadata))
    expect([view.specVersion, view.transactionVersion]).toEqual([version.specVersion, version.transactionVersion])
    expect((file.metadata.length - 2) / 2).toBe(r.json.metadataBytes)
  })

  it('--offline FILE signs with no node (the fee unknown), tx decode checks it offline and online, tx submit lands it once', async () => {
    const before = { nonce: await nonce(), bob: await free(BOB) }
    const json = await tao([
      'wallet',
      'transfer',
      '--dest',
      BOB,
      '--amount',
      '1.25',
      '--offline',
      ctxFile(),
      ...wallets(),
      ...NO_NODE,
      '--json',
    ])
    expect(json.code, json.stderr).toBe(0)
    expect(json.json).toMatchObject({
      status: 'dry-run',
      call: 'Balances.transfer_keep_alive',
      signer: SENDER,
      nonce: before.nonce,
      fee: null,
      estimatedFee: null,
    })
    expect(json.json.amount).toEqual({ rao: '1250000000', tao: '1.25' })
    const plain = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1.25', '--offline', ctxFile(), ...wallets(), ...NO_NODE])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^0x[0-9a-f]+\n$/)
    expect(plain.stderr).toMatch(/fee: unknown \(signed offline/)
    writeFileSync(join(dir, 'tx.hex'), plain.stdout)

    // Decoded without a node, from the context: the signature holds, the amount is an amount.
    const offline = await tao(['tx', 'decode', '--file', join(dir, 'tx.hex'), '--offline', ctxFile(), ...NO_NODE, '--json'])
    expect(offline.code, offline.stderr).toBe(0)
    expect(offline.json).toMatchObject({
      call: 'Balances.transfer_keep_alive',
      signer: SENDER,
      nonce: before.nonce,
      signatureCheck: { status: 'valid', reason: null },
    })
    expect(offline.json.args.value).toEqual({ rao: '1250000000', tao: '1.25' })
    // Without --json: a view for people, not JSON.
    const text = await tao(['tx', 'decode', '--file', join(dir, 'tx.hex'), '--network', net.endpoint])
    expect(text.code, text.stderr).toBe(0)
    expect(() => JSON.parse(text.stdout)).toThrow()
    expect(text.stdout).toMatch(/^Balances\.transfer_keep_alive signed by 5Dfh/)
    expect(text.stdout).toMatch(/value: τ1\.25 \(1250000000 rao\)/)
    expect(text.stdout).toMatch(/signature: valid/)
    expect(await nonce()).toBe(before.nonce)

    const sent = await tao(['tx', 'submit', '--file', join(dir, 'tx.hex'), '--network', net.endpoint, '--json'])
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.json).toMatchObject({ status: 'landed', ok: true })
    expect(await nonce()).toBe(before.nonce + 1)
    expect(await free(BOB)).toBe(before.bob + 1_250_000_000n)

    // A second one from the same context: the next nonce, immortal; it lands too.
    const second = await tao([
      'wallet',
      'transfer',
      '--dest',
      BOB,
      '--amount',
      '2',
      '--offline',
      ctxFile(),
      '--nonce',
      String(before.nonce + 1),
      '--era',
      '0',
      ...wallets(),
      ...NO_NODE,
    ])
    expect(second.code, second.stderr).toBe(0)
    const landed = await tao(['tx', 'submit', second.stdout.trim(), '--network', net.endpoint, '--json'])
    expect(landed.code, landed.stderr).toBe(0)
    expect(await free(BOB)).toBe(before.bob + 3_250_000_000n)
    expect(await nonce()).toBe(before.nonce + 2)
  })

  it('tx decode refuses a tampered extrinsic (exit 1, BAD_SIGNATURE), connected or offline', async () => {
    const hex = readFileSync(join(dir, 'tx.hex'), 'utf8').trim()
    // The amount is the call's last bytes (Compact<u64>): change one of its bits.
    const last = hex.slice(-2)
    const tampered = hex.slice(0, -2) + (Number.parseInt(last, 16) ^ 0x04).toString(16).padStart(2, '0')
    for (const where of [
      ['--network', net.endpoint],
      ['--offline', ctxFile(), ...NO_NODE],
    ]) {
      const r = await tao(['tx', 'decode', tampered, ...where, '--json'])
      expect(r.code, r.stderr).toBe(1)
      expect(r.json.error).toMatchObject({ code: 'BAD_SIGNATURE', exitCode: 1 })
      expect(r.json.signatureCheck.status).toBe('invalid')
      expect(r.json.call).toBe('Balances.transfer_keep_alive')
      expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^Error: the signature of 0x[0-9a-f]{64} does not hold/)
    }
    // With only the metadata and no genesis hash it cannot be checked, and says so (exit 0).
    writeFileSync(join(dir, 'runtime.scale'), Buffer.from(JSON.parse(readFileSync(ctxFile(), 'utf8')).metadata.slice(2), 'hex'))
    const unchecked = await tao(['tx', 'decode', tampered, '--metadata', join(dir, 'runtime.scale'), ...NO_NODE, '--json'])
    expect(unchecked.code, unchecked.stderr).toBe(0)
    expect(unchecked.json.signatureCheck).toMatchObject({ status: 'unchecked', reason: expect.stringMatching(/genesis hash is needed/) })
  })

  it('offline, a command that must read the chain says so before anything is signed (exit 2, NEEDS_NODE); a context for another key is refused', async () => {
    const stake = await tao([
      'stake',
      'add',
      '--netuid',
      '1',
      '--amount',
      '1',
      '--hotkey-ss58',
      BOB,
      '--offline',
      ctxFile(),
      ...wallets(),
      ...NO_NODE,
      '-y',
      '--json',
    ])
    expect(stake.code, stake.stderr).toBe(2)
    expect(stake.json.error.code).toBe('NEEDS_NODE')
    expect(stake.stderr.trim().split('\n')).toHaveLength(1)
    const other = keypairFromUri('//offline-other').ss58
    const ctx = JSON.parse(readFileSync(ctxFile(), 'utf8'))
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...ctx, signer: other }))
    const wrong = await tao([
      'wallet',
      'transfer',
      '--dest',
      BOB,
      '--amount',
      '1',
      '--offline',
      join(dir, 'other.json'),
      ...wallets(),
      ...NO_NODE,
      '--json',
    ])
    expect(wrong.code, wrong.stderr).toBe(2)
    expect(wrong.json.error.code).toBe('OFFLINE_SIGNER')
    writeFileSync(join(dir, 'junk.json'), '{"format":"something else"}')
    const junk = await tao([
      'wallet',
      'transfer',
      '--dest',
      BOB,
      '--amount',
      '1',
      '--offline',
      join(dir, 'junk.json'),
      ...wallets(),
      ...NO_NODE,
      '--json',
    ])
    expect(junk.code, junk.stderr).toBe(2)
    expect(junk.json.error.code).toBe('BAD_OFFLINE_CONTEXT')
  })
})
