import { describe, expect, it } from 'vitest'
import { colorEnabled } from './output.js'

const tty = { isTTY: true }
const pipe = { isTTY: false }

describe('colorEnabled: one colour rule for commands and tao watch', () => {
  it('colours a terminal, not a pipe or a file', () => {
    expect(colorEnabled(tty, {})).toBe(true)
    expect(colorEnabled(pipe, {})).toBe(false)
    expect(colorEnabled({}, {})).toBe(false)
  })

  it('gives a dumb terminal no codes (TERM=dumb prints them as text)', () => {
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false)
    expect(colorEnabled(tty, { TERM: 'xterm-256color' })).toBe(true)
  })

  it('NO_COLOR wins over everything; an empty NO_COLOR is not set', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false)
    expect(colorEnabled(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false)
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true)
  })

  it('FORCE_COLOR turns colour on anywhere (dumb terminal and pipe too), FORCE_COLOR=0 off', () => {
    for (const value of ['', '1', 'true', '3']) {
      expect(colorEnabled(pipe, { FORCE_COLOR: value })).toBe(true)
      expect(colorEnabled(tty, { FORCE_COLOR: value, TERM: 'dumb' })).toBe(true)
    }
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false)
    expect(colorEnabled(pipe, { FORCE_COLOR: '0' })).toBe(false)
  })
})
