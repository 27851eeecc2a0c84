import { Chalk } from 'chalk'
import { render } from 'ink-testing-library'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Metagraph, Neuron, SubnetSummary } from '../subtensor/models.js'
import { encodeAddress } from '../core/ss58.js'
import { WatchApp } from './app.js'
import { mineFromWallets, type Mine } from './mine.js'
import type { Paint } from './paint.js'
import { simulate } from '../../test/helpers/simulate.js'
import { manualSource, type Snapshot } from './source.js'

const TAO = 1_000_000_000n
const address = (seed: number) => encodeAddress(new Uint8Array(32).fill(seed))

const subnet = (netuid: number, over: Partial<SubnetSummary> = {}): SubnetSummary => ({
  netuid,
  name: netuid === 0 ? 'root' : `apex-${netuid}`,
  symbol: netuid === 0 ? 'Τ' : 'α',
  ownerColdkey: address(200 + netuid),
  ownerHotkey: address(150 + netuid),
  price: netuid === 0 ? TAO : TAO / BigInt(netuid + 1),
  marketCap: BigInt(1000 - netuid) * TAO,
  taoEmission: TAO / 100n,
  taoIn: BigInt(100 + netuid) * TAO,
  alphaIn: BigInt(500 + netuid) * TAO,
  alphaOut: 10n * TAO,
  tempo: 10,
  blocksSinceLastStep: 3,
  nextEpochBlock: null,
  neurons: 12,
  maxNeurons: 256,
  burn: TAO,
  registeredAt: 0,
  ...over,
})

const neuron = (uid: number, over: Partial<Neuron> = {}): Neuron => ({
  uid,
  hotkey: address(uid + 1),
  coldkey: address(uid + 100),
  alphaStake: BigInt(uid + 1) * 1000n * TAO,
  taoStake: 0n,
  totalStake: BigInt(uid + 1) * 1000n * TAO,
  stakeSpotValue: BigInt(uid + 1) * 100n * TAO,
  stakeSwapValue: BigInt(uid + 1) * 90n * TAO,
  rank: 0,
  trust: 0,
  validatorTrust: uid < 2 ? 0.5 : 0,
  consensus: 0,
  incentive: uid < 2 ? 0 : uid / 100,
  dividends: uid < 2 ? 0.4 : 0,
  emission: BigInt(uid) * TAO,
  validatorPermit: uid < 2,
  active: true,
  lastUpdate: 95,
  registeredAt: 7,
  axon: uid === 3 ? { ip: '10.0.0.3', port: 8091, version: 2, protocol: 4, block: 50 } : null,
  ...over,
})

const metagraph = (block: number, neurons: Neuron[]): Metagraph => ({ block, subnet: subnet(1), neurons })

function snapshot(block: number, neurons: Neuron[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    block: { number: block, hash: `0x${block}` },
    subnets: [subnet(0), subnet(1), subnet(2)],
    metagraph: metagraph(block, neurons),
    stakes: [{ coldkey: address(100), hotkey: address(1), netuid: 1, alpha: 5n * TAO, spotValue: TAO, swapValue: TAO, price: null }],
    ...extra,
  }
}

const mine: Mine = mineFromWallets([{ name: 'alice', coldkey: { ss58: address(100) }, hotkeys: [{ name: 'hk', ss58: address(4) }] }])

const ESC = '\u001b'
const KEY = { down: `${ESC}[B`, up: `${ESC}[A`, enter: '\r', tab: '\t', pageDown: `${ESC}[6~`, escape: ESC }

let app: ReturnType<typeof render> | undefined
afterEach(() => {
  app?.unmount()
  app = undefined
})

function start(props: { netuid?: number | null; columns?: number; rows?: number; paint?: Paint; onQuit?: () => void } = {}) {
  const source = manualSource()
  const size = { columns: props.columns ?? 140, rows: props.rows ?? 30 }
  const el = (s = size) => (
    <WatchApp
      source={source}
      mine={mine}
      network="local"
      follow="finalized"
      netuid={props.netuid === undefined ? 1 : props.netuid}
      size={s}
      paint={props.paint}
      clock={() => 1_000_000}
      tickMs={0}
      onQuit={props.onQuit}
    />
  )
  app = render(el())
  const a = app
  return {
    source,
    app: a,
    frame: () => a.lastFrame() ?? '',
    lines: () => (a.lastFrame() ?? '').split('\n'),
    resize: (columns: number, rows: number) => a.rerender(el({ columns, rows })),
    emit: (s: Snapshot) => source.emit({ type: 'snapshot', snapshot: s }),
    press: async (...keys: string[]) => {
      for (const k of keys) {
        a.stdin.write(k)
        // A lone ESC is told apart from an escape sequence after 20 ms of silence.
        await new Promise((r) => setTimeout(r, k === ESC ? 40 : 5))
      }
    },
    until: (check: (frame: string) => boolean) =>
      vi.waitFor(
        () => {
          const f = a.lastFrame() ?? ''
          if (!check(f)) throw new Error(`the frame is not as expected:\n${f}`)
        },
        { timeout: 3000 },
      ),
  }
}

