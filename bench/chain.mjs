#!/usr/bin/env node
// A transfer from start to result against a local chain, step by step, taocli's node client next to
// @polkadot/api, in one run (interleaved, median of N).
//   npm run build && node bench/chain.mjs [runs] [--compare DIR]
// --compare DIR adds taocli's node client from another tree (e.g. a checkout of main) to the same run.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const runs = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--compare') ?? 5)
const compareDir = option('--compare')
const { source } = await import('./source.mjs')
const MODULES = ['src/node/index.ts', 'src/keystore/keys.ts']
const here = await source(...MODULES, 'src/node/known-runtimes.ts', 'src/node/derive-metadata.ts')
const other = compareDir ? await source.from(compareDir, ...MODULES) : undefined
const { connect, diskMetadataCache, keypairFromUri, sign, mode1Memory, metadataDigest, loadRuntimeRunner, metadataFromCode } = here
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

// The chain: `tao localnet start` from this build, on a free port.
const node = spawn(process.execPath, [join(root, 'bin/run.js'), 'localnet', 'start', '--port', '0', '--json'], {
  env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'tao-bench-')), NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const stop = () => node.kill('SIGTERM')
process.on('exit', stop)
const endpoint = await new Promise((resolve, reject) => {
  let out = ''
  node.stdout.on('data', (b) => {
    out += b
    const line = out.split('\n')[0]
    if (out.includes('\n')) resolve(JSON.parse(line).endpoint)
  })
  node.once('exit', () => reject(new Error('localnet exited')))
})

const now = () => performance.now()
const alice = keypairFromUri('//Alice')
const signer = { publicKey: alice.publicKey, sign: (m) => sign(alice, m) }

async function taocli(cacheDir, { connect, diskMetadataCache } = here) {
  const t = {}
  let t0 = now()
  const chain = await connect(endpoint, { cache: diskMetadataCache(cacheDir) })
  t.connect = now() - t0
  t0 = now()
  // As executeTx does: the signer's nonce and the head are read while the plan reads the account.
  chain.prefetch?.(alice.ss58)
  await chain.account(alice.ss58)
  t.query = now() - t0
  t0 = now()
  const call = chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 1_000_000_000n })
  // The metadata check runs beside the fee estimate, as in executeTx (on its own: the section after the table).
  const trust = chain.signingTrust ? chain.signingTrust() : undefined
  let signed
  if (chain.prepare) {
    // As the signing commands do (executeTx): the plan estimates the fee, the confirmation is prepared from the
    // same reads (the call decoded back from its bytes, nonce, head, fee of those bytes), and exactly that is signed.
    await chain.estimateFee(call, alice.ss58)
    const [prepared] = await Promise.all([chain.prepare(call, alice.ss58), trust])
    signed = await chain.signPrepared(prepared, signer)
  } else {
    // A tree from before `prepare` (--compare): estimate once (shown to the user), then sign with that estimate.
    const [fee] = await Promise.all([chain.estimateFee(call, signer), trust])
    signed = await chain.sign(call, signer, { knownFee: fee })
  }
  t.sign = now() - t0
  t0 = now()
  const result = await chain.submitSigned(signed.hex, { waitFor: 'inclusion' })
  t.submit = now() - t0
  if (result.status !== 'landed' || !result.ok) throw new Error(`taocli transfer: ${result.status}`)
  chain.close()
  return t
}

async function polkadotJs() {
  const { ApiPromise, WsProvider } = await import('@polkadot/api')
  const { Keyring } = await import('@polkadot/keyring')
  const t = {}
  let t0 = now()
  const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true })
  t.connect = now() - t0
  const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Alice')
  t0 = now()
  await api.query.system.account(pair.address)
  t.query = now() - t0
  t0 = now()
  const tx = api.tx.balances.transferKeepAlive(BOB, 1_000_000_000n)
  await tx.paymentInfo(pair)
  await tx.signAsync(pair, { nonce: -1 })
  t.sign = now() - t0
  t0 = now()
  await new Promise((resolve, reject) =>
    tx
      .send(({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()))
        if (status.isInBlock) resolve()
      })
      .catch(reject),
  )
  t.submit = now() - t0
  await api.disconnect()
  return t
}

