import { describe, expect, it } from 'vitest'
import { closest, editDistance } from './suggest.js'

const commands = [
  'wallet create',
  'wallet list',
  'wallet balance',
  'wallet transfer',
  'wallet regen-coldkey',
  'wallet regen-hotkey',
  'tx submit',
  'tx decode',
  'config set',
  'config get',
]
const topics = ['wallet', 'tx', 'config', 'localnet']

describe('did you mean', () => {
  it('counts edits', () => {
    expect(editDistance('crate', 'create')).toBe(1)
    expect(editDistance('wlalet', 'wallet')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
  })
  it.each([
    [['wallet', 'crate'], ['wallet create']],
    [['walet', 'list'], ['wallet list']],
    [['wallet', 'ballance', '--all'], ['wallet balance']],
    [['wallet', 'regen-coldky'], ['wallet regen-coldkey']],
    [['tx', 'submitt', '0x00'], ['tx submit']],
    [['conifg', 'get'], ['config get']],
  ])('%j → %j', (typed, expected) => expect(closest(typed, [...commands, ...topics])).toEqual(expected))

  it('a topic alone when only its name was mistyped', () => expect(closest(['walet'], [...commands, ...topics])).toEqual(['wallet']))
  it('nothing for something unrelated', () => {
    expect(closest(['frobnicate'], [...commands, ...topics])).toEqual([])
    // the topic is right, the command is not close to any: no "did you mean wallet"
    expect(closest(['wallet', 'frobnicate'], [...commands, ...topics])).toEqual([])
  })
})