const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '')
const rowOf = (frame: string, uid: number) => frame.split('\n').find((l) => new RegExp(`^.{4}\\s*${uid} `).test(plain(l)))
const uidsInOrder = (frame: string) =>
  frame
    .split('\n')
    .map((l) => /^.{4}\s*(\d+) 5/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)

describe('tao watch views', () => {
  test('status line, tabs and the metagraph of the subnet asked for', async () => {
    const t = start()
    t.emit(snapshot(100, [neuron(0), neuron(1), neuron(2)]))
    await t.until((f) => f.includes('block #100'))
    const f = t.frame()
    expect(f).toContain('local')
    expect(f).toContain('SN1 epoch in 7 blk')
    expect(f).toContain('● live')
    expect(f).toContain('2 Subnet 1')
    expect(f).toContain('HOTKEY')
    expect(uidsInOrder(f)).toEqual([2, 1, 0]) // by stake, largest first
    // The subnet's header, as subnets show has it.
    expect(f).toContain('SN1 α apex-1 · price 0.5 τ · pool 101 τ / 501 α · UIDs 12/256 (3 shown) · tempo 10 · burn 1 τ · owner')
    expect(t.lines().at(-1)).toContain('q quit')
  })

  test('sorting: s cycles the column, S reverses', async () => {
    const t = start()
    t.emit(snapshot(100, [neuron(0), neuron(1), neuron(2), neuron(3)]))
    await t.until((f) => f.includes('block #100'))
    expect(t.frame()).toContain('STAKE α▼')
    await t.press('s') // the next sortable column after stake: what unstaking pays
    await t.until((f) => f.includes('SWAP τ▲'))
    expect(uidsInOrder(t.frame())).toEqual([0, 1, 2, 3])
    await t.press('S')
    await t.until((f) => f.includes('SWAP τ▼'))
    expect(uidsInOrder(t.frame())).toEqual([3, 2, 1, 0])
  })

  test('filtering by uid, by hotkey, validators only, mine only', async () => {
    const t = start()
    t.emit(
      snapshot(
        100,
        Array.from({ length: 12 }, (_, i) => neuron(i)),
      ),
    )
    await t.until((f) => f.includes('block #100'))
    await t.press('/', '1', '1', KEY.enter)
    await t.until((f) => uidsInOrder(f).join() === '11')
    expect(t.frame()).toContain('/11')
    await t.press(KEY.escape)
    await t.until((f) => uidsInOrder(f).length === 12)
    await t.press('/', ...address(5).slice(0, 10).split(''), KEY.enter)
    await t.until((f) => uidsInOrder(f).join() === '4')
    await t.press(KEY.escape, 'v')
    await t.until((f) => uidsInOrder(f).sort().join() === '0,1')
    expect(t.frame()).toContain('[validators]')
    await t.press('v', 'm')
    // Mine: uid 0 (coldkey of wallet alice) and uid 3 (hotkey alice/hk).
    await t.until((f) => uidsInOrder(f).sort().join() === '0,3')
    expect(rowOf(t.frame(), 3)!.slice(0, 4)).toContain('*')
  })

  test('values that changed since the previous block are marked up/down, in colour too', async () => {
    const t = start({ paint: new Chalk({ level: 1 }) })
    t.emit(snapshot(100, [neuron(0), neuron(1), neuron(2)]))
    await t.until((f) => f.includes('block #100'))
    t.emit(snapshot(101, [neuron(0, { alphaStake: 1n }), neuron(1, { dividends: 0.9 }), neuron(2)]))
    await t.until((f) => f.includes('block #101'))
    const f = t.frame()
    expect(plain(rowOf(f, 0)!)).toMatch(/1e-9-/)
    expect(plain(rowOf(f, 1)!)).toMatch(/0\.9000\+/)
    expect(plain(rowOf(f, 2)!)).not.toMatch(/\d[+-]/)
    expect(f).toContain('\u001b[31m') // red
    expect(f).toContain('\u001b[32m') // green
    // The block after: nothing changed, no marks.
    t.emit(snapshot(102, [neuron(0, { alphaStake: 1n }), neuron(1, { dividends: 0.9 }), neuron(2)]))
    await t.until((f2) => f2.includes('block #102'))
    for (const uid of [0, 1, 2]) expect(plain(rowOf(t.frame(), uid)!)).not.toMatch(/\d[+-]/)
  })

  test("the empty-table line is dimmed by the views' paint, so it is plain where colour is off", async () => {
    const coloured = start({ paint: new Chalk({ level: 1 }) })
    await coloured.until((f) => f.includes('reading subnet 1…'))
    expect(coloured.frame()).toContain('\u001b[2m    reading subnet 1…')
    coloured.app.unmount()
    const uncoloured = start()
    await uncoloured.until((f) => f.includes('reading subnet 1…'))
    expect(uncoloured.frame()).not.toMatch(/\u001b\[/)
  })

  test('a UID that registered or was replaced is marked', async () => {
    const t = start()
    t.emit(snapshot(100, [neuron(0), neuron(1)]))
    await t.until((f) => f.includes('block #100'))
    t.emit(snapshot(101, [neuron(0), neuron(1, { hotkey: address(77) }), neuron(2)]))
    await t.until((f) => f.includes('block #101'))
    expect(rowOf(t.frame(), 1)!.slice(0, 4)).toContain('~')
    expect(rowOf(t.frame(), 2)!.slice(0, 4)).toContain('+')
  })

  test('the detail pane: sparklines over the blocks seen, axon, registration, last update', async () => {
    const t = start()
    for (let b = 100; b < 108; b++) t.emit(snapshot(b, [neuron(0), neuron(3, { alphaStake: BigInt(b - 99) * 1000n * TAO })]))
    await t.until((f) => f.includes('block #107'))
    // UID 3 has the most stake: first row.
    await t.press(KEY.enter)
    await t.until((f) => f.includes('── UID 3'))
    const f = t.frame()
    expect(f).toMatch(/stake\s+▁▂▃▄▅▆▇█/)
    expect(f).toContain('10.0.0.3:8091 (v2, protocol 4, served #50)')
    expect(f).toContain('registered #7')
    expect(f).toContain('last update #95 (12 blocks ago)')
    expect(f).toContain('8 blocks seen this session')
    expect(f).toContain(`(alice/hk)`)
    expect(t.lines().length).toBe(30)
    await t.press(KEY.escape)
    await t.until((f2) => !f2.includes('── UID 3'))
  })

  test('subnets overview, enter opens the metagraph; my stake with totals', async () => {
    const t = start({ netuid: null })
    const source = t.source
    t.emit(snapshot(100, [neuron(0)], { metagraph: null }))
    await t.until((f) => f.includes('block #100'))
    expect(t.frame()).toContain('apex-2')
    expect(t.frame()).toContain('EPOCH IN')
    await t.press(KEY.down, KEY.down, KEY.enter)
    await t.until((f) => f.includes('2 Subnet 2'))
    expect(source.focused).toBe(2)
    expect(t.frame()).toContain('reading subnet 2…')
    await t.press(KEY.tab)
    await t.until((f) => f.includes('unstaking all pays'))
    expect(t.frame()).toContain('alice')
    expect(t.frame()).toContain('1 position · unstaking all pays τ1 (spot τ1)')
  })

  test('80x24: low-priority columns go, keys shorten, nothing wraps, the frame is 24 lines', async () => {
    const sim = simulate({ uids: 256, seed: 3 })
    const t = start({ columns: 80, rows: 24 })
    t.emit(sim.next())
    t.emit(sim.next())
    await t.until((f) => /^>/m.test(f))
    const lines = t.lines()
    expect(lines.length).toBe(24)
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80)
    expect(lines.join('\n')).not.toContain('AXON')
    expect(lines.join('\n')).not.toContain('RANK')
    expect(lines.find((l) => /^>/.test(l))).toMatch(/5\w+\.\.\w+/)
    // Rows are printable ASCII (Ink's fast path).
    for (const l of lines.slice(3, -2)) expect(l).toMatch(/^[ -~]*$/)
    expect(lines.at(-1)).toContain('q')
    // The detail pane fits too.
    await t.press(KEY.enter)
    await t.until((f) => f.includes('── UID'))
    expect(t.lines().length).toBe(24)
    for (const l of t.lines()) expect([...l].length).toBeLessThanOrEqual(80)
  })

  test('resizing re-lays out the frame', async () => {
    const sim = simulate({ uids: 64, seed: 4 })
    const t = start({ columns: 160, rows: 40 })
    t.emit(sim.next())
    await t.until((f) => f.includes('AXON'))
    t.resize(60, 15)
    await t.until((f) => !f.includes('AXON') && f.split('\n').length === 15)
    for (const l of t.lines()) expect([...l].length).toBeLessThanOrEqual(60)
    t.resize(200, 50)
    await t.until((f) => f.includes('AXON') && f.split('\n').length === 50)
  })

  test('paging moves by a screen', async () => {
    const t = start({ rows: 20 })
    t.emit(
      snapshot(
        100,
        Array.from({ length: 60 }, (_, i) => neuron(i)),
      ),
    )
    await t.until((f) => f.includes('block #100'))
    await t.press(KEY.pageDown)
    await t.until((f) => !uidsInOrder(f).includes(59))
    expect(t.lines().find((l) => l.startsWith('>'))).toBeDefined()
  })

  test('a lost connection shows a banner and keeps the data; the next block clears it', async () => {
    const t = start()
    t.emit(snapshot(100, [neuron(0), neuron(1)]))
    await t.until((f) => f.includes('block #100'))
    t.source.emit({
      type: 'connection',
      connection: { state: 'lost', since: 1_000_000 - 12_000, attempt: 3, retryAt: 1_000_000 + 4000, reason: 'connection closed' },
    })
    await t.until((f) => f.includes('connection lost'))
    const f = t.frame()
    expect(f).toContain('connection lost 12s ago')
    expect(f).toContain('retrying in 4s (attempt 3)')
    expect(f).toContain('✕ offline')
    expect(uidsInOrder(f)).toEqual([1, 0])
    expect(t.lines().length).toBe(30)
    t.emit(snapshot(101, [neuron(0), neuron(1)]))
    await t.until((f2) => !f2.includes('connection lost') && f2.includes('block #101'))
  })

  test('keys that arrive together are each handled (jj, key repeat, Escape then a view)', async () => {
    const t = start({ netuid: null })
    t.emit(snapshot(100, [neuron(0)], { subnets: [0, 1, 2, 3, 4].map((n) => subnet(n)) }))
    await t.until((f) => f.includes('block #100'))
    const selected = () =>
      /^>\s*(\d+) /.exec(
        plain(t.frame())
          .split('\n')
          .find((l) => l.startsWith('>')) ?? '',
      )?.[1]
    expect(selected()).toBe('0')
    t.app.stdin.write('jj')
    await t.until(() => selected() === '2')
    t.app.stdin.write('jjk')
    await t.until(() => selected() === '3')
    // A filter left with Escape and the stake view, in one chunk.
    await t.press('/', '9')
    await t.until((f) => f.includes('/9▏'))
    t.app.stdin.write(`${ESC}3`)
    await t.until((f) => f.includes('position'))
    expect(t.frame()).not.toContain('/9')
  })

  test('40x10: My stake drops whole columns, never cuts a number', async () => {
    const t = start({ netuid: null, columns: 40, rows: 10 })
    t.emit(
      snapshot(100, [neuron(0)], {
        stakes: [
          {
            coldkey: address(100),
            hotkey: address(4),
            netuid: 1,
            alpha: 1234n * TAO,
            spotValue: 8_765_432n * TAO,
            swapValue: 8_765_432n * TAO,
            price: null,
          },
        ],
      }),
    )
    await t.until((f) => f.includes('block #100'))
    await t.press('3')
    await t.until((f) => f.includes('position'))
    const lines = t.lines()
    const header = lines.find((l) => l.includes('HOTKEY'))!
    expect(header.trim().split(/\s+/)).toEqual(['HOTKEY', 'NETUID', 'ALPHA'])
    expect(lines.find((l) => l.startsWith('>'))!.trimEnd()).toMatch(/ 1234$/)
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40)
    expect(t.frame()).not.toContain('V…')
  })

  test('help, and q quits', async () => {
    const onQuit = vi.fn()
    const t = start({ onQuit })
    t.emit(snapshot(100, [neuron(0)]))
    await t.until((f) => f.includes('block #100'))
    await t.press('?')
    await t.until((f) => f.includes('validators only'))
    await t.press('j')
    await t.until((f) => !f.includes('validators only'))
    await t.press('q')
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1))
  })
})
