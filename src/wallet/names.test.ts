import { describe, expect, it } from 'vitest'
import { validateName, validateNewHotkeyName } from './names.js'
import { walletPaths } from './paths.js'

describe('wallet names', () => {
  it("btcli's layout, from names that are one folder each", () => {
    expect(walletPaths('/w', 'x', 'h').hotkeypub).toBe('/w/x/hotkeys/hpub.txt')
    expect(() => walletPaths('/w', '../x', 'h')).toThrow(/not a valid name/)
    expect(() => walletPaths('/w', 'x', '')).toThrow(/hotkey name is empty/)
  })

  it('checks names against what the file system holds, before anything is written', () => {
    expect(validateName('h'.repeat(248), 'hotkey name')).toHaveLength(248)
    expect(() => validateName('h'.repeat(249), 'hotkey name')).toThrow(expect.objectContaining({ code: 'NAME_TOO_LONG', exitCode: 2 }))
    expect(validateName('w'.repeat(255), 'wallet name')).toHaveLength(255)
    expect(() => validateName('w'.repeat(256), 'wallet name')).toThrow(/too long/)
    // Bytes, not characters.
    expect(() => validateName('é'.repeat(128), 'wallet name')).toThrow(/256 bytes/)
    expect(() => validateName('a\nb', 'wallet name')).toThrow(/control characters/)
    expect(() => validateNewHotkeyName('xpub.txt')).toThrow(/public key file/)
  })
})
