#!/usr/bin/env node
// The live TUI (`tao watch`): frame render time for a 256-UID metagraph, memory over thousands of simulated
// blocks, and CPU between blocks. The frames are drawn by Ink into an in-memory terminal; the baseline is a
// naive Ink table (a <Box> per cell, every row), rendered side by side in the same run.
// Usage: node --expose-gc bench/tui.mjs [frames] [blocks]   (after npm run build)
import { EventEmitter } from 'node:events'
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

// As `tao watch` runs it: React's production build (set before React loads).
process.env.NODE_ENV ??= 'production'
const { Box, render, Text } = await import('ink')
const { createElement: h } = await import('react')

const { source } = await import('./source.mjs')
const { WatchApp, manualSource, simulate, applyEvent, initialModel, frameLayout, initialUi, NOBODY, plainPaint, compactAmount, unitValue } =
  await source(
    'src/tui/app.tsx',
    'src/tui/source.ts',
    'test/helpers/simulate.ts',
    'src/tui/model.ts',
    'src/tui/frame.ts',
    'src/tui/state.ts',
    'src/tui/mine.ts',
    'src/tui/paint.ts',
    'src/tui/format.ts',
  )
const { Chalk } = await import('chalk')
/** Colours as on a terminal (changed values green/red, the selection inverse). */
const paint = new Chalk({ level: 1 })

const frames = Number(process.argv[2] ?? 60)
const blocks = Number(process.argv[3] ?? 20_000)
const gc = globalThis.gc ?? (() => undefined)

/** A terminal in memory: Ink writes frames here; `next()` resolves at the next write. */
class Terminal extends EventEmitter {
  constructor(columns, rows) {
    super()
    this.columns = columns
    this.rows = rows
    this.isTTY = true
    this.waiters = []
    this.bytes = 0
  }
  write(chunk, cb) {
    this.bytes += chunk.length
    // A frame ends with the end of synchronized output.
    if (chunk.includes('\u001b[?2026l')) for (const w of this.waiters.splice(0)) w()
    if (typeof cb === 'function') cb()
    return true
  }
  next() {
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}
class Keyboard extends EventEmitter {
  isTTY = true
  pending = null
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    const data = this.pending
    this.pending = null
    return data
  }
  /** A key press, as a terminal delivers it. */
  press(data) {
    this.pending = data
    this.emit('readable')
  }
}
const inkOptions = (stdout) => ({
  stdout,
  stdin: new Keyboard(),
  stderr: new Terminal(80, 24),
  exitOnCtrlC: false,
  patchConsole: false,
  interactive: true,
  maxFps: 1000,
  incrementalRendering: true,
})

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]
/** Wall time and this process's CPU time (ms) since t0/c0: on a shared machine the CPU time says more. */
const sample = (t0, c0) => {
  const c = process.cpuUsage(c0)
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }
}

/** Time from a new snapshot to the frame written, for `frames` successive blocks. */
async function watchFrames(columns, rows, count) {
  const term = new Terminal(columns, rows)
  const source = manualSource()
  const sim = simulate({ uids: 256, seed: 7, tempo: 0 }) // every block is an epoch: every value changes
  const app = render(
    h(WatchApp, { source, mine: NOBODY, network: 'local', follow: 'finalized', netuid: 1, size: { columns, rows }, tickMs: 0, paint }),
    inkOptions(term),
  )
  const times = []
  for (let i = 0; i < count + 5; i++) {
    const snapshot = sim.next()
    const written = term.next()
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    source.emit({ type: 'snapshot', snapshot })
    await written
    if (i >= 5) times.push(sample(t0, c0)) // the first frames warm the JIT
  }
  app.unmount()
  return times
}

