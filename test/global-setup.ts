/**
 * One temporary folder for the whole test run: every test process (and every CLI or chain it starts) gets it
 * as TMPDIR, so whatever a test forgets in "/tmp" is inside it, and it is removed when the run ends.
 * Tests still remove their own folders; this is the guarantee that nothing is left behind (wallets with keys
 * among them).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'taocli-test-run-'))
  const previous = process.env.TMPDIR
  process.env.TMPDIR = root
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(root, { recursive: true, force: true })
  }
}
