#!/usr/bin/env node
// `subnets show` of a subnet with 256 UIDs against a local chain: taocli next to the same reads and decoding
// done with @polkadot/api, interleaved in one run (median of N).
// Usage: npm run build && node bench/metagraph.mjs [runs] [--runtime 218|300]
// (spec 218 by default; spec 300 reads the typed metagraph API, `SubnetInfoRuntimeApi.get_metagraph`)
//
// The subnet is made with a real register_network, then filled to 256 UIDs by writing the per-UID storage
// (Keys, Uids, Owner, BlockAtRegistration, TotalHotkeyAlpha, Axons, the consensus vectors) with dev_setStorage,
// far faster than 256 registrations. No block is built afterwards, so every client reads the same state.
//
// Compared, each from nothing to the decoded rows:
// - in process: connect (metadata) and the read (runtime calls, storage, decoding into rows), taocli's
//   readMetagraph next to @polkadot/api doing the same calls (get_subnet_state, get_dynamic_info, the storage
//   items and the Axons map) and decoding the opaque bytes with registered types;
// - end to end: `tao subnets show --netuid N --json` as its own process next to a process running the
//   @polkadot/api version and printing its rows as JSON.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const UIDS = 256

// ---- @polkadot/api: the same reads and decoding (also run as a child process by the end-to-end case) ----
const TYPES_218 = {
  SubnetState218: {
    netuid: 'Compact<u16>',
    hotkeys: 'Vec<AccountId>',
    coldkeys: 'Vec<AccountId>',
    active: 'Vec<bool>',
    validator_permit: 'Vec<bool>',
    pruning_score: 'Vec<Compact<u16>>',
    last_update: 'Vec<Compact<u64>>',
    emission: 'Vec<Compact<u64>>',
    dividends: 'Vec<Compact<u16>>',
    incentives: 'Vec<Compact<u16>>',
    consensus: 'Vec<Compact<u16>>',
    trust: 'Vec<Compact<u16>>',
    rank: 'Vec<Compact<u16>>',
    block_at_registration: 'Vec<Compact<u64>>',
    alpha_stake: 'Vec<Compact<u64>>',
    tao_stake: 'Vec<Compact<u64>>',
    total_stake: 'Vec<Compact<u64>>',
    emission_history: 'Vec<Vec<Compact<u64>>>',
  },
  DynamicInfo218: {
    owner: 'AccountId',
    netuid: 'Compact<u16>',
    tempo: 'Compact<u16>',
    last_step: 'Compact<u64>',
    blocks_since_last_step: 'Compact<u64>',
    emission: 'Compact<u64>',
    alpha_in: 'Compact<u64>',
    alpha_out: 'Compact<u64>',
    tao_in: 'Compact<u64>',
    total_locked: 'Compact<u64>',
    owner_locked: 'Compact<u64>',
  },
}

async function polkadotConnect(endpoint) {
  const { ApiPromise, WsProvider } = await import('@polkadot/api')
  const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, types: TYPES_218 })
  return api
}