/** The naive baseline: every row, a <Box> per cell (what the perf notes measured first). */
function NaiveTable({ neurons }) {
  return h(
    Box,
    { flexDirection: 'column' },
    neurons.map((n) =>
      h(
        Box,
        { key: n.uid },
        [
          String(n.uid),
          n.hotkey.slice(0, 11),
          n.coldkey.slice(0, 11),
          compactAmount(n.alphaStake),
          compactAmount(n.stakeSwapValue),
          unitValue(n.rank),
          unitValue(n.trust),
          unitValue(n.validatorTrust),
          unitValue(n.consensus),
          unitValue(n.incentive),
          unitValue(n.dividends),
          compactAmount(n.emission),
        ].map((cell, i) => h(Box, { key: i, width: 11 }, h(Text, null, cell))),
      ),
    ),
  )
}
async function naiveFrames(columns, rows, count) {
  const term = new Terminal(columns, rows)
  const sim = simulate({ uids: 256, seed: 7, tempo: 0 })
  const app = render(h(NaiveTable, { neurons: sim.next().metagraph.neurons }), inkOptions(term))
  const times = []
  for (let i = 0; i < count + 5; i++) {
    const neurons = sim.next().metagraph.neurons
    const written = term.next()
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    app.rerender(h(NaiveTable, { neurons }))
    await written
    if (i >= 5) times.push(sample(t0, c0))
  }
  app.unmount()
  return times
}

/** A key press (selection moves one row): what redraws when nothing but the cursor changed. */
async function cursorFrames(columns, rows, count) {
  const term = new Terminal(columns, rows)
  const source = manualSource()
  const keyboard = new Keyboard()
  const sim = simulate({ uids: 256, seed: 7 })
  const app = render(
    h(WatchApp, { source, mine: NOBODY, network: 'local', follow: 'finalized', netuid: 1, size: { columns, rows }, tickMs: 0, paint }),
    { ...inkOptions(term), stdin: keyboard },
  )
  source.emit({ type: 'snapshot', snapshot: sim.next() })
  await term.next()
  const times = []
  for (let i = 0; i < count + 5; i++) {
    const written = term.next()
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    keyboard.press(i % 40 < 20 ? 'j' : 'k')
    await written
    if (i >= 5) times.push(sample(t0, c0))
  }
  app.unmount()
  return times
}

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1)

/** The live model and the frame layout over many blocks: heap after GC at checkpoints. */
function memoryOverBlocks(total) {
  const sim = simulate({ uids: 256, seed: 11, tempo: 20 })
  let model = initialModel()
  const ui = initialUi(1)
  const points = []
  const checkpoints = new Set([1000, Math.floor(total / 4), Math.floor(total / 2), total])
  gc()
  const start = process.memoryUsage().heapUsed
  for (let b = 1; b <= total; b++) {
    model = applyEvent(model, { type: 'snapshot', snapshot: sim.next() }, b * 12_000)
    // What the screen would compute for that block.
    frameLayout(model, { ...ui, detail: true }, NOBODY, 120, 40, plainPaint)
    if (checkpoints.has(b)) {
      gc()
      points.push([b, process.memoryUsage().heapUsed, process.memoryUsage().rss])
    }
  }
  return { start, points }
}

/** The whole app (Ink drawing every block, detail pane open): heap after GC at checkpoints. */
async function appMemory(total) {
  const term = new Terminal(120, 40)
  const source = manualSource()
  const keyboard = new Keyboard()
  const sim = simulate({ uids: 256, seed: 13, tempo: 20 })
  const app = render(
    h(WatchApp, {
      source,
      mine: NOBODY,
      network: 'local',
      follow: 'finalized',
      netuid: 1,
      size: { columns: 120, rows: 40 },
      tickMs: 0,
      paint,
    }),
    { ...inkOptions(term), stdin: keyboard },
  )
  source.emit({ type: 'snapshot', snapshot: sim.next() })
  await term.next()
  keyboard.press('\r') // the detail pane: sparklines over the history
  const points = []
  const checkpoints = new Set([Math.floor(total / 10), Math.floor(total / 2), total])
  for (let b = 1; b <= total; b++) {
    const written = term.next()
    source.emit({ type: 'snapshot', snapshot: sim.next() })
    await written
    if (checkpoints.has(b)) {
      gc()
      const m = process.memoryUsage()
      points.push([b, m.heapUsed, m.rss])
    }
  }
  app.unmount()
  return points
}

