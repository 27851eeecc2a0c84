#!/usr/bin/env node
// A transfer from start to result against a local chain, step by step, taocli's node client next to
// @polkadot/api, in one run (interleaved, median of N). Usage: npm run build && node bench/chain.mjs [runs]
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const runs = Number(process.argv[2] ?? 5)
const { source } = await import('./source.mjs')
const { connect, diskMetadataCache, keypairFromUri, sign } = await source('src/node/index.ts', 'src/keystore/keys.ts')
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

async function taocli(cacheDir) {
  const t = {}
  let t0 = now()
  const chain = await connect(endpoint, { cache: diskMetadataCache(cacheDir) })
  t.connect = now() - t0
  t0 = now()
  await chain.account(alice.ss58)
  t.query = now() - t0
  t0 = now()
  const call = chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: 1_000_000_000n })
  // As `tao wallet transfer` does: estimate once (shown to the user), then sign with that estimate.
  const fee = await chain.estimateFee(call, signer)
  const signed = await chain.sign(call, signer, { knownFee: fee })
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
    tx.send(({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()))
      if (status.isInBlock) resolve()
    }).catch(reject),
  )
  t.submit = now() - t0
  await api.disconnect()
  return t
}

const warmCache = mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))
await taocli(warmCache) // fill the warm cache once
const samples = { 'taocli (cold metadata cache)': [], 'taocli (warm metadata cache)': [], '@polkadot/api': [] }
for (let i = 0; i < runs; i++) {
  samples['taocli (cold metadata cache)'].push(await taocli(mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))))
  samples['taocli (warm metadata cache)'].push(await taocli(warmCache))
  samples['@polkadot/api'].push(await polkadotJs())
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const steps = ['connect', 'query', 'sign', 'submit']
const med = Object.fromEntries(
  Object.entries(samples).map(([k, v]) => [k, Object.fromEntries([...steps, 'total'].map((s) => [s, median(v.map((x) => (s === 'total' ? steps.reduce((a, st) => a + x[st], 0) : x[s])))]))]),
)
const base = med['@polkadot/api']
console.log(`| client | connect + metadata | query | sign (nonce, fee, sign) | submit to inclusion | total | total vs @polkadot/api |`)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const [k, m] of Object.entries(med))
  console.log(`| ${k} | ${m.connect.toFixed(0)} | ${m.query.toFixed(1)} | ${m.sign.toFixed(0)} | ${m.submit.toFixed(0)} | ${m.total.toFixed(0)} | ${(m.total / base.total).toFixed(2)}x |`)
stop()
process.exit(0)
