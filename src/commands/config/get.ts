import { Args } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { assertSettingKey, resolveSetting, SETTING_KEYS, type SettingSource } from '../../config/settings.js'

export default class ConfigGet extends TaoCommand {
  static summary = 'Show the value a setting resolves to, and where it comes from.'
  static examples = ['<%= config.bin %> config get network']
  static args = {
    key: Args.string({ required: true, description: 'Setting name.', options: [...SETTING_KEYS] }),
  }

  async run(): Promise<{ key: string; value: string; source: SettingSource }> {
    const { args } = await this.parse(ConfigGet)
    const key = assertSettingKey(args.key)
    const { value, source } = resolveSetting(key)
    this.log(value)
    return { key, value, source }
  }
}
