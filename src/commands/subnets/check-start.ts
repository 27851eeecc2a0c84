import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'

export default class SubnetsCheckStart extends TaoCommand {
  static summary = 'Whether a subnet has been started, and how many blocks are left until its owner can start it.'
  static description =
    'Read only. On runtimes with SubtensorModule.start_call a new subnet takes no stake until its owner starts it (`tao subnets ' +
    'start`); the runtime allows that once the block being built is at least NetworkRegisteredAt plus the start-call delay ' +
    '(the StartCallDelay storage item, or the DurationOfStartCall constant on runtimes without it). Started means ' +
    'FirstEmissionBlockNumber is set. On a runtime without start_call (spec 218) every subnet counts as started.'
  static examples = ['<%= config.bin %> subnets check-start --netuid 2', '<%= config.bin %> subnets check-start --netuid 2 --json']
  static flags = { ...networkFlags, netuid: netuidFlag() }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsCheckStart)
    const chain = await connectChain(flags)
    try {
      const { readStartStatus, startWhen } = await import('../../subtensor/subnets/start.js')
      const s = await readStartStatus(chain, flags.netuid)
      if (!s.needsStartCall)
        this.log(`Subnet ${s.netuid}: this runtime ${chain.metadata.where} has no start_call; subnets start when registered.`)
      else if (s.started) this.log(`Subnet ${s.netuid} is started: emission from block #${s.firstEmissionBlock} (block #${s.block}).`)
      else
        this.log(
          `Subnet ${s.netuid} is not started (block #${s.block}): registered at block #${s.registeredAt}, start-call delay ${s.startCallDelay} blocks; ` +
            `${startWhen(s)}.`,
        )
      return {
        network: resolveSetting('network', flags.network).value,
        block: s.block,
        netuid: s.netuid,
        spec: chain.specVersion,
        needsStartCall: s.needsStartCall,
        started: s.started,
        firstEmissionBlock: s.firstEmissionBlock,
        subtokenEnabled: s.subtokenEnabled,
        registeredAt: s.registeredAt,
        startCallDelay: s.startCallDelay,
        startAllowedAt: s.startAllowedAt,
        blocksLeft: s.blocksLeft,
        canStartNow: s.needsStartCall && !s.started && s.blocksLeft === 0,
      }
    } finally {
      chain.close()
    }
  }
}
