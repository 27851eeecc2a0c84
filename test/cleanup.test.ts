import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

describe('test run hygiene', () => {
  it('every test process works in the run-private temporary folder that the run removes', () => {
    expect(path.basename(tmpdir())).toMatch(/^taocli-test-run-/)
  })
})
