import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatTao } from '../../src/core/amount.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { startCutProxy } from '../helpers/cut-proxy.js'
import { externalAddress, startForwarder } from '../helpers/forward.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const SENDER = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const ALICE_ON_POLKADOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5' // prefix 0: another network
const PASSWORD = 'transfer test password 1!'
const TAO = 1_000_000_000n

describe('wallet transfer against a real local chain', () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  const tao = (args: string[], env: Record<string, string> = {}, input?: string) =>
    runTao([...args, '--network', net.endpoint, '--wallet-path', join(dir, 'wallets')], {
      env: { TAO_PASSWORD: PASSWORD, ...env },
      input,
      cwd: dir,
    })
  const free = async (ss58: string) => (await chain.account(ss58)).free

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-transfer-'))
    net = await startLocalnet({ fund: { [SENDER]: 100n * TAO } })
    chain = await connect(net.endpoint)
    writeFileSync(join(dir, 'words'), DEV_PHRASE)
    const regen = await runTao(
      [
        'wallet',
        'regen-coldkey',
        '-w',
        'sender',
        '--mnemonic-file',
        join(dir, 'words'),
        '--wallet-path',
        join(dir, 'wallets'),
        '-y',
        '--json',
      ],
      {
        env: { TAO_PASSWORD: PASSWORD },
      },
    )
    expect(regen.code, regen.stderr).toBe(0)
    expect(regen.json.ss58).toBe(SENDER)
  })
  afterAll(async () => {
    chain?.close()
    await net?.stop()
  })

  it('keep-alive transfer moves exactly the amount, and the sender pays exactly the reported fee', async () => {
    const [sender0, bob0] = [await free(SENDER), await free(BOB)]
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '1.5', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.status).toBe('landed')
    expect(r.json.ok).toBe(true)
    expect(r.json.call).toBe('Balances.transfer_keep_alive')
    expect(r.json.amount).toEqual({ rao: '1500000000', tao: '1.5' })
    const fee = BigInt(r.json.fee.rao)
    expect(fee).toBeGreaterThan(0n)
    expect(r.json.fee.tao).toBe(formatTao(fee))
    expect(await free(BOB)).toBe(bob0 + 1_500_000_000n)
    expect(await free(SENDER)).toBe(sender0 - 1_500_000_000n - fee)
    expect(r.json.events.map((e: any) => `${e.pallet}.${e.name}`)).toContain('Balances.Transfer')
  })

  it('the confirmation names the chain and the call decoded from the bytes signed; the block holds exactly those bytes', async () => {
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '0.25', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    // Read independently of tao: the genesis hash and the runtime version from the node, the extrinsic from the block.
    const genesis = (await net.rpc('chain_getBlockHash', [0])) as string
    const spec = ((await net.rpc('state_getRuntimeVersion', [])) as { specVersion: number }).specVersion
    expect(r.stderr).toContain(`\n  network: ${net.endpoint}, genesis ${genesis.slice(0, 10)}…, spec ${spec}\n`)
    expect(r.stderr).toContain(`\n  call as signed: Balances.transfer_keep_alive(dest: Id(${BOB}), value: 250000000)\n`)
    expect(r.json).toMatchObject({ network: net.endpoint, endpoint: net.endpoint, genesisHash: genesis, specVersion: spec })
    expect(r.json.args).toEqual({ dest: { type: 'Id', value: BOB }, value: '250000000' })
    const block = (await net.rpc('chain_getBlock', [r.json.blockHash])) as { block: { extrinsics: string[] } }
    const landed = chain.decodeExtrinsic(block.block.extrinsics[r.json.index]!)
    expect(landed.txHash).toBe(r.json.txHash)
    expect(landed.callData).toBe(r.json.callData)
    expect(chain.metadata.decodeCall(r.json.callData)).toEqual({
      pallet: 'Balances',
      name: 'transfer_keep_alive',
      args: { dest: { type: 'Id', value: BOB }, value: 250_000_000n },
    })
  })

  describe('plain ws:// to another machine', () => {
    const host = externalAddress()

    it('is refused before connecting (exit 2, INSECURE_ENDPOINT, saying why), for a signing and a reading command', async () => {
      const forward = await startForwarder(host ?? '127.0.0.1', net.port)
      const url = host ? forward.url : 'ws://192.0.2.123:9944'
      try {
        const nonce = (await chain.account(SENDER)).nonce
        const r = await runTao(
          [
            'wallet',
            'transfer',
            '-w',
            'sender',
            '--dest',
            BOB,
            '--amount',
            '0.1',
            '-y',
            '--json',
            '--network',
            url,
            '--wallet-path',
            join(dir, 'wallets'),
          ],
          {
            env: { TAO_PASSWORD: PASSWORD },
            cwd: dir,
          },
        )
        expect(r.code, r.stderr).toBe(2)
        expect(r.json.error.code).toBe('INSECURE_ENDPOINT')
        expect(r.json.error.message).toMatch(
          /^refusing plain ws:\/\/ to \S+: the connection is not encrypted, .* use wss:\/\/, or pass --insecure/,
        )
        const read = await runTao(['chain', 'info', '--network', url], { cwd: dir })
        expect(read.code).toBe(2)
        expect(read.stderr.trim().split('\n')).toHaveLength(1)
        expect(read.stderr).toMatch(/refusing plain ws:\/\//)
        expect(forward.connections).toBe(0)
        expect((await chain.account(SENDER)).nonce).toBe(nonce)
      } finally {
        await forward.close()
      }
    })

    it.skipIf(!host)(
      'with --insecure, TAO_INSECURE or `config set insecure true` it connects, and the confirmation names that URL',
      async () => {
        const forward = await startForwarder(host!, net.port)
        const config = mkdtempSync(join(tmpdir(), 'tao-insecure-config-'))
        try {
          const args = [
            'wallet',
            'transfer',
            '-w',
            'sender',
            '--dest',
            BOB,
            '--amount',
            '0.1',
            '-y',
            '--json',
            '--network',
            forward.url,
            '--wallet-path',
            join(dir, 'wallets'),
          ]
          const flag = await runTao([...args, '--insecure'], { env: { TAO_PASSWORD: PASSWORD }, cwd: dir })
          expect(flag.code, flag.stderr).toBe(0)
          expect(flag.json).toMatchObject({ status: 'landed', ok: true, network: forward.url, endpoint: forward.url })
          expect(flag.stderr).toContain(`\n  network: ${forward.url}, genesis `)
          const env = await runTao(['chain', 'info', '--network', forward.url, '--json'], { env: { TAO_INSECURE: 'true' }, cwd: dir })
          expect(env.code, env.stderr).toBe(0)
          const set = await runTao(['config', 'set', 'insecure', 'yes', '--json'], { env: { TAO_CONFIG_DIR: config } })
          expect(set.json).toEqual({ key: 'insecure', value: 'true' })
          const stored = await runTao(['chain', 'info', '--network', forward.url, '--json'], { env: { TAO_CONFIG_DIR: config }, cwd: dir })
          expect(stored.code, stored.stderr).toBe(0)
          expect(forward.connections).toBeGreaterThanOrEqual(3)
        } finally {
          await forward.close()
          rmSync(config, { recursive: true, force: true })
        }
      },
    )
  })

  it.each([
    ['a destination with a bad checksum', ['--dest', BOB.slice(0, -1) + (BOB.endsWith('y') ? 'z' : 'y'), '--amount', '1'], /checksum/i],
    ["another network's address", ['--dest', ALICE_ON_POLKADOT, '--amount', '1'], /prefix|network/i],
    ['more than 9 decimals', ['--dest', BOB, '--amount', '1.0000000001'], /decimals/],
    ['zero', ['--dest', BOB, '--amount', '0'], /more than zero/],
    ['a negative amount', ['--dest', BOB, '--amount=-1'], /negative/],
    ['an exponent', ['--dest', BOB, '--amount', '1e3'], /decimal/],
    ['a non-number', ['--dest', BOB, '--amount', 'lots'], /decimal/],
    ['a negative tip', ['--dest', BOB, '--amount', '1', '--tip=-1'], /negative/],
  ])('refuses %s with exit 2 before signing', async (_, args, re) => {
    const nonce = (await chain.account(SENDER)).nonce
    const r = await tao(['wallet', 'transfer', '-w', 'sender', ...args, '-y'])
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(re)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect((await chain.account(SENDER)).nonce).toBe(nonce)
  })

  it('refuses an amount that would reap the sender without --allow-death (exit 2), and above the balance (exit 1)', async () => {
    const nonce = (await chain.account(SENDER)).nonce
    const balance = await free(SENDER)
    // Leave 1 rao after the fee: below the existential deposit. The fee comes from a dry run whose amount encodes to the same size.
    const probe = await tao([
      'wallet',
      'transfer',
      '-w',
      'sender',
      '--dest',
      BOB,
      '--amount',
      formatTao(balance / 2n),
      '--dry-run',
      '--json',
    ])
    expect(probe.code, probe.stderr).toBe(0)
    const reapAmount = balance - BigInt(probe.json.estimatedFee.rao) - 1n
    const reap = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', formatTao(reapAmount), '-y', '--json'])
    expect(reap.code, reap.stderr).toBe(2)
    expect(reap.json.error.code).toBe('WOULD_REAP_ACCOUNT')
    expect(reap.stderr).toMatch(/existential deposit.*--allow-death/)
    const over = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '1000', '-y', '--json'])
    expect(over.code).toBe(1)
    expect(over.stderr).toMatch(/insufficient balance/)
    expect(await free(SENDER)).toBe(balance)
    expect((await chain.account(SENDER)).nonce).toBe(nonce)
  })

  it('a used --nonce, or one ahead of the account without --force, is refused before signing (exit 2)', async () => {
    const balance = await free(SENDER)
    const used = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '1', '--nonce', '0', '-y'])
    expect(used.code, used.stderr).toBe(2)
    expect(used.stderr).toMatch(/already used/)
    const ahead = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '1', '--nonce', '999999', '-y', '--json'])
    expect(ahead.code, ahead.stderr).toBe(2)
    expect(ahead.json.error.code).toBe('NONCE_AHEAD')
    expect(ahead.stderr.trim().split('\n')).toHaveLength(1)
    expect(await free(SENDER)).toBe(balance)
  })

  it('a dispatch the runtime rejects (below the existential deposit of a new account) shows its error and exits 1', async () => {
    const fresh = keypairFromUri('//never-funded').ss58
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', fresh, '--amount', '0.0000001', '-y', '--json'])
    expect(r.code, r.stderr).toBe(1)
    expect(r.json.error.code).toBe('DISPATCH_ERROR')
    expect(r.json.status).toBe('landed')
    expect(r.json.ok).toBe(false)
    // The dispatch error by name survives beside the error document's own `error`.
    expect(r.json.dispatchError.name).toMatch(/BelowMinimum|ExistentialDeposit/)
    expect(r.stderr).toMatch(/BelowMinimum|ExistentialDeposit/)
    expect(await free(fresh)).toBe(0n)
  })

  it('--dry-run signs without submitting; tx decode shows it; tx submit lands it once', async () => {
    const bob0 = await free(BOB)
    const dry = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '2', '--dry-run', '--json'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.json.status).toBe('dry-run')
    expect(dry.json.hex).toMatch(/^0x/)
    expect(dry.json.call).toBe('Balances.transfer_keep_alive')
    expect(BigInt(dry.json.fee.rao)).toBeGreaterThan(0n)
    // Without --json, stdout is the hex alone, as the offline flow saves it; the label is on stderr.
    const plain = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '2', '--dry-run'])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^0x[0-9a-f]+\n$/)
    writeFileSync(join(dir, 'tx.hex'), plain.stdout)
    const decodedFile = await runTao(['tx', 'decode', '--file', join(dir, 'tx.hex'), '--json', '--network', net.endpoint])
    expect(decodedFile.code, decodedFile.stderr).toBe(0)
    expect(await free(BOB)).toBe(bob0)
    const decoded = await runTao(['tx', 'decode', dry.json.hex, '--json', '--network', net.endpoint])
    expect(decoded.code, decoded.stderr).toBe(0)
    expect(decoded.json).toMatchObject({
      call: 'Balances.transfer_keep_alive',
      signer: SENDER,
      tip: { rao: '0', tao: '0' },
      nonce: dry.json.nonce,
    })
    expect(decoded.json.args.value).toEqual({ rao: '2000000000', tao: '2' })
    expect(decoded.json.signatureCheck).toEqual({ status: 'valid', reason: null })
    const sent = await runTao(['tx', 'submit', dry.json.hex, '--json', '--network', net.endpoint])
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.json.status).toBe('landed')
    expect(await free(BOB)).toBe(bob0 + 2n * TAO)
    const again = await runTao(['tx', 'submit', dry.json.hex, '--json', '--network', net.endpoint])
    expect(again.code).toBe(1) // the same extrinsic cannot land twice
    // The refusal says what was refused, and why in the node's words.
    expect(again.json).toMatchObject({
      call: 'Balances.transfer_keep_alive',
      signer: SENDER,
      error: { code: 'TX_REJECTED', exitCode: 1 },
      rejection: { reason: 'stale' },
    })
    expect(await free(BOB)).toBe(bob0 + 2n * TAO)
  })

  it('a transfer to the sending coldkey itself says so before signing (with -y too): nothing moves but the fee', async () => {
    const before = await free(SENDER)
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', SENDER, '--amount', '1', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(new RegExp(`warning: ${SENDER} is the sending account itself: nothing moves, and the fee is paid for it`))
    expect(await free(SENDER)).toBe(before - BigInt(r.json.fee.rao))
    // Without -y the warning comes before the question (here no terminal can answer it: nothing is signed).
    const nonce = (await chain.account(SENDER)).nonce
    const asked = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', SENDER, '--amount', '1'])
    expect(asked.code).toBe(2)
    expect(asked.stderr).toMatch(/is the sending account itself[\s\S]*-y/)
    expect((await chain.account(SENDER)).nonce).toBe(nonce)
  })

  it('allow-death, then --all, empty the account', async () => {
    const r = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--amount', '1', '--allow-death', '-y', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.call).toBe('Balances.transfer_allow_death')
    const bob0 = await free(BOB)
    const before = await free(SENDER)
    const all = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, '--all', '--allow-death', '-y', '--json'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.json.call).toBe('Balances.transfer_all')
    const fee = BigInt(all.json.fee.rao)
    expect(await free(SENDER)).toBe(0n)
    expect(await free(BOB)).toBe(bob0 + before - fee)
    // What the chain did: the amount from its Transfer event, the fee it charged, and an estimate of this very call.
    expect(BigInt(all.json.amount.rao)).toBe(before - fee)
    expect(all.json.estimatedFee.rao).toBe(all.json.fee.rao)

    // From the empty account nothing can be sent, nor the fee paid: refused before signing (exit 1, one line).
    const nonce = (await chain.account(SENDER)).nonce
    for (const args of [['--amount', '1'], ['--all']]) {
      const empty = await tao(['wallet', 'transfer', '-w', 'sender', '--dest', BOB, ...args, '-y', '--json'])
      expect(empty.code, empty.stderr).toBe(1)
      expect(empty.json.error.code).toBe('INSUFFICIENT_BALANCE')
      expect(empty.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect((await chain.account(SENDER)).nonce).toBe(nonce)
  })

  it('when the connection drops right after submission, reports the real outcome and applies it once', async () => {
    await net.setStorage({ System: { Account: [[[SENDER], { providers: 1, data: { free: (50n * TAO).toString() } }]] } })
    const proxy = await startCutProxy(net.port)
    try {
      const bob0 = await free(BOB)
      const nonce = (await chain.account(SENDER)).nonce
      proxy.arm('author_submitExtrinsic', 'after-forward')
      const r = await runTao(
        [
          'wallet',
          'transfer',
          '-w',
          'sender',
          '--dest',
          BOB,
          '--amount',
          '3',
          '-y',
          '--json',
          '--network',
          proxy.url,
          '--wallet-path',
          join(dir, 'wallets'),
        ],
        { env: { TAO_PASSWORD: PASSWORD } },
      )
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.status).toBe('landed')
      expect(r.json.connectionLost).toBe(true)
      expect(await free(BOB)).toBe(bob0 + 3n * TAO)
      expect((await chain.account(SENDER)).nonce).toBe(nonce + 1)
    } finally {
      await proxy.close()
    }
  })

  it('a node that is not there exits 3 within the deadline', async () => {
    const t0 = Date.now()
    const r = await runTao(
      [
        'wallet',
        'transfer',
        '-w',
        'sender',
        '--dest',
        BOB,
        '--amount',
        '1',
        '-y',
        '--network',
        'ws://127.0.0.1:1',
        '--wallet-path',
        join(dir, 'wallets'),
      ],
      {
        env: { TAO_PASSWORD: PASSWORD, TAO_CONNECT_TIMEOUT: '2000' },
      },
    )
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/cannot reach/)
    expect(Date.now() - t0).toBeLessThan(10_000)
  })
})
