#!/usr/bin/env node
// Makes test/fixtures/timelock-vectors.json: timelock ciphertexts exchanged between the reference Rust code
// (ideal-lab5 timelock `tle`, as compiled to WebAssembly by its authors: npm @ideallabs/timelock_wasm_wrapper
// 1.0.0, whose tle core is that of the 5416406c that bittensor-drand pins) and src/subtensor/weights/timelock.ts.
// Not part of the build or the tests; run by hand (it bundles the modules it needs from src/):
//   npm pack @ideallabs/timelock_wasm_wrapper@1.0.0 && tar xzf ideallabs-timelock_wasm_wrapper-1.0.0.tgz
//   node scripts/timelock-vectors.mjs ./package > test/fixtures/timelock-vectors.json
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const wasmDir = path.resolve(process.argv[2] ?? 'package')
const wasmFile = path.join(wasmDir, 'timelock_wasm_wrapper_bg.wasm')
const rust = await import(path.join(wasmDir, 'timelock_wasm_wrapper.js'))
rust.initSync({ module: readFileSync(wasmFile) })
const { source } = await import('../bench/source.mjs')
const { QUICKNET, timelockEncrypt, encodeTlockPayload, keypairFromUri } = await source(
  'src/subtensor/weights/timelock.ts',
  'src/subtensor/weights/timelock-payload.ts',
  'src/keystore/keys.ts',
)

const hex = (b) => Buffer.from(b).toString('hex')
const bytes = (h) => Uint8Array.from(Buffer.from(h, 'hex'))
// drand quicknet round 1000 (a public beacon value).
const round = 1000n
const signature = 'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39'
const identity = createHash('sha256')
  .update(Buffer.from(round.toString(16).padStart(16, '0'), 'hex'))
  .digest()
const pk = bytes(QUICKNET.publicKey)

const plaintexts = [
  { name: 'text', plaintext: new TextEncoder().encode('taocli timelock vector') },
  {
    name: 'weights payload (//Alice, uids [0,1], values [65535,30000], version key 0)',
    plaintext: encodeTlockPayload({ hotkey: keypairFromUri('//Alice').publicKey, uids: [0, 1], values: [65535, 30000], versionKey: 0n }),
  },
  { name: 'empty', plaintext: new Uint8Array(0) },
]

const rustToTs = plaintexts.map(({ name, plaintext }) => {
  const sk = crypto.getRandomValues(new Uint8Array(32))
  const ciphertext = rust.tle([...identity], [...plaintext], [...sk], [...pk], 'bls12_381')
  return { name, plaintext: hex(plaintext), ciphertext: hex(ciphertext) }
})
const tsToRust = plaintexts.map(({ name, plaintext }) => {
  const ciphertext = timelockEncrypt(plaintext, round)
  const opened = rust.tld([...ciphertext], [...bytes(signature)], 'bls12_381')
  if (hex(opened) !== hex(plaintext)) throw new Error(`the Rust code did not open the TypeScript ciphertext of "${name}"`)
  return { name, plaintext: hex(plaintext), ciphertext: hex(ciphertext), openedByRust: hex(opened) }
})

process.stdout.write(
  JSON.stringify(
    {
      made: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      rust: {
        package: '@ideallabs/timelock_wasm_wrapper@1.0.0',
        wasmSha256: createHash('sha256').update(readFileSync(wasmFile)).digest('hex'),
      },
      beacon: { chainHash: QUICKNET.chainHash, round: Number(round), signature },
      rustToTs,
      tsToRust,
    },
    null,
    2,
  ) + '\n',
)
