import { Args } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { assertSettingKey, configStore, DEFAULTS, SETTING_KEYS } from '../../config/settings.js'

export default class ConfigUnset extends TaoCommand {
  static summary = 'Remove a stored setting (back to its default).'
  static examples = ['<%= config.bin %> config unset network']
  static args = {
    key: Args.string({ required: true, description: 'Setting name.', options: [...SETTING_KEYS] }),
  }

  async run(): Promise<{ key: string; removed: boolean; default: string }> {
    const { args } = await this.parse(ConfigUnset)
    const key = assertSettingKey(args.key)
    const store = await configStore()
    const removed = store.has(key)
    store.delete(key)
    this.log(removed ? `${key} removed (default: ${DEFAULTS[key]})` : `${key} was not set`)
    return { key, removed, default: DEFAULTS[key] }
  }
}