async function polkadotRead(api, netuid) {
  const m = api.query.subtensorModule
  const [stateBytes, dynamicBytes, fills, axonEntries, header] = await Promise.all([
    api.call.subnetInfoRuntimeApi.getSubnetState(netuid),
    api.call.subnetInfoRuntimeApi.getDynamicInfo(netuid),
    api.queryMulti([
      [m.maxAllowedUids, netuid],
      [m.burn, netuid],
      [m.validatorTrust, netuid],
      [m.subnetMechanism, netuid],
      [m.tokenSymbol, netuid],
      [m.subnetOwnerHotkey, netuid],
      [m.networkRegisteredAt, netuid],
      [m.subnetIdentities, netuid],
    ]),
    m.axons.entries(netuid),
    api.rpc.chain.getHeader(),
  ])
  // The Bytes a 218 API answer decodes to still carry the Vec<u8> length: decode them as Bytes once more.
  const payload = (bytes) => api.createType('Bytes', bytes.toU8a(true)).toU8a(true)
  const state = api.createType('Option<SubnetState218>', payload(stateBytes)).unwrap()
  const dynamic = api.createType('Option<DynamicInfo218>', payload(dynamicBytes)).unwrap()
  const [maxUids, burn, validatorTrust, mechanism, symbol, ownerHotkey, registeredAt] = fills
  const axons = new Map(axonEntries.map(([key, value]) => [key.args[1].toString(), value.unwrap()]))
  const taoIn = dynamic.tao_in.toBigInt()
  const alphaIn = dynamic.alpha_in.toBigInt()
  const norm = (v) => v.toNumber() / 65535
  const hotkeys = state.hotkeys.map((h) => h.toString())
  const neurons = hotkeys.map((hotkey, uid) => {
    const alpha = state.alpha_stake[uid].toBigInt()
    const axon = axons.get(hotkey)
    return {
      uid,
      hotkey,
      coldkey: state.coldkeys[uid].toString(),
      alphaStake: alpha,
      taoStake: state.tao_stake[uid].toBigInt(),
      totalStake: state.total_stake[uid].toBigInt(),
      stakeSpotValue: alphaIn === 0n ? 0n : (alpha * taoIn) / alphaIn,
      rank: norm(state.rank[uid]),
      trust: norm(state.trust[uid]),
      validatorTrust: validatorTrust[uid] ? norm(validatorTrust[uid]) : 0,
      consensus: norm(state.consensus[uid]),
      incentive: norm(state.incentives[uid]),
      dividends: norm(state.dividends[uid]),
      emission: state.emission[uid].toBigInt(),
      validatorPermit: state.validator_permit[uid].isTrue,
      active: state.active[uid].isTrue,
      lastUpdate: state.last_update[uid].toNumber(),
      registeredAt: state.block_at_registration[uid].toNumber(),
      axon: axon
        ? {
            ip: axon.ip.toBigInt(),
            port: axon.port.toNumber(),
            version: axon.version.toNumber(),
            protocol: axon.protocol.toNumber(),
            block: axon.block.toNumber(),
          }
        : null,
    }
  })
  return {
    block: header.number.toNumber(),
    subnet: {
      netuid,
      owner: dynamic.owner.toString(),
      ownerHotkey: ownerHotkey.toString(),
      symbol: new TextDecoder().decode(symbol.toU8a(true)),
      tempo: dynamic.tempo.toNumber(),
      taoIn,
      alphaIn,
      alphaOut: dynamic.alpha_out.toBigInt(),
      maxNeurons: maxUids.toNumber(),
      burn: burn.toBigInt(),
      mechanism: mechanism.toNumber(),
      registeredAt: registeredAt.toNumber(),
    },
    neurons,
  }
}

// Spec 300: the typed metagraph API (decoded by @polkadot/api from the metadata's own types), the swap's
// price and ValidatorTrust (which the metagraph lacks), as taocli reads them.
async function polkadotRead300(api, netuid) {
  const m = api.query.subtensorModule
  const [metagraph, price, validatorTrust, header] = await Promise.all([
    api.call.subnetInfoRuntimeApi.getMetagraph(netuid),
    api.call.swapRuntimeApi.currentAlphaPrice(netuid),
    m.validatorTrust(netuid),
    api.rpc.chain.getHeader(),
  ])
  const g = metagraph.unwrap()
  const quote = price.toBigInt()
  const norm = (v) => v.toNumber() / 65535
  const neurons = g.hotkeys.map((h, uid) => {
    const alpha = g.alphaStake[uid].toBigInt()
    const axon = g.axons[uid]
    const ip = axon.ip.toBigInt()
    return {
      uid,
      hotkey: h.toString(),
      coldkey: g.coldkeys[uid].toString(),
      alphaStake: alpha,
      taoStake: g.taoStake[uid].toBigInt(),
      totalStake: g.totalStake[uid].toBigInt(),
      stakeSpotValue: (alpha * quote) / 1_000_000_000n,
      rank: norm(g.rank[uid]),
      trust: norm(g.trust[uid]),
      validatorTrust: validatorTrust[uid] ? norm(validatorTrust[uid]) : 0,
      consensus: norm(g.consensus[uid]),
      incentive: norm(g.incentives[uid]),
      dividends: norm(g.dividends[uid]),
      emission: g.emission[uid].toBigInt(),
      validatorPermit: g.validatorPermit[uid].isTrue,
      active: g.active[uid].isTrue,
      lastUpdate: g.lastUpdate[uid].toNumber(),
      registeredAt: g.blockAtRegistration[uid].toNumber(),
      axon: ip === 0n && axon.block.toNumber() === 0 ? null : { ip, port: axon.port.toNumber(), block: axon.block.toNumber() },
    }
  })
  return { block: header.number.toNumber(), subnet: { netuid, price: quote }, neurons }
}