const warmCache = mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))
await taocli(warmCache) // fill the warm cache once
const otherCache = mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))
if (other) await taocli(otherCache, other)
const samples = { 'taocli (cold metadata cache)': [], 'taocli (warm metadata cache)': [] }
if (other) Object.assign(samples, { [`${compareDir} (cold metadata cache)`]: [], [`${compareDir} (warm metadata cache)`]: [] })
samples['@polkadot/api'] = []
for (let i = 0; i < runs; i++) {
  samples['taocli (cold metadata cache)'].push(await taocli(mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))))
  samples['taocli (warm metadata cache)'].push(await taocli(warmCache))
  if (other) {
    samples[`${compareDir} (cold metadata cache)`].push(await taocli(mkdtempSync(join(tmpdir(), 'tao-bench-cache-')), other))
    samples[`${compareDir} (warm metadata cache)`].push(await taocli(otherCache, other))
  }
  samples['@polkadot/api'].push(await polkadotJs())
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const steps = ['connect', 'query', 'sign', 'submit']
const med = Object.fromEntries(
  Object.entries(samples).map(([k, v]) => [
    k,
    Object.fromEntries(
      [...steps, 'total'].map((s) => [s, median(v.map((x) => (s === 'total' ? steps.reduce((a, st) => a + x[st], 0) : x[s])))]),
    ),
  ]),
)
const base = med['@polkadot/api']
console.log(`| client | connect + metadata | query | sign (nonce, fee, sign) | submit to inclusion | total | total vs @polkadot/api |`)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const [k, m] of Object.entries(med))
  console.log(
    `| ${k} | ${m.connect.toFixed(0)} | ${m.query.toFixed(1)} | ${m.sign.toFixed(0)} | ${m.submit.toFixed(0)} | ${m.total.toFixed(0)} | ${(m.total / base.total).toFixed(2)}x |`,
  )

// The metadata check on first contact with a runtime, on its own (median of the runs). A runtime tao ships:
// the sha256 of the served metadata against the shipped digest (part of "connect" above). A runtime tao does not
// know, whose runtime cannot check CheckMetadataHash: the runtime is asked once (a mode-1 remark validated, not
// submitted), then the metadata is derived from `:code` in Chopsticks' executor; `signingTrust()` from nothing
// (fresh cache, nothing remembered), with two of its parts timed alone.
const check = { digest: [], unknown: [], executorRun: [] }
// Loading the executor happens once per process (a command is one process): timed alone, before the rest.
let t1 = now()
const run = await loadRuntimeRunner()
const executorLoad = now() - t1
for (let i = 0; i < runs; i++) {
  const chain = await connect(endpoint, { cache: false })
  const raw = chain.metadata.raw
  let t0 = now()
  metadataDigest(raw)
  check.digest.push(now() - t0)
  chain.close()
  const dir = mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))
  const unknown = await connect(endpoint, {
    cache: diskMetadataCache(dir),
    knownRuntimes: {},
    mode1Memory: mode1Memory(join(dir, 'mode1')),
  })
  t0 = now()
  const trust = await unknown.signingTrust()
  check.unknown.push(now() - t0)
  if (trust.verifiedBy !== 'derived') throw new Error(`expected derived metadata, got ${trust.verifiedBy}`)
  const code = Buffer.from((await unknown.rpc('state_getStorage', ['0x3a636f6465'])).slice(2), 'hex')
  unknown.close()
  t0 = now()
  await metadataFromCode(run, code, 15)
  check.executorRun.push(now() - t0)
}
console.log('\n| metadata check on first contact | ms |\n| --- | ---: |')
console.log(`| runtime tao ships: sha256 of the served metadata against the shipped digest | ${median(check.digest).toFixed(1)} |`)
console.log(`| runtime tao does not know: loading Chopsticks' executor (once per process) | ${executorLoad.toFixed(0)} |`)
console.log(
  `| runtime tao does not know: signingTrust() once loaded (ask the runtime, fetch :code, derive, compare) | ${median(check.unknown).toFixed(0)} |`,
)
console.log(`| of which: Metadata_metadata_at_version(15) in the executor | ${median(check.executorRun).toFixed(0)} |`)
stop()
process.exit(0)
