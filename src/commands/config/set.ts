import { Args } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { configStore, SETTING_KEYS } from '../../config/settings.js'
import { parseSetting } from '../../cli/parse.js'

export default class ConfigSet extends TaoCommand {
  static summary = 'Store a default setting.'
  static description = `Settings: ${SETTING_KEYS.join(', ')}. A flag or environment variable still wins over a stored value.`
  static examples = ['<%= config.bin %> config set network local', '<%= config.bin %> config set wallet-name miner']
  static args = {
    key: Args.string({ required: true, description: 'Setting name.', options: [...SETTING_KEYS] }),
    value: Args.string({ required: true, description: 'Value to store.' }),
  }

  async run(): Promise<{ key: string; value: string }> {
    const { args } = await this.parse(ConfigSet)
    const { key, value } = parseSetting(args.key, args.value)
    const store = await configStore()
    store.set(key, value)
    this.log(`${key} = ${value}`)
    return { key, value }
  }
}
