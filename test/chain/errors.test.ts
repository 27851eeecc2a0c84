/**
 * Errors against a real local chain: values out of the runtime's ranges are exit 2 before signing,
 * eras are what the chain accepts, node rejections are said in words, and Ctrl-C while a transaction is
 * pending exits 130 with one line without sending anything twice.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot, runTao, taoBin } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const SENDER = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const PASSWORD = 'errors test password 1!'
const TAO = 1_000_000_000n

describe('errors against a real local chain', () => {
  let net: Localnet
  let dir: string
  const walletArgs = () => ['--network', net.endpoint, '--wallet-path', join(dir, 'wallets'), '-w', 'sender']
  const tao = (args: string[]) => runTao([...args, ...walletArgs()], { env: { TAO_PASSWORD: PASSWORD }, cwd: dir })
  const nonce = async () => Number(await net.rpc('system_accountNextIndex', [SENDER]))
  const expectOneLine = (stderr: string) => {
    expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1)
    expect(stderr).not.toMatch(/\n\s+at /)
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-errors-chain-'))
    net = await startLocalnet({ fund: { [SENDER]: 100n * TAO } })
    writeFileSync(join(dir, 'words'), DEV_PHRASE)
    const regen = await runTao(
      ['wallet', 'regen-coldkey', '-w', 'sender', '--mnemonic-file', join(dir, 'words'), '--wallet-path', join(dir, 'wallets'), '-y'],
      {
        env: { TAO_PASSWORD: PASSWORD },
      },
    )
    expect(regen.code, regen.stderr).toBe(0)
  })
  afterAll(async () => {
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('an amount over u64 rao is exit 2 with one line before signing, from the runtime types', async () => {
    const before = await nonce()
    const r = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '18446744073.709551616', '-y', '--json'])
    expect(r.code, r.stderr).toBe(2)
    expectOneLine(r.stderr)
    expect(r.json.error).toMatchObject({ code: 'OUT_OF_RANGE', exitCode: 2 })
    expect(r.json.error.message).toBe(
      'Balances.transfer_keep_alive: value = 18446744073709551616 is more than Compact<u64> can hold (at most 18446744073709551615 rao = 18446744073.709551615 TAO); nothing was signed',
    )
    // The largest amount that fits is a plain "not enough balance", not a range error.
    const max = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '18446744073.709551615', '-y', '--json'])
    expect(max.json.error.code).not.toBe('OUT_OF_RANGE')
    const tip = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1', '--tip', '18446744073.709551616', '-y', '--json'])
    expect(tip.code, tip.stderr).toBe(2)
    expect(tip.json.error.message).toMatch(/^ChargeTransactionPayment: tip = 18446744073709551616 is more than Compact<u64> can hold/)
    expect(await nonce()).toBe(before)
  })

  it('eras: up to System.BlockHashCount lands; longer is exit 2 before signing', async () => {
    const before = await nonce()
    const long = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1', '--era', '2401', '-y', '--json'])
    expect(long.code, long.stderr).toBe(2)
    expectOneLine(long.stderr)
    expect(long.json.error.message).toMatch(
      /--era 2401 is longer than this runtime keeps block hashes \(System\.BlockHashCount = 2400\) \(spec 218\)/,
    )
    // Above 4096 the era phase is quantised and the signature would not match (badProof): refused by the flag.
    const huge = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1', '--era', '65536', '-y', '--json'])
    expect(huge.code, huge.stderr).toBe(2)
    expect(huge.json.error.message).toBe('--era: must be at most 4096, not 65536')
    expect(await nonce()).toBe(before)

    // The longest accepted era is signed with an exact phase and lands, whatever the block number.
    const ok = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1', '--era', '2400', '-y', '--json'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.json).toMatchObject({ status: 'landed', ok: true })
    expect(await nonce()).toBe(before + 1)
  })

  it('a transaction the node refuses is said in words (exit 1); the raw answer stays in --verbose and the JSON', async () => {
    const dry = await tao(['wallet', 'transfer', '--dest', BOB, '--amount', '1', '--dry-run', '-y'])
    expect(dry.code, dry.stderr).toBe(0)
    const hex = dry.stdout.trim()
    const first = await runTao(['tx', 'submit', hex, '--network', net.endpoint, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const again = await runTao(['tx', 'submit', hex, '--network', net.endpoint, '--json'])
    expect(again.code, again.stderr).toBe(1)
    // (tx submit says what it submits first; the error is one line after it)
    expect(again.stderr.trimEnd().split('\n').at(-1)).toBe(`Error: ${again.json.error.message}`)
    expect(again.json.error).toMatchObject({ code: 'TX_REJECTED', exitCode: 1 })
    expect(again.json.error.message).toBe(
      'the node refused the transaction: its nonce is already used: this transaction or another with the same nonce was already submitted; nothing was included',
    )
    expect(again.json.rejection).toMatchObject({ reason: 'stale', node: expect.stringContaining('stale') })
    expect(again.stderr).not.toMatch(/\{"invalid"/)
    const verbose = await runTao(['tx', 'submit', hex, '--network', net.endpoint, '--verbose'])
    expect(verbose.stderr).toMatch(/node answer: 1010: .*stale/)
  })

  it('Ctrl-C while waiting for the block: exit 130, one line saying it was sent; it lands once, never re-sent', async () => {
    const before = await nonce()
    await net.rpc('dev_setBlockBuildMode', ['Manual'])
    try {
      const child = spawn(process.execPath, [taoBin, 'wallet', 'transfer', '--dest', BOB, '--amount', '2', '-y', ...walletArgs()], {
        cwd: repoRoot,
        env: cleanEnv({ TAO_PASSWORD: PASSWORD }),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve))
      // Interrupt once the node holds it in its pool (the CLI is now waiting for a block).
      for (let i = 0; i < 600 && (await net.rpc('author_pendingExtrinsics')).length === 0; i++) await new Promise((r) => setTimeout(r, 100))
      expect(await net.rpc('author_pendingExtrinsics')).toHaveLength(1)
      child.kill('SIGINT')
      expect(await closed).toBe(130)
      expect(stderr.trimEnd().split('\n').at(-1)).toMatch(
        /^interrupted after sending transaction 0x[0-9a-f]{64}: it may still land; check the account before sending it again$/,
      )
      expect(stderr).not.toMatch(/\n\s+at /)
    } finally {
      await net.rpc('dev_setBlockBuildMode', ['Instant'])
    }
    await net.newBlock()
    expect(await nonce()).toBe(before + 1)
    await net.newBlock()
    expect(await nonce()).toBe(before + 1)
  })
})
