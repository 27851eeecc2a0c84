import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TaoError } from '../core/errors.js'
import { decodeMetadata, type RuntimeMetadata } from '../node/metadata.js'
import { governanceAvailability, requireGovernance } from './governance.js'

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/metadata-spec381.scale')
let spec381: RuntimeMetadata | undefined
const view381 = () => (spec381 ??= decodeMetadata(readFileSync(FIXTURE)))

// Spec 218's metadata comes from a running node: test/compat runs the same checks on it (governance available there).
describe('governance on a runtime without it (spec 381 metadata)', () => {
  it.each(['members', 'proposals', 'vote'] as const)('%s: not in this runtime, naming the spec and the missing pallets', (feature) => {
    const a = governanceAvailability(view381(), feature)
    expect(a.available).toBe(false)
    if (a.available) return
    expect(a.message).toMatch(/^this runtime \(spec 381\) has no /)
    expect(a.message).toMatch(/Triumvirate|SenateMembers/)
    expect(a.missing.length).toBeGreaterThan(0)
    let thrown: unknown
    try {
      requireGovernance(view381(), feature)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(TaoError)
    expect((thrown as TaoError).exitCode).toBe(2)
    expect((thrown as TaoError).code).toBe('NOT_IN_RUNTIME')
    expect((thrown as TaoError).message).toBe(a.message)
  })

  it('says which pallets are gone for a vote: the senate, the triumvirate, and SubtensorModule.vote with them', () => {
    const a = governanceAvailability(view381(), 'vote')
    expect(a).toMatchObject({ available: false })
    if (a.available) return
    expect(a.message).toBe('this runtime (spec 381) has no Triumvirate or SenateMembers pallets, so it has no senate votes')
    expect(a.missing).toContain('SubtensorModule.vote')
  })

  it('still has pallet Sudo, so sudo-key is available', () => {
    expect(governanceAvailability(view381(), 'sudo-key')).toEqual({ available: true })
    expect(() => requireGovernance(view381(), 'sudo-key')).not.toThrow()
  })
})
