import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { resolveSetting } from '../../config/settings.js'
import { TaoError, unreachable } from '../../core/errors.js'
import { stopDeadline } from '../../core/command-deadline.js'
import { setInterruptNote } from '../../core/interrupt.js'

/** While watching: how often the node is asked whether it is there, and how long it has to answer. */
const HEARTBEAT_MS = 20_000
const HEARTBEAT_ANSWER_MS = 20_000

export default class ChainInfo extends TaoCommand {
  static summary = 'Show the network: runtime, blocks, TAO issuance, block emission, next halving, stake and subnets.'
  static description =
    'Every figure is read from the chain at its best block. Issuance is SubtensorModule.TotalIssuance (what the emission ' +
    "schedule runs on) beside the balances pallet's total issuance. The block emission is computed from the issuance as the " +
    "runtime computes it (it halves each time issuance crosses 10.5M, 15.75M, 18.375M … TAO); the next halving's block and date " +
    "are estimates at the current emission and the runtime's block time. A figure this runtime lacks is shown as such (null in --json).\n\n" +
    '--watch prints the figures again at each new best block until Ctrl-C (exit 130); with --json, one JSON document a line.'
  static examples = [
    '<%= config.bin %> chain info',
    '<%= config.bin %> chain info --network local --json',
    '<%= config.bin %> chain info --watch',
  ]
  static flags = {
    ...networkFlags,
    watch: Flags.boolean({ description: 'Print again at each new best block until Ctrl-C (with --json: one document a line).' }),
  }

  async run(): Promise<Record<string, unknown> | undefined> {
    const { flags } = await this.parse(ChainInfo)
    const network = resolveSetting('network', flags.network).value
    const chain = await connectChain(flags)
    const { blockTimeMs, readChainInfo, watchChainInfo } = await import('../../subtensor/chain-info.js')
    const { chainInfoJson, renderChainInfo } = await import('../../cli/render/chain-info.js')
    if (!flags.watch) {
      try {
        const info = await readChainInfo(chain)
        this.log(renderChainInfo(info))
        return chainInfoJson(info, network) as unknown as Record<string, unknown>
      } finally {
        chain.close()
      }
    }

    // --watch: no deadline on the loop (each read keeps its own); Ctrl-C stops it cleanly with 130.
    const json = this.jsonEnabled()
    let blockTime: number | null
    try {
      blockTime = await blockTimeMs(chain)
    } catch (err) {
      chain.close()
      throw err
    }
    let first = true
    let fail: (err: unknown) => void = () => undefined
    const failure = new Promise<never>((_, reject) => (fail = reject))
    const stop = watchChainInfo(
      chain,
      blockTime,
      (info) => {
        if (json) process.stdout.write(JSON.stringify(chainInfoJson(info, network)) + '\n')
        else this.log((first ? '' : '\n') + renderChainInfo(info))
        first = false
      },
      (err) => fail(err),
    )
    // Ctrl-C is how a watch ends: exit 130 quietly (src/interrupt.ts), with every printed line complete; the
    // command's deadline does not apply to a loop that is meant to run until stopped.
    setInterruptNote('')
    stopDeadline()
    // A node that stops answering (frozen, or a connection that died without closing) sends no more blocks and no
    // error, and a local chain builds blocks only on demand: ask it something now and then, with a deadline.
    const heartbeat = setInterval(() => {
      const late = setTimeout(
        () => fail(unreachable(`the node stopped answering (no reply within ${HEARTBEAT_ANSWER_MS / 1000} s)`)),
        HEARTBEAT_ANSWER_MS,
      )
      chain.rpc('system_health').then(
        () => clearTimeout(late),
        (err: unknown) => {
          clearTimeout(late)
          fail(err)
        },
      )
    }, HEARTBEAT_MS)
    try {
      await failure
    } catch (err) {
      if (err instanceof TaoError) throw err
      throw unreachable(`lost the node while watching: ${(err as Error)?.message ?? String(err)}`)
    } finally {
      setInterruptNote(undefined)
      clearInterval(heartbeat)
      stop()
      chain.close()
    }
    return undefined
  }
}
