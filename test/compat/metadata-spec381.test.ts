/**
 * A runtime newer than the local chain: metadata v16 of Subtensor spec 381 (data only, no runtime), read from
 * test/fixtures (see its README for source and license). Everything is decoded from the metadata alone.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe } from 'vitest'
import { decodeMetadata, type RuntimeMetadata } from '../../src/node/metadata.js'
import { compatChecks } from './compat-checks.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const FILE = path.resolve(repoRoot, 'test/fixtures/metadata-spec381.scale')

describe('metadata v16, spec 381', () => {
  let meta: RuntimeMetadata | undefined
  compatChecks(() => (meta ??= decodeMetadata(readFileSync(FILE))), 381)
})
