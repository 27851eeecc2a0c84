import { TaoCommand } from '../../cli/base-command.js'
import { stopDetached, type StopResult } from '../../localnet/detach.js'
import { taoStateDir } from '../../config/dirs.js'

export default class LocalnetStop extends TaoCommand {
  static summary = 'Stop the localnet started with `tao localnet start --detach`.'
  static description =
    'Sends SIGTERM, waits for the node to stop (SIGKILL after 15 s) and removes its record. Exits 1 when none is running.'
  static examples = ['<%= config.bin %> localnet stop']

  async run(): Promise<StopResult> {
    await this.parse(LocalnetStop)
    const result = await stopDetached(taoStateDir())
    this.log(`Stopped the localnet at ${result.endpoint} (pid ${result.pid})${result.forced ? ', with SIGKILL' : ''}.`)
    return result
  }
}