/** CPU used by a mounted app with no new blocks (only the once-a-second status tick), over `ms`. */
async function idleCpu(ms) {
  const term = new Terminal(120, 40)
  const source = manualSource()
  const sim = simulate({ uids: 256, seed: 7 })
  const app = render(
    h(WatchApp, { source, mine: NOBODY, network: 'local', follow: 'finalized', netuid: 1, size: { columns: 120, rows: 40 }, paint }),
    inkOptions(term),
  )
  source.emit({ type: 'snapshot', snapshot: sim.next() })
  await term.next()
  await new Promise((r) => setTimeout(r, 1000))
  const before = process.cpuUsage()
  const t0 = performance.now()
  await new Promise((r) => setTimeout(r, ms))
  const used = process.cpuUsage(before)
  const wall = performance.now() - t0
  app.unmount()
  return ((used.user + used.system) / 1000 / wall) * 100
}

// Memory is measured in a process of its own (`--part …`), so the other cases' allocations do not count.
const part = process.argv.find((a) => a.startsWith('--part='))?.slice('--part='.length)
if (part === 'model-memory') {
  console.log(JSON.stringify(memoryOverBlocks(blocks)))
  process.exit(0)
}
if (part === 'app-memory') {
  console.log(JSON.stringify(await appMemory(blocks)))
  process.exit(0)
}
const inChild = (name, n) => {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), String(frames), String(n), `--part=${name}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1))
}

console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model?.trim()}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
console.log(`\n### Frame time, 256-UID metagraph, every value changed (${frames} blocks, ms from snapshot to frame written)\n`)
console.log('| case | visible rows | CPU median ms | CPU p95 ms | wall median ms | CPU ratio to baseline |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
const naive = await naiveFrames(200, 300, Math.max(10, Math.floor(frames / 3)))
const cpuOf = (xs) => xs.map((x) => x.cpu)
const base = median(cpuOf(naive))
const row = (name, visible, xs) =>
  console.log(
    `| ${name} | ${visible} | ${median(cpuOf(xs)).toFixed(1)} | ${p95(cpuOf(xs)).toFixed(1)} | ${median(xs.map((x) => x.wall)).toFixed(1)} | ${(median(cpuOf(xs)) / base).toFixed(2)}x |`,
  )
row('baseline: naive Ink table (a <Box> per cell, all rows)', 256, naive)
row('tao watch, 200x60 terminal', 54, await watchFrames(200, 60, frames))
row('tao watch, 80x24 terminal', 18, await watchFrames(80, 24, frames))
row('tao watch, 200x300 terminal (all 256 rows on screen)', 256, await watchFrames(200, 300, Math.max(10, Math.floor(frames / 3))))
row('tao watch, 200x60, cursor moved (key j/k)', 54, await cursorFrames(200, 60, frames))

console.log(`\n### Memory over ${blocks} simulated blocks (256 UIDs, detail pane open; heap after GC)\n`)
const mem = inChild('model-memory', blocks)
console.log('| after blocks | heap MiB | rss MiB |')
console.log('| ---: | ---: | ---: |')
console.log(`| 0 | ${mib(mem.start)} | |`)
for (const [b, heap, rss] of mem.points) console.log(`| ${b} | ${mib(heap)} | ${mib(rss)} |`)

const appBlocks = Math.min(blocks, 3000)
console.log(`\n### Memory of the whole app over ${appBlocks} blocks (Ink drawing each, 120x40, detail pane open; after GC)\n`)
console.log('| after blocks | heap MiB | rss MiB |')
console.log('| ---: | ---: | ---: |')
for (const [b, heap, rss] of inChild('app-memory', appBlocks)) console.log(`| ${b} | ${mib(heap)} | ${mib(rss)} |`)

console.log('\n### CPU between blocks (app mounted, 256 UIDs, no new block, status line ticking once a second)\n')
console.log(`${(await idleCpu(10_000)).toFixed(2)} % of one core over 10 s`)
process.exit(0)
