import { TaoCommand } from '../../cli/base-command.js'
import { configPath, resolveSetting, SETTING_KEYS, type SettingSource } from '../../config/settings.js'
import { table } from '../../core/output.js'

export default class ConfigList extends TaoCommand {
  static summary = 'List every setting with its resolved value and source (flag > env > config > default).'
  static examples = ['<%= config.bin %> config list', '<%= config.bin %> config list --json']

  async run(): Promise<{ path: string; settings: { key: string; value: string; source: SettingSource }[] }> {
    await this.parse(ConfigList)
    const settings = SETTING_KEYS.map((key) => ({ key, ...resolveSetting(key) }))
    this.log(table([['SETTING', 'VALUE', 'SOURCE'], ...settings.map((s) => [s.key, s.value, s.source])]))
    return { path: configPath(), settings }
  }
}
