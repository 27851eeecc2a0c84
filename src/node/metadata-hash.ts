import { join } from 'node:path'
import { taoStateDir } from '../config/dirs.js'
import { failed, type TaoError } from '../core/errors.js'
import { ensureDir, READ_LIMIT, readRegularFile, writeFileAtomic } from '../fsx/files.js'

/**
 * `CheckMetadataHash` (RFC-0078) per network. In mode 1 the signed payload carries the digest of the metadata
 * the transaction was built from, and a runtime built with the hash refuses a transaction whose digest is not
 * its own: a node that served tampered metadata cannot make tao sign something else than the user saw. In mode
 * 0 nothing is checked by the runtime, so tao must vouch for the metadata itself (src/node/signing-trust.ts).
 *
 * Which mode a network gets must not be the node's choice: a node that says "this runtime cannot check it" would
 * otherwise turn the protection off. So finney and test (known genesis hashes) are always mode 1, and any other
 * genesis that once accepted mode 1 is remembered (a small file in tao's state folder) and never goes back.
 */

/** What Subtensor's runtime build passes to `enable_metadata_hash`: the digest commits to these, not to the node's properties. */
export const METADATA_HASH_TOKEN = { tokenSymbol: 'TAO', decimals: 9 } as const

/** Genesis hashes of the public networks, whose runtimes are built with the metadata hash. */
export const KNOWN_GENESIS = {
  finney: '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
  test: '0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105',
} as const

export type Mode1Reason = 'finney' | 'test' | 'remembered'

/** Why mode 1 is required on this genesis, or undefined when the runtime may be asked. */
export function mode1Requirement(genesis: string, remembered: ReadonlySet<string>): Mode1Reason | undefined {
  const g = genesis.toLowerCase()
  if (g === KNOWN_GENESIS.finney) return 'finney'
  if (g === KNOWN_GENESIS.test) return 'test'
  return remembered.has(g) ? 'remembered' : undefined
}

/**
 * What the runtime answered to a mode-1 transaction it was asked to validate (src/node/metadata-probe.ts):
 * `supported` (it checked the digest and found it right), `mismatch` (it checked it and found it wrong: the
 * metadata is not the runtime's), `unsupported` (it cannot check: built without the hash).
 */
export type ProbeAnswer = 'supported' | 'mismatch' | 'unsupported'

/** The mode to sign in, or the refusal: a required mode 1 is never given up on a node's word. */
export function decideMode(required: Mode1Reason | undefined, answer: ProbeAnswer, genesis: string): 0 | 1 {
  if (answer === 'mismatch')
    throw metadataMismatch(`the runtime itself refused the digest of the metadata the node served (CheckMetadataHash)`)
  if (answer === 'supported') return 1
  if (required) throw downgradeRefused(required, genesis)
  return 0
}

export const requirementWords = (reason: Mode1Reason, genesis: string): string =>
  reason === 'remembered'
    ? `genesis ${short(genesis)} accepted CheckMetadataHash mode 1 before`
    : `this is ${reason} (genesis ${short(genesis)}), whose runtime checks it`

export function downgradeRefused(reason: Mode1Reason, genesis: string): TaoError {
  return failed(
    `the node says this runtime cannot check the metadata hash (CheckMetadataHash mode 1), but ${requirementWords(reason, genesis)}: ` +
      `tao does not sign in mode 0 here, where the node alone would decide what the transaction means` +
      (reason === 'remembered' ? ` (if this chain really lost it, remove its genesis from ${mode1GenesisFile()})` : ''),
    'METADATA_HASH_REQUIRED',
  )
}

export const metadataMismatch = (why: string): TaoError =>
  failed(
    `${why}: refusing to use it (nothing was signed or cached); the node may be faulty or lying — use another endpoint`,
    'METADATA_MISMATCH',
  )

export const short = (hash: string): string => `${hash.slice(0, 10)}…`

/** The remembered genesis hashes: one 0x hash a line, in tao's state folder. */
export const mode1GenesisFile = (env: NodeJS.ProcessEnv = process.env): string => join(taoStateDir(env), 'metadata-hash-genesis')

const HASH = /^0x[0-9a-f]{64}$/

export interface Mode1Memory {
  /** The genesis hashes that accepted mode 1 (a missing or unreadable file is none). */
  load(): Promise<Set<string>>
  /** Remember one more (best effort: a read-only state folder must not fail the transaction). */
  add(genesis: string): Promise<void>
}

export function mode1Memory(file: string = mode1GenesisFile()): Mode1Memory {
  const load = async (): Promise<Set<string>> => {
    try {
      const text = Buffer.from(await readRegularFile(file, 'remembered genesis hashes', READ_LIMIT.json)).toString('utf8')
      return new Set(
        text
          .split('\n')
          .map((l) => l.trim().toLowerCase())
          .filter((l) => HASH.test(l)),
      )
    } catch {
      return new Set()
    }
  }
  return {
    load,
    async add(genesis) {
      const g = genesis.toLowerCase()
      if (!HASH.test(g)) return
      try {
        const known = await load()
        if (known.has(g)) return
        known.add(g)
        await ensureDir(join(file, '..'))
        await writeFileAtomic(file, Buffer.from([...known].sort().join('\n') + '\n'), { overwrite: true, mode: 0o600 })
      } catch {
        /* not remembered: the next transaction asks the runtime again */
      }
    },
  }
}