const jsonSafe = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x))

if (process.argv[2] === '--polkadot-child') {
  const [endpoint, netuid, spec] = process.argv.slice(3)
  const api = await polkadotConnect(endpoint)
  const read = spec === '300' ? polkadotRead300 : polkadotRead
  process.stdout.write(jsonSafe(await read(api, Number(netuid))) + '\n')
  await api.disconnect()
  process.exit(0)
}

// ---- the chain and the subnet ----
const runtimeAt = process.argv.indexOf('--runtime')
const runtime = runtimeAt === -1 ? 218 : Number(process.argv[runtimeAt + 1])
if (runtime !== 218 && runtime !== 300) throw new Error('--runtime takes 218 or 300')
const runs = Number(process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--runtime') ?? 7)
const { source } = await import('./source.mjs')
const {
  connect,
  diskMetadataCache,
  readMetagraph,
  keypairFromUri,
  encodeAddress,
  signerOf,
  toHex,
  opaqueLayouts,
  uidVectors,
  neuronsFrom,
} = await source(
  'src/node/index.ts',
  'src/subtensor/subnets/metagraph.ts',
  'src/keystore/keys.ts',
  'src/core/ss58.ts',
  'src/node/keypair-signer.ts',
  'src/core/hex.ts',
  'src/subtensor/runtime/opaque-218.ts',
  'src/subtensor/runtime/records.ts',
  'src/subtensor/subnets/neurons.ts',
)

const home = mkdtempSync(join(tmpdir(), 'tao-bench-'))
const node = spawn(
  process.execPath,
  [join(root, 'bin/run.js'), 'localnet', 'start', '--port', '0', '--json', '--runtime', String(runtime)],
  {
    env: { ...process.env, HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const stop = () => node.kill('SIGTERM')
const temporary = [home]
process.on('exit', () => {
  stop()
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true })
})
const endpoint = await new Promise((resolve, reject) => {
  let out = ''
  node.stdout.on('data', (b) => {
    out += b
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).endpoint)
  })
  node.once('exit', () => reject(new Error('localnet exited')))
})

const setup = await connect(endpoint, { cache: false })
const alice = keypairFromUri('//Alice')
const created = await setup.send(
  setup.call('SubtensorModule', 'register_network', { hotkey: keypairFromUri('//Alice//owner').ss58, mechid: 1 }, { ignoreExtra: true }),
  signerOf(alice),
)
if (created.status !== 'landed' || !created.ok) throw new Error('register_network failed')
const netuid = Number(created.events.find((e) => e.name === 'NetworkAdded').data[0])

// 255 more UIDs (uid 0 is the owner's), written as raw key/value pairs.
const view = setup.metadata
const pairs = []
const absent = new Set()
const put = (item, keys, value) => {
  const info = view.storage('SubtensorModule', item)
  if (!info) return void absent.add(item)
  pairs.push([info.encodeKey(...keys), toHex(info.encodeValue(value))])
}
const hotkeys = [String(await setup.storage('SubtensorModule', 'Keys', netuid, 0))]
const coldkey = alice.ss58
for (let uid = 1; uid < UIDS; uid++) {
  const hotkey = encodeAddress(randomBytes(32))
  hotkeys.push(hotkey)
  put('Keys', [netuid, uid], hotkey)
  put('Uids', [netuid, hotkey], uid)
  put('Owner', [hotkey], uid % 3 === 0 ? coldkey : encodeAddress(randomBytes(32)))
  put('IsNetworkMember', [hotkey, netuid], true)
  put('BlockAtRegistration', [netuid, uid], BigInt(1 + uid))
}
for (let uid = 0; uid < UIDS; uid++) {
  put('TotalHotkeyAlpha', [hotkeys[uid], netuid], BigInt(1_000_000_000 + uid * 7_654_321))
  if (uid % 4 === 0) put('TotalHotkeyAlpha', [hotkeys[uid], 0], BigInt(500_000_000 + uid))
  if (uid % 2 === 0)
    put('Axons', [netuid, hotkeys[uid]], {
      block: 5n,
      version: 1,
      ip: BigInt(0x01020300 + (uid % 250) + 1),
      port: 8000 + uid,
      ip_type: 4,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
    })
}
const vec = (f) => Array.from({ length: UIDS }, (_, uid) => f(uid))
put('SubnetworkN', [netuid], UIDS)
put(
  'Active',
  [netuid],
  vec(() => true),
)
put(
  'ValidatorPermit',
  [netuid],
  vec((uid) => uid < 64),
)
for (const [item, f] of [
  ['Rank', (u) => 100 + u],
  ['Trust', (u) => 200 + u],
  ['Consensus', (u) => 300 + u],
  ['Incentive', (u) => 400 + u],
  ['Dividends', (u) => 500 + u],
  ['ValidatorTrust', (u) => 600 + u],
  ['PruningScores', (u) => 700 + u],
])
  put(item, [netuid], vec(f))
