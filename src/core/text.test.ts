import { describe, expect, it } from 'vitest'
import { terminalText } from './text.js'

describe('terminalText', () => {
  it('removes escape sequences whole', () => {
    expect(terminalText('a\u001b[2J\u001b[Hb')).toBe('ab')
    expect(terminalText('x\u001b]0;owned\u0007y')).toBe('xy')
    expect(terminalText('x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y')).toBe('xlinky')
    expect(terminalText('\u001b[8mhidden\u001b[0m')).toBe('hidden')
    expect(terminalText('c\u009b31md')).toBe('cd')
    expect(terminalText('a\u001bPq#0;2;0;0;0\u001b\\b')).toBe('ab')
  })

  it('drops other controls and bidi overrides, keeps one line', () => {
    expect(terminalText('a\u0000b\u0007c\u0008d')).toBe('abcd')
    expect(terminalText('line1\nline2\r\n')).toBe('line1 line2 ')
    expect(terminalText('abc\u202edcba')).toBe('abcdcba')
    expect(terminalText('Subnet α 名前 🚀')).toBe('Subnet α 名前 🚀')
  })
})
