#!/usr/bin/env node
// Coldkey unlock ($NACL: argon2i "sensitive" + secretbox open) per argon2 backend, side by side with libsodium
// itself through /usr/bin/python3 PyNaCl, in one run. Every sample is a fresh process timed from before the
// backend loads to the opened keyfile (a cold unlock, as `tao` does it once per command); the table shows
// the median. Runs from the TypeScript sources (no build needed).
// Usage: node bench/unlock.mjs [runs=5] [--js-runs=1] [--write]   (--write updates bench/RESULTS.md)
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { cpus, totalmem, availableParallelism } from 'node:os'

const HEADING = '## Coldkey unlock (argon2i, 512 MiB)'
const PYTHON = '/usr/bin/python3'
const PASSWORD = 'bench-only dummy password ⚡' // never a real secret; handed to children on stdin
const KEYFILE = JSON.stringify({
  accountId: '0x' + 'd4'.repeat(32),
  publicKey: '0x' + 'd4'.repeat(32),
  secretPhrase: 'bench '.repeat(12).trim(),
  ss58Address: '5Grw',
})

// Python side: libsodium via PyNaCl. "seal" makes the keyfile btcli would write; "unlock" times a cold unlock.
const PY = String.raw`
import json, sys, time
req = json.load(sys.stdin)
t0 = time.perf_counter()
import nacl.pwhash, nacl.secret, nacl.utils
a = nacl.pwhash.argon2i
key = a.kdf(32, req['password'].encode(), bytes.fromhex('137183dff15a09bc9c90b5518739e9b1'), opslimit=a.OPSLIMIT_SENSITIVE, memlimit=a.MEMLIMIT_SENSITIVE)
if req['op'] == 'seal':
    print((b'$NACL' + nacl.secret.SecretBox(key).encrypt(req['plaintext'].encode(), nacl.utils.random(24))).hex())
else:
    data = bytes.fromhex(req['data'])
    plain = nacl.secret.SecretBox(key).decrypt(data[5:])
    print(json.dumps({'ms': (time.perf_counter() - t0) * 1000, 'plaintext': plain.decode(), 'backend': 'libsodium (PyNaCl)'}))
`

// Child: one cold unlock through taocli's own decryptKeyfileData with TAO_ARGON2_BACKEND forced.
if (process.argv[2] === '--child') {
  // Let the .ts sources' "./x.js" imports find "./x.ts" (Node strips the types itself).
  registerHooks({
    resolve(spec, ctx, next) {
      try {
        return next(spec, ctx)
      } catch (e) {
        if (spec.startsWith('.') && spec.endsWith('.js')) return next(spec.slice(0, -3) + '.ts', ctx)
        throw e
      }
    },
  })
  process.env.TAO_ARGON2_BACKEND = process.argv[3]
  const { data, password } = JSON.parse(readFileSync(0, 'utf8'))
  const { decryptKeyfileData } = await import('../src/keystore/crypto.ts')
  const { argon2Backend } = await import('../src/keystore/argon2.ts')
  const t0 = performance.now()
  const plain = await decryptKeyfileData(Buffer.from(data, 'hex'), password)
  const ms = performance.now() - t0
  console.log(JSON.stringify({ ms, plaintext: new TextDecoder().decode(plain), backend: argon2Backend() }))
  process.exit(0)
}

const args = process.argv.slice(2)
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5)
const jsRuns = Number(args.find((a) => a.startsWith('--js-runs='))?.split('=')[1] ?? 1)
const write = args.includes('--write')

function run(cmd, argv, input) {
  const r = spawnSync(cmd, argv, {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, TAO_ARGON2_BACKEND: '' },
  })
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout.trim()
}

const file = run(PYTHON, ['-c', PY], { op: 'seal', password: PASSWORD, plaintext: KEYFILE })
const self = new URL(import.meta.url).pathname
const cases = [
  {
    name: 'libsodium via PyNaCl (reference)',
    runs,
    sample: () => run(PYTHON, ['-c', PY], { op: 'unlock', password: PASSWORD, data: file }),
  },
  {
    name: 'tao, sodium (sodium-native)',
    runs,
    sample: () => run(process.execPath, [self, '--child', 'sodium'], { password: PASSWORD, data: file }),
  },
  {
    name: 'tao, wasm (hash-wasm)',
    runs,
    sample: () => run(process.execPath, [self, '--child', 'wasm'], { password: PASSWORD, data: file }),
  },
  {
    name: 'tao, js (@noble/hashes)',
    runs: jsRuns,
    sample: () => run(process.execPath, [self, '--child', 'js'], { password: PASSWORD, data: file }),
  },
]

const samples = cases.map(() => [])
for (let i = 0; i < Math.max(runs, jsRuns); i++) {
  // Interleave the cases so machine noise hits them alike.
  for (const [k, c] of cases.entries()) {
    if (i >= c.runs) continue
    const r = JSON.parse(c.sample())
    if (r.plaintext !== KEYFILE) throw new Error(`${c.name}: wrong plaintext`)
    samples[k].push(r.ms)
    process.stderr.write(`${c.name}: ${r.ms.toFixed(0)} ms (${r.backend})\n`)
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const base = median(samples[0])
const table = [
  '| unlock with | runs | median ms | min ms | ratio to libsodium |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...cases.flatMap((c, k) => {
    const xs = samples[k]
    if (xs.length === 0) return []
    return [`| ${c.name} | ${xs.length} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${(median(xs) / base).toFixed(2)}x |`]
  }),
].join('\n')

const model = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model ?? 'unknown'
const pyVersion = (() => {
  try {
    return run(PYTHON, ['-c', 'import json,sys,nacl; json.load(sys.stdin); print(nacl.__version__)'], {})
  } catch {
    return '?'
  }
})()
const sodiumNative = JSON.parse(readFileSync(new URL('../node_modules/sodium-native/package.json', import.meta.url), 'utf8')).version
const hashWasm = JSON.parse(readFileSync(new URL('../node_modules/hash-wasm/package.json', import.meta.url), 'utf8')).version
const noble = JSON.parse(readFileSync(new URL('../node_modules/@noble/hashes/package.json', import.meta.url), 'utf8')).version
const section = `${HEADING}

\`node bench/unlock.mjs ${runs} --js-runs=${jsRuns}\`, ${new Date().toISOString().slice(0, 10)}. Machine: ${availableParallelism()} cores (nproc), ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}.
A sample is one cold unlock in a fresh process of btcli's \`$NACL\` keyfile (made by PyNaCl): backend load +
argon2i (t=8, 512 MiB, p=1) + secretbox open; interpreter start-up excluded. PyNaCl ${pyVersion}, sodium-native ${sodiumNative},
hash-wasm ${hashWasm}, @noble/hashes ${noble}.

${table}

Default chain: sodium → wasm → js (first that loads; \`TAO_ARGON2_BACKEND=sodium|wasm|js\` forces one).
`
console.log(section)

if (write) {
  const path = new URL('RESULTS.md', import.meta.url)
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n'
  const start = old.indexOf(HEADING)
  let next
  if (start < 0) next = old.trimEnd() + '\n\n' + section
  else {
    // Replace only this section: up to the next "## " heading or the end.
    const after = old.indexOf('\n## ', start + HEADING.length)
    next = old.slice(0, start) + section + (after < 0 ? '' : '\n' + old.slice(after + 1))
  }
  writeFileSync(path, next)
  process.stderr.write(`updated ${path.pathname}\n`)
}
