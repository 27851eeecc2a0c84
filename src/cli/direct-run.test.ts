import { describe, expect, it } from 'vitest'
import { findCommand } from './direct-run.js'

const commands = {
  'wallet:list': { id: 'wallet:list', file: 'dist/commands/wallet/list.js' },
  'stake:child:get': { id: 'stake:child:get', file: 'dist/commands/stake/child/get.js' },
  'subnets:show': { id: 'subnets:show', file: 'dist/commands/subnets/show.js' },
  'subnets:metagraph': { id: 'subnets:show', file: 'dist/commands/subnets/show.js' },
  watch: { id: 'watch', file: 'dist/commands/watch.js' },
}

describe('findCommand', () => {
  it('takes the longest run of words before the first flag that names a command', () => {
    expect(findCommand(['stake', 'child', 'get', '--netuid', '1'], commands)).toEqual({
      entry: commands['stake:child:get'],
      rest: ['--netuid', '1'],
    })
    expect(findCommand(['watch', '--netuid', '3'], commands)?.entry.id).toBe('watch')
  })

  it('follows aliases to the command they stand for', () => {
    expect(findCommand(['subnets', 'metagraph', '--netuid', '1'], commands)?.entry.id).toBe('subnets:show')
  })

  it('leaves arguments after the command to it, and stops at the first flag', () => {
    expect(findCommand(['wallet', 'list', 'extra'], commands)).toEqual({ entry: commands['wallet:list'], rest: ['extra'] })
    expect(findCommand(['--json', 'wallet', 'list'], commands)).toBeUndefined()
  })

  it('finds nothing for a topic or an unknown command (oclif answers those)', () => {
    expect(findCommand(['wallet'], commands)).toBeUndefined()
    expect(findCommand(['wallet', 'crate'], commands)).toBeUndefined()
    expect(findCommand([], commands)).toBeUndefined()
  })
})
