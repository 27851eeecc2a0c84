import { Args, Flags } from '@oclif/core'
import { TaoCommand } from '../../../cli/base-command.js'
import { parseSs58 } from '../../../cli/parse.js'
import { badInput } from '../../../core/errors.js'
import { proxyBook, saveProxyBook } from '../../../config/settings.js'

export default class ConfigProxyAdd extends TaoCommand {
  static summary = 'Name a real account in the proxy address book, to use as `--proxy NAME`.'
  static description = 'Stored in the config file under `proxies`. The type is a note for you (the chain decides what the proxy may do).'
  static examples = ['<%= config.bin %> config proxy add treasury 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY --type Staking']
  static args = {
    name: Args.string({ required: true, description: 'A name (letters, digits, - and _).' }),
    ss58: Args.string({ required: true, description: 'The real account (SS58).' }),
  }
  static flags = { type: Flags.string({ description: 'The proxy type the account gave you.', default: 'Any' }) }

  async run(): Promise<{ name: string; ss58: string; type: string }> {
    const { args, flags } = await this.parse(ConfigProxyAdd)
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(args.name))
      throw badInput(`proxy name "${args.name}" may hold only letters, digits, - and _`, 'BAD_NAME')
    const ss58 = await parseSs58(args.ss58, 'the address')
    const book = proxyBook()
    book[args.name] = { ss58, type: flags.type }
    await saveProxyBook(book)
    this.log(`${args.name} = ${ss58} (${flags.type})`)
    return { name: args.name, ss58, type: flags.type }
  }
}
