#!/usr/bin/env node
// The digests tao ships for the runtimes it knows (src/node/known-runtimes.ts), computed from the runtime code
// itself: for each runtime, its code hash (blake2-256 of `:code`, what nodes report), spec version, and the
// sha256 of every metadata version it offers, as `Metadata_metadata_at_version` returns it (the bytes inside
// Option<OpaqueMetadata>, starting with "meta": what polkadot-api loads and tao caches). Needs Chopsticks'
// executor (a clone has it).
//
//   node scripts/metadata-digests.mjs chain-specs/raonet-spec218.json path/to/runtime.wasm …
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { blake2b } from '@noble/hashes/blake2.js'

const exec = await import('@acala-network/chopsticks-executor')
const none = async () => undefined
const callbacks = {
  getStorage: none,
  getNextKey: none,
  offchainGetStorage: none,
  offchainTimestamp: async () => 0,
  offchainRandomSeed: none,
  offchainSubmitTransaction: async () => false,
}
const hex = (b) => `0x${Buffer.from(b).toString('hex')}`
const bytes = (h) => Buffer.from(h.slice(2), 'hex')
let id = 0
async function call(code, method, arg) {
  const r = await exec.run_task(
    {
      wasm: code,
      calls: [[method, [arg]]],
      mockSignatureHost: 0,
      allowUnresolvedImports: true,
      runtimeLogLevel: 0,
      id: id++,
      storageProofSize: 0,
    },
    callbacks,
  )
  if (!r.Call) throw new Error(`${method}: ${JSON.stringify(r.Error)}`)
  return bytes(r.Call.result)
}
/** SCALE Vec<u32> and Option<Vec<u8>> as these calls return them (short lengths only: compact modes 0–2). */
function compact(b, at) {
  const m = b[at] & 3
  if (m === 0) return [b[at] >> 2, 1]
  if (m === 1) return [b.readUInt16LE(at) >> 2, 2]
  return [b.readUInt32LE(at) >>> 2, 4]
}

for (const file of process.argv.slice(2)) {
  const code = file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')).genesis.raw.top['0x3a636f6465'] : hex(readFileSync(file))
  const version = await exec.get_runtime_version(code)
  const list = await call(code, 'Metadata_metadata_versions', '0x')
  const [n, used] = compact(list, 0)
  const versions = Array.from({ length: n }, (_, i) => list.readUInt32LE(used + 4 * i)).filter((v) => v >= 14 && v < 0xffffffff)
  const digests = {}
  for (const v of versions) {
    const out = await call(code, 'Metadata_metadata_at_version', hex(Buffer.from([v, 0, 0, 0])))
    if (out[0] !== 1) continue
    const [len, l] = compact(out, 1)
    digests[v] = createHash('sha256')
      .update(out.subarray(1 + l, 1 + l + len))
      .digest('hex')
  }
  const codeHash = hex(blake2b(bytes(code), { dkLen: 32 }))
  console.log(
    JSON.stringify({
      file,
      codeHash,
      specName: Buffer.from(bytes(version.specName)).toString(),
      specVersion: version.specVersion,
      digests,
    }),
  )
}
