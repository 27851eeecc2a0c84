import { Args } from '@oclif/core'
import { TaoCommand } from '../../../cli/base-command.js'
import { badInput } from '../../../core/errors.js'
import { proxyBook, saveProxyBook } from '../../../config/settings.js'

export default class ConfigProxyRemove extends TaoCommand {
  static summary = 'Remove a name from the proxy address book.'
  static examples = ['<%= config.bin %> config proxy remove treasury']
  static args = { name: Args.string({ required: true, description: 'The name to remove.' }) }

  async run(): Promise<{ name: string; ss58: string }> {
    const { args } = await this.parse(ConfigProxyRemove)
    const book = proxyBook()
    const entry = book[args.name]
    if (!entry) throw badInput(`no proxy named "${args.name}" in the address book`, 'UNKNOWN_PROXY')
    delete book[args.name]
    await saveProxyBook(book)
    this.log(`removed ${args.name} (${entry.ss58})`)
    return { name: args.name, ss58: entry.ss58 }
  }
}
