import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { proxyEntryFlags } from '../../cli/flags/proxy.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseSs58 } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'

export default class ProxyKill extends TaoCommand {
  static summary = 'Remove a pure proxy account (Proxy.kill_pure), run through --proxy <pure> by its spawner.'
  static description =
    'Give what `tao proxy create` reported: its type, index, block (--height) and extrinsic index. Whatever the pure account holds is lost; ' +
    'a typed confirmation is asked (-y skips it).'
  static examples = ['<%= config.bin %> proxy kill -w owner --proxy 5Pure… --spawner 5Owner… --type Any --height 12 --ext-index 1 -y']
  static flags = {
    ...signingFlags,
    spawner: Flags.string({ description: 'The account that created the pure proxy (SS58).', required: true }),
    type: proxyEntryFlags.type,
    index: integerFlag({ description: 'The disambiguation index it was created with.', default: 0, min: 0, max: 65535 }),
    height: integerFlag({ description: 'The block the pure proxy was created in.', required: true, min: 0, max: 4294967295 }),
    'ext-index': integerFlag({
      description: 'The index of the creating extrinsic in that block.',
      required: true,
      min: 0,
      max: 4294967295,
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(ProxyKill)
    if (flags.proxy === undefined)
      throw badInput('proxy kill runs as the pure account: give it with --proxy <pure address>', 'MISSING_INPUT')
    const spawner = await parseSs58(flags.spawner, '--spawner')
    const { planKillPure } = await import('../../subtensor/proxy.js')
    return runTx(this, flags, 'coldkey', (ctx) =>
      planKillPure(ctx, { spawner, type: flags.type, index: flags.index, height: flags.height, extIndex: flags['ext-index'] }),
    )
  }
}
