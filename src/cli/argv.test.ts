import { describe, expect, it } from 'vitest'
import { GLOBAL_FLAGS, hoistGlobalFlags } from './argv.js'
import { TaoCommand } from './base-command.js'
import { networkFlags } from './flags/network.js'
import { passwordFlags } from './flags/password.js'
import { walletFlags } from './flags/wallet.js'

describe('global flags before the command', () => {
  it.each([
    [
      ['--network', 'local', 'wallet', 'balance'],
      ['wallet', 'balance', '--network', 'local'],
    ],
    [
      ['-n', 'local', '--json', 'wallet', 'balance', '--all'],
      ['wallet', 'balance', '-n', 'local', '--json', '--all'],
    ],
    [
      ['--network=local', '-w', 'miner', '-H', 'h1', 'wallet', 'inspect'],
      ['wallet', 'inspect', '--network=local', '-w', 'miner', '-H', 'h1'],
    ],
    [
      ['-nlocal', '-y', 'wallet', 'transfer', '--dest', 'X'],
      ['wallet', 'transfer', '-nlocal', '-y', '--dest', 'X'],
    ],
    [
      ['--json', 'tx', 'submit', '0x00', '--wait-for', 'none'],
      ['tx', 'submit', '0x00', '--json', '--wait-for', 'none'],
    ],
    [
      ['--verbose', '--wallet-path', '/tmp/w', 'wallet', 'list'],
      ['wallet', 'list', '--verbose', '--wallet-path', '/tmp/w'],
    ],
    [
      ['--help', 'wallet', 'create'],
      ['wallet', 'create', '--help'],
    ],
  ])('%j → %j', (argv, expected) => expect(hoistGlobalFlags(argv)).toEqual(expected))

  it.each([
    [['wallet', 'balance', '--network', 'local']], // already after the command
    [['--version']],
    [['--json']], // no command: oclif says so
    [['--bogus', 'wallet', 'list']], // unknown: left for oclif to report
    [['--network']], // a value flag without its value
    [['--', 'wallet']],
    [[]],
  ])('leaves %j alone', (argv) => expect(hoistGlobalFlags(argv)).toEqual(argv))

  it('knows every global flag, alias and short form the commands declare', () => {
    const withValue = new Set<string>()
    const boolean = new Set<string>(['--json', '--help'])
    const flags = { ...walletFlags, ...networkFlags, ...passwordFlags, ...TaoCommand.baseFlags } as Record<
      string,
      { type: string; char?: string; aliases?: string[] }
    >
    for (const [name, f] of Object.entries(flags)) {
      const forms = [`--${name}`, ...(f.aliases ?? []).map((a) => `--${a}`), ...(f.char ? [`-${f.char}`] : [])]
      for (const form of forms) (f.type === 'option' ? withValue : boolean).add(form)
    }
    expect(new Set(GLOBAL_FLAGS.withValue)).toEqual(withValue)
    expect(new Set(GLOBAL_FLAGS.boolean)).toEqual(boolean)
  })
})