put(
  'Emission',
  [netuid],
  vec((u) => BigInt(1_000 + u)),
)
put(
  'LastUpdate',
  [netuid],
  vec((u) => BigInt(1 + u)),
)
put('SubnetTAO', [netuid], 100_000_000_000n)
put('SubnetAlphaIn', [netuid], 200_000_000_000n)
// A newer runtime's subnet takes no stake and emits nothing before start_call: mark it started, as start_call would.
put('FirstEmissionBlockNumber', [netuid], 1n)
put('SubtokenEnabled', [netuid], true)
await setup.rpc('dev_setStorage', [pairs])
setup.close()
if (absent.size) console.log(`spec ${runtime} has no ${[...absent].join(', ')}: not written`)

// ---- the runs, interleaved ----
const now = () => performance.now()
const cacheDir = mkdtempSync(join(tmpdir(), 'tao-bench-cache-'))
temporary.push(cacheDir)
async function taocli(cache) {
  let t0 = now()
  const chain = await connect(endpoint, { cache })
  const connectMs = now() - t0
  t0 = now()
  const m = await readMetagraph(chain, netuid)
  const readMs = now() - t0
  if (m.neurons.length !== UIDS) throw new Error(`taocli read ${m.neurons.length} UIDs`)
  chain.close()
  return { connect: connectMs, read: readMs, neurons: m.neurons }
}
async function polkadot() {
  let t0 = now()
  const api = await polkadotConnect(endpoint)
  const connectMs = now() - t0
  t0 = now()
  const m = await (runtime === 300 ? polkadotRead300 : polkadotRead)(api, netuid)
  const readMs = now() - t0
  if (m.neurons.length !== UIDS) throw new Error(`@polkadot/api read ${m.neurons.length} UIDs`)
  await api.disconnect()
  return { connect: connectMs, read: readMs, neurons: m.neurons }
}
const env = { ...process.env, HOME: home, TAO_CACHE_DIR: cacheDir, NO_COLOR: '1' }
function processRun(args) {
  const t0 = now()
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 })
  const ms = now() - t0
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`)
  const rows = JSON.parse(r.stdout).neurons.length
  if (rows !== UIDS) throw new Error(`${args[1]} printed ${rows} rows`)
  return ms
}
const cli = () => processRun([join(root, 'bin/run.js'), 'subnets', 'show', '--netuid', String(netuid), '--network', endpoint, '--json'])
const polkadotProcess = () => processRun([join(root, 'bench/metagraph.mjs'), '--polkadot-child', endpoint, String(netuid), String(runtime)])

// Warm up once (and check both read the same rows).
const [a, b] = [await taocli(diskMetadataCache(cacheDir)), await polkadot()]
for (const [i, n] of a.neurons.entries()) {
  const p = b.neurons[i]
  if (
    n.hotkey !== p.hotkey ||
    n.coldkey !== p.coldkey ||
    n.alphaStake !== p.alphaStake ||
    n.emission !== p.emission ||
    n.incentive !== p.incentive ||
    n.validatorTrust !== p.validatorTrust ||
    n.stakeSpotValue !== p.stakeSpotValue ||
    (n.axon === null) !== (p.axon === null)
  )
    throw new Error(`uid ${i} differs: ${jsonSafe(n)} vs ${jsonSafe(p)}`)
}
cli()

// Decoding alone: the 256-UID SubnetState payload into rows, many times over (the client's own cost). Spec 218
// only: its opaque payload is what the two clients decode by hand; at spec 300 both decode the typed answer
// from the metadata inside the read above.
const decodeRuns = 200
const decodeMs = {}
let payloadBytes = 0
if (runtime === 218) {
  const probe = await connect(endpoint, { cache: diskMetadataCache(cacheDir) })
  const payload = await (await probe.atHead('best')).runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_state', netuid)
  payloadBytes = payload.length
  probe.close()
  const layouts = opaqueLayouts(42)
  const pricing = { kind: 'pool', taoIn: 1n, alphaIn: 2n }
  const papi = await polkadotConnect(endpoint)
  const decodeWith = {
    taocli: () => neuronsFrom(uidVectors(layouts.subnetState(payload)), { validatorTrust: [], axons: [], pricing }),
    '@polkadot/api': () => {
      const s = papi.createType('Option<SubnetState218>', payload).unwrap()
      return s.hotkeys.map((h, uid) => ({
        uid,
        hotkey: h.toString(),
        coldkey: s.coldkeys[uid].toString(),
        alphaStake: s.alpha_stake[uid].toBigInt(),
        emission: s.emission[uid].toBigInt(),
        incentive: s.incentives[uid].toNumber() / 65535,
      }))
    },
  }
  for (const [name, f] of Object.entries(decodeWith)) {
    f()
    const t0 = now()
    for (let i = 0; i < decodeRuns; i++) if (f().length !== UIDS) throw new Error(`${name} decoded the wrong rows`)
    decodeMs[name] = (now() - t0) / decodeRuns
  }
  await papi.disconnect()
}

const samples = { 'taocli (cold metadata cache)': [], 'taocli (warm metadata cache)': [], '@polkadot/api': [] }
const processes = { 'tao subnets show --json (warm cache)': [], '@polkadot/api script': [] }
for (let i = 0; i < runs; i++) {
  samples['taocli (cold metadata cache)'].push(await taocli(false))
  samples['taocli (warm metadata cache)'].push(await taocli(diskMetadataCache(cacheDir)))
  samples['@polkadot/api'].push(await polkadot())
  processes['tao subnets show --json (warm cache)'].push(cli())
  processes['@polkadot/api script'].push(polkadotProcess())
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]
const base = samples['@polkadot/api']
const baseRead = median(base.map((s) => s.read))
const baseTotal = median(base.map((s) => s.connect + s.read))
console.log(`spec ${runtime}: ${UIDS} UIDs on subnet ${netuid}; median of ${runs} runs, milliseconds\n`)
console.log('| client (in process) | connect + metadata | read + decode | total | read vs @polkadot/api | total vs @polkadot/api |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const [name, s] of Object.entries(samples)) {
  const c = median(s.map((x) => x.connect))
  const r = median(s.map((x) => x.read))
  const t = median(s.map((x) => x.connect + x.read))
  console.log(
    `| ${name} | ${c.toFixed(0)} | ${r.toFixed(0)} | ${t.toFixed(0)} | ${(r / baseRead).toFixed(2)}x | ${(t / baseTotal).toFixed(2)}x |`,
  )
}
if (runtime === 218) {
  console.log(`\n| decode only: SubnetState payload (${payloadBytes} bytes) to rows | ms per decode | vs @polkadot/api |`)
  console.log('| --- | ---: | ---: |')
  for (const [name, ms] of Object.entries(decodeMs))
    console.log(`| ${name} | ${ms.toFixed(2)} | ${(ms / decodeMs['@polkadot/api']).toFixed(2)}x |`)
}
const baseProcess = median(processes['@polkadot/api script'])
console.log('\n| end to end (own process) | total | vs @polkadot/api |')
console.log('| --- | ---: | ---: |')
for (const [name, s] of Object.entries(processes))
  console.log(`| ${name} | ${median(s).toFixed(0)} | ${(median(s) / baseProcess).toFixed(2)}x |`)
stop()
process.exit(0)
