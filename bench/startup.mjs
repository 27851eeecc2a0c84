#!/usr/bin/env node
// Start-up time of every `tao` command against bare `node -e 0`, side by side in one run (median of N spawns).
//
//   node bench/startup.mjs [runs] [--compare DIR] [--only REGEX]     (after npm run build)
//
// Cases: `tao --version`, `tao --help`, `tao wallet list --json` (a real run over an empty wallet folder), and
// every visible command in oclif.manifest.json run with one unknown flag: the command loads and parses its flags, then
// stops with exit 2 before any network or disk work. That is its start-up.
// --compare DIR adds the same cases for another build of taocli (e.g. a checkout of main), run interleaved.
// Each case runs once first to fill Node's compile cache; the cases are interleaved so noise hits them alike.
// Exits 1 when a case is over its bound (2x for --version, 2.5x for the rest), unless --no-check.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'

const args = process.argv.slice(2)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 11)
const only = option('--only') && new RegExp(option('--only'))
const roots = [['tao', new URL('..', import.meta.url).pathname], ...(option('--compare') ? [['compare', option('--compare')]] : [])]
const BOUND = { version: 2, other: 2.5 }
const PROBE = '--startup-probe' // a flag no command has: parse fails at once, exit 2

const home = mkdtempSync(join(tmpdir(), 'tao-bench-'))
const env = { ...process.env, HOME: home, TAO_CONFIG_DIR: join(home, 'config'), TAO_CACHE_DIR: join(home, 'cache'), NO_COLOR: '1' }
delete env.NODE_COMPILE_CACHE

function casesFor(label, root) {
  const run = join(root, 'bin/run.js')
  const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))
  // Hidden commands are internal (autocomplete:create writes its files without parsing anything first).
  const commands = Object.keys(manifest.commands)
    .filter((id) => !manifest.commands[id].hidden)
    .sort()
  return [
    { name: `${label} --version`, argv: [run, '--version'], exit: 0, bound: BOUND.version },
    { name: `${label} wallet list --json`, argv: [run, 'wallet', 'list', '--json'], exit: 0, bound: BOUND.other },
    { name: `${label} --help`, argv: [run, '--help'], exit: 0, bound: BOUND.other },
    ...commands.map((id) => ({
      name: `${label} ${id.split(':').join(' ')} ${PROBE}`,
      argv: [run, ...id.split(':'), PROBE],
      exit: 2,
      bound: BOUND.other,
    })),
  ]
}

const cases = [
  { name: 'node -e 0 (baseline)', argv: ['-e', '0'], exit: 0 },
  ...roots.flatMap(([label, root]) => casesFor(label, root)).filter((c) => !only || only.test(c.name)),
]

function time(c) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, c.argv, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== c.exit) throw new Error(`${c.name} exited ${r.status}, not ${c.exit}: ${r.stderr}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
try {
  for (const c of cases) time(c)
  const samples = cases.map(() => [])
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => samples[k].push(time(c)))
  const base = median(samples[0])
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpu}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB; median of ${runs} runs per case, interleaved\n`,
  )
  console.log('| command | median ms | ratio to node -e 0 | bound |')
  console.log('| --- | ---: | ---: | ---: |')
  const over = []
  cases.forEach((c, k) => {
    const ratio = median(samples[k]) / base
    const bound = c.bound && c.name.startsWith('tao ') ? `${c.bound}x` : ''
    if (bound && ratio > c.bound) over.push(c.name)
    console.log(
      `| ${c.name} | ${median(samples[k]).toFixed(1)} | ${ratio.toFixed(2)}x | ${bound}${bound && ratio > c.bound ? ' OVER' : ''} |`,
    )
  })
  if (over.length && !args.includes('--no-check')) {
    console.error(`over the bound: ${over.join(', ')}`)
    process.exitCode = 1
  }
} finally {
  rmSync(home, { recursive: true, force: true })
}
