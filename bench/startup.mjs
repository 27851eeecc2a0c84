#!/usr/bin/env node
// Start-up time of `tao` against bare `node -e 0`, side by side in one run (median of N spawns each).
// Usage: node bench/startup.mjs [runs]   (after npm run build)
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const runs = Number(process.argv[2] ?? 15)
const home = mkdtempSync(join(tmpdir(), 'tao-bench-'))
const env = { ...process.env, HOME: home, TAO_CONFIG_DIR: home, NO_COLOR: '1' }
const run = join(root, 'bin/run.js')

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['tao --version', [run, '--version']],
  ['tao wallet list --json', [run, 'wallet', 'list', '--json']],
  ['tao --help', [run, '--help']],
]

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = []
for (let i = 0; i < runs; i++) {
  // Interleave the cases so machine noise hits them alike.
  for (const [k, [, args]] of cases.entries()) {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.status !== 0) throw new Error(`${cases[k][0]} exited ${r.status}`)
    ;(results[k] ??= []).push(ms)
  }
}
const base = median(results[0])
console.log(`| command | median ms (${runs} runs) | ratio to node -e 0 |`)
console.log('| --- | ---: | ---: |')
for (const [k, [name]] of cases.entries()) console.log(`| ${name} | ${median(results[k]).toFixed(1)} | ${(median(results[k]) / base).toFixed(2)}x |`)
