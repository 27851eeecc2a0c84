import { TaoCommand } from '../../../cli/base-command.js'
import { proxyBook } from '../../../config/settings.js'

export default class ConfigProxyList extends TaoCommand {
  static summary = 'List the proxy address book (names usable as `--proxy NAME`).'
  static examples = ['<%= config.bin %> config proxy list --json']

  async run(): Promise<{ proxies: Array<{ name: string; ss58: string; type: string }> }> {
    await this.parse(ConfigProxyList)
    const proxies = Object.entries(proxyBook()).map(([name, e]) => ({ name, ...e }))
    if (proxies.length === 0) this.log('The proxy address book is empty (tao config proxy add NAME SS58).')
    for (const p of proxies) this.log(`${p.name}  ${p.ss58}  ${p.type}`)
    return { proxies }
  }
}
