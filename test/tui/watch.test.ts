/**
 * `tao watch` as a person runs it: the built CLI in a real terminal (tmux) against the local chain. New
 * blocks are built and the screen is read back (capture-pane) to see the block number and the values
 * follow the chain; the window is resized; `q` (and Ctrl-C) leave with exit 0 and the terminal as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// A CLI in a terminal against a chain, on a shared machine: room for slow starts.
vi.setConfig({ testTimeout: 240_000 })
import { cleanEnv, runTao, taoBin } from '../helpers/cli.js'
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { seedPool, setStakeShares, setTempo, TAO } from '../helpers/subnet-setup.js'
import { openTerminal, type Terminal } from '../helpers/tmux.js'

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

const blockOf = (screen: string): number => Number(/block #(\d+)/.exec(screen)?.[1] ?? NaN)
/** The screen row of a metagraph UID (after the 4 marker cells). */
const uidRow = (screen: string, uid: number) => screen.split('\n').find((l) => new RegExp(`^.{4}\\s*${uid} 5`).test(l))
const stakeRow = (screen: string) => screen.split('\n').find((l) => l.includes(' bob ') || /^.{4}bob /.test(l))

describe('tao watch in a real terminal, against the local chain', () => {
  let net: Localnet
  let dir: string
  let wallets: string
  const terminals: Terminal[] = []

  /** `tao watch ARGS` in a new terminal; the script prints how it ended and whether the tty settings came back. */
  const watch = async (args: string[], size = { columns: 160, rows: 40 }) => {
    const command = ['node', taoBin, 'watch', ...args].map((a) => `'${a}'`).join(' ')
    const term = await openTerminal({
      ...size,
      dir,
      // CI set, as in a CI job or a dev container: a terminal is still a terminal (Ink alone would draw nothing).
      env: { ...cleanEnv(), BT_WALLET_PATH: wallets, CI: 'true' },
      script: [
        "printf 'BEFORE-WATCH\\n'",
        'before=$(stty -g)',
        command,
        'code=$?',
        'after=$(stty -g)',
        '[ "$before" = "$after" ] && tty=same || tty=changed',
        'printf \'AFTER-WATCH exit=%s tty=%s\\n\' "$code" "$tty"',
        'sleep 600',
      ].join('\n'),
    })
    terminals.push(term)
    return term
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-watch-'))
    wallets = join(dir, 'wallets')
    net = await startLocalnet()
    // A watch-only wallet "bob" (so "my stake" has a position) staking on subnet 1 through Alice's hotkey:
    // 4 of the hotkey's 8 shares of 10 alpha = 5 alpha; the pool prices alpha at 0.5 TAO; epochs of subnet 1
    // every 4 blocks.
    const r = await runTao(['wallet', 'regen-coldkeypub', '-w', 'bob', '--ss58', BOB, '--wallet-path', wallets, '--json'])
    expect(r.code, r.stderr).toBe(0)
    await setStakeShares(net, { coldkey: BOB, hotkey: ALICE, netuid: 1, shares: 4n * TAO, hotkeyShares: 8n * TAO, hotkeyAlpha: 10n * TAO })
    await seedPool(net, 1, { tao: 100n * TAO, alpha: 200n * TAO })
    await setTempo(net, 1, 4)
    await net.newBlock()
  })

  afterAll(async () => {
    for (const t of terminals) await t.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('refuses to start without a terminal: exit 2, one line that says what to use instead', async () => {
    const r = await runTao(['watch', '--network', net.endpoint])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('needs a terminal')
    expect(r.stderr).toContain('tao subnets show --netuid N --json')
  })

  it('follows new blocks, shows values changing, resizes cleanly and quits with q (exit 0, terminal restored)', async () => {
    const term = await watch(['--network', net.endpoint, '--netuid', '1'])
    let screen = await term.waitFor((s) => /block #\d+/.test(s) && uidRow(s, 0) !== undefined, 'the metagraph of subnet 1')
    expect(await term.pane('#{alternate_on}')).toBe('1')
    expect(screen).toContain('2 Subnet 1')
    expect(screen).toMatch(/SN1 epoch in \d+ blk/)
    const first = blockOf(screen)

    // New blocks: the block number follows, one block at a time.
    for (let i = 1; i <= 3; i++) {
      await net.newBlock()
      await term.waitFor((s) => blockOf(s) === first + i, `block #${first + i}`)
    }

    // Values follow the chain: stake moves on subnet 1 through a dev_setStorage, visible at the next block
    // in "my stake" (marked + as it went up), and the pool in the subnets overview.
    await term.keys('3')
    screen = await term.waitFor((s) => stakeRow(s) !== undefined, "bob's stake position")
    expect(stakeRow(screen)).toMatch(/\s5\s/)
    // The hotkey's alpha grows to 14: Bob's half share is 7.
    await net.setStorage({
      SubtensorModule: { TotalHotkeyAlpha: [[[ALICE, 1], (14n * TAO).toString()]], SubnetTAO: [[[1], (123n * TAO).toString()]] },
    })
    await net.newBlock()
    await term.waitFor((s) => /\s7\+/.test(stakeRow(s) ?? ''), 'the new stake of 7 alpha, marked as up')
    await term.keys('1')
    screen = await term.waitFor((s) => s.includes('TAO IN'), 'the subnets overview')
    // 123 TAO set in the pool, and the block's emission on top of it.
    expect(screen).toMatch(/\s12\d(\.\d+)?\+/)

    // Spec 218's raonet build runs the subnet's epoch at every block whatever its tempo (4 here): the countdown
    // is always the next block, and the metagraph is re-read at each one.
    await term.keys('2')
    const counts = new Set<string>()
    for (let i = 0; i < 5; i++) {
      await net.newBlock()
      screen = await term.waitFor((s) => /SN1 epoch in \d+ blk/.test(s) && uidRow(s, 0) !== undefined, 'the countdown')
      counts.add(/SN1 epoch in (\d+) blk/.exec(screen)![1]!)
    }
    expect([...counts]).toEqual(['1'])

    // 80x24: the frame fits, low-priority columns go, keys shorten; nothing wraps.
    await term.resize(80, 24)
    await term.waitFor((s) => !s.includes('RANK') && s.split('\n').length === 24, 'the 80-column layout')
    let rows = await term.screen()
    expect(rows).toHaveLength(24)
    expect(rows[0]).toMatch(/block #\d+/)
    expect(rows[2]).toMatch(/UID\s+HOTKEY/)
    expect(rows[2]).not.toContain('AXON')
    expect(rows[2]).not.toContain('RANK')
    expect(rows[23]).toContain('jk move')
    expect(uidRow(rows.join('\n'), 0)).toMatch(/5\w+\.\.\w+/)
    // The detail pane of UID 0 fits too.
    await term.keys('Enter')
    screen = await term.waitFor((s) => s.includes('── UID 0'), 'the detail pane')
    expect(screen).toMatch(/last update #\d+/)
    rows = await term.screen()
    expect(rows).toHaveLength(24)
    expect(rows[23]).toContain('jk move')
    await term.keys('Escape')

    await term.resize(170, 45)
    await term.waitFor((s) => s.includes('AXON'), 'the wide layout again')
    expect((await term.screen())[44]).toContain('enter details')

    await term.keys('q')
    screen = await term.waitFor((s) => s.includes('AFTER-WATCH'), 'tao watch to exit')
    expect(screen).toContain('AFTER-WATCH exit=0 tty=same')
    expect(screen).toContain('BEFORE-WATCH')
    expect(screen).not.toContain('HOTKEY')
    expect(await term.pane('#{alternate_on}')).toBe('0')
    expect(await term.pane('#{cursor_flag}')).toBe('1')
  })

  it('Ctrl-C quits with exit 0 and the terminal restored', async () => {
    const term = await watch(['--network', net.endpoint], { columns: 100, rows: 30 })
    await term.waitFor((s) => /block #\d+/.test(s) && s.includes('PRICE'), 'the subnets overview')
    await term.keys('C-c')
    const screen = await term.waitFor((s) => s.includes('AFTER-WATCH'), 'tao watch to exit')
    expect(screen).toContain('AFTER-WATCH exit=0 tty=same')
    expect(await term.pane('#{alternate_on}')).toBe('0')
  })

  it('a subnet that does not exist: exit 2 with one line, before the screen is taken', async () => {
    const term = await watch(['--network', net.endpoint, '--netuid', '99'], { columns: 100, rows: 30 })
    const screen = await term.waitFor((s) => s.includes('AFTER-WATCH'), 'tao watch to exit')
    expect(screen).toContain('subnet 99 does not exist')
    expect(screen).toContain('AFTER-WATCH exit=2 tty=same')
  })

  it('--best follows best blocks; a lost connection shows a banner, keeps the data, and reconnects', async () => {
    let proxy: CutProxy | undefined
    try {
      proxy = await startCutProxy(net.port)
      const term = await watch(['--network', proxy.url, '--netuid', '1', '--best'], { columns: 120, rows: 30 })
      let screen = await term.waitFor((s) => uidRow(s, 0) !== undefined && /● live/.test(s), 'the metagraph, live')
      expect(screen).toContain('(best)')
      await net.newBlock()
      screen = await term.waitFor((s) => blockOf(s) === blockOf(screen) + 1, 'the next best block')
      const before = blockOf(screen)
      // The next block's reads cut every connection; the node itself goes on.
      proxy.arm('state_queryStorageAt', 'instead-of-forward')
      await net.newBlock()
      await proxy.cut()
      screen = await term.waitFor((s) => s.includes('connection lost'), 'the banner')
      expect(screen).toMatch(/retrying in \d+s \(attempt \d+\)|reconnecting/)
      expect(uidRow(screen, 0)).toBeDefined()
      expect(blockOf(screen)).toBe(before)
      // New connections pass again: it reconnects by itself and follows the chain.
      await net.newBlock()
      screen = await term.waitFor(
        (s) => !s.includes('connection lost') && blockOf(s) >= before + 1 && /● live/.test(s),
        'the reconnected view',
        90_000,
      )
      await term.keys('q')
      screen = await term.waitFor((s) => s.includes('AFTER-WATCH'), 'tao watch to exit')
      expect(screen).toContain('AFTER-WATCH exit=0 tty=same')
    } finally {
      await proxy?.close()
    }
  })
})
