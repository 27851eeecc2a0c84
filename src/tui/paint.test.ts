import { afterEach, describe, expect, it, vi } from 'vitest'
import { terminalPaint } from './paint.js'

const tty = { isTTY: true } as NodeJS.WriteStream

describe('terminalPaint follows the colour rule of every command', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('colours a terminal', () => {
    vi.stubEnv('NO_COLOR', undefined)
    vi.stubEnv('FORCE_COLOR', undefined)
    vi.stubEnv('TERM', 'xterm')
    expect(terminalPaint(tty).bold('x')).toBe('\u001b[1mx\u001b[22m')
  })

  it('gives TERM=dumb, NO_COLOR and FORCE_COLOR=0 plain text, bold and dim included', () => {
    for (const env of [{ TERM: 'dumb' }, { NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      vi.unstubAllEnvs()
      vi.stubEnv('NO_COLOR', undefined)
      vi.stubEnv('FORCE_COLOR', undefined)
      vi.stubEnv('TERM', 'xterm')
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
      const paint = terminalPaint(tty)
      expect(paint.bold('x') + paint.dim('y') + paint.inverse.bold('z')).toBe('xyz')
    }
  })
})
