/**
 * A node that freezes (SIGSTOP: its sockets stay open, nothing answers) right after a transaction was sent:
 * `tao` says the outcome is unknown (exit 5) within its deadline, says so while it waits, and ends right
 * after its final message. Thawed, the node includes the transaction once.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot, runTao, taoBin } from '../helpers/cli.js'
import { assertJsonContract } from '../helpers/json-contract.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const SENDER = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const PASSWORD = 'frozen node test password 1!'
const TAO = 1_000_000_000n
const DEADLINE_S = 60

describe('a node that freezes after submission', () => {
  let net: Localnet
  let dir: string
  const nonce = async () => Number(await net.rpc('system_accountNextIndex', [SENDER]))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-frozen-'))
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
    net?.signal('SIGCONT')
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('wallet transfer: exit 5 ("may or may not have landed") within the deadline, progress meanwhile, and the process ends with its message', async () => {
    const before = await nonce()
    await net.rpc('dev_setBlockBuildMode', ['Manual'])
    const args = [
      'wallet',
      'transfer',
      '--dest',
      BOB,
      '--amount',
      '1',
      '-y',
      '--json',
      '--network',
      net.endpoint,
      '--wallet-path',
      join(dir, 'wallets'),
      '-w',
      'sender',
    ]
    const started = Date.now()
    const child = spawn(process.execPath, [taoBin, ...args], {
      cwd: repoRoot,
      env: cleanEnv({ TAO_PASSWORD: PASSWORD, TAO_DEADLINE: String(DEADLINE_S) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let lastStderrAt = 0
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString()
      lastStderrAt = Date.now()
    })
    // Killed only if it outlives the deadline by far: the assertions below then say why.
    const killer = setTimeout(() => child.kill('SIGKILL'), (DEADLINE_S + 60) * 1000)
    const closed = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.once('close', (code) => resolve({ code, at: Date.now() })),
    )
    try {
      // Freeze the node once it holds the transaction in its pool: the CLI now waits for a block.
      for (let i = 0; i < 600 && (await net.rpc('author_pendingExtrinsics')).length === 0; i++) await new Promise((r) => setTimeout(r, 100))
      expect(await net.rpc('author_pendingExtrinsics')).toHaveLength(1)
      net.signal('SIGSTOP')
      const { code, at } = await closed
      clearTimeout(killer)
      net.signal('SIGCONT')
      expect(code, stderr).toBe(5)
      // The whole command kept its deadline, and nothing held the process after its last word.
      expect(at - started, stderr).toBeLessThan((DEADLINE_S + 10) * 1000)
      expect(at - lastStderrAt, stderr).toBeLessThan(5_000)
      assertJsonContract(args, { code: code!, stdout })
      const doc = JSON.parse(stdout)
      expect(doc.error).toMatchObject({ code: 'TX_UNKNOWN', exitCode: 5 })
      expect(doc).toMatchObject({ status: 'unknown', call: 'Balances.transfer_keep_alive', signer: SENDER })
      expect(doc.txHash).toMatch(/^0x[0-9a-f]{64}$/)
      // It said what it was doing while the node did not answer, and ended with one error line.
      expect(stderr).toMatch(/no answer from the node|connection .*lost/i)
      expect(stderr).toMatch(/reconnecting \(\d+\)/)
      expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^Error: .*may or may not have landed/)
      expect(stderr).not.toMatch(/\n\s+at /)
    } finally {
      clearTimeout(killer)
      child.kill('SIGKILL')
      net.signal('SIGCONT')
      await net.rpc('dev_setBlockBuildMode', ['Instant'])
    }
    // Thawed, the node still holds it: one block includes it, once.
    await net.newBlock()
    expect(await nonce()).toBe(before + 1)
    await net.newBlock()
    expect(await nonce()).toBe(before + 1)
  }, 240_000)

  it('chain info --watch: a node that freezes is noticed (exit 3, one line), not waited for in silence', async () => {
    const args = ['chain', 'info', '--watch', '--json', '--network', net.endpoint]
    const child = spawn(process.execPath, [taoBin, ...args], { cwd: repoRoot, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const printed = new Promise<void>((resolve) =>
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString()
        if (stdout.includes('\n')) resolve()
      }),
    )
    const killer = setTimeout(() => child.kill('SIGKILL'), 150_000)
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve))
    try {
      await printed
      const frozenAt = Date.now()
      net.signal('SIGSTOP')
      const code = await closed
      expect(code, stderr).toBe(3)
      expect(Date.now() - frozenAt).toBeLessThan(60_000)
      expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^Error: the node stopped answering/)
      assertJsonContract(args, { code: code!, stdout })
      expect(JSON.parse(stdout.trimEnd().split('\n').at(-1)!).error).toMatchObject({ code: 'UNREACHABLE', exitCode: 3 })
    } finally {
      clearTimeout(killer)
      child.kill('SIGKILL')
      net.signal('SIGCONT')
    }
  }, 180_000)
})
