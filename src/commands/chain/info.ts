import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags.js'
import { connectChain } from '../../cli/tx.js'
import { resolveSetting } from '../../config/settings.js'
import { TaoError, unreachable } from '../../errors.js'
import { handleInterrupts } from '../../interrupt.js'

export default class ChainInfo extends TaoCommand {
  static summary = 'Show the network: runtime, blocks, TAO issuance, block emission, next halving, stake and subnets.'
  static description =
    'Every figure is read from the chain at its best block. Issuance is SubtensorModule.TotalIssuance (what the emission ' +
    'schedule runs on) beside the balances pallet\'s total issuance. The block emission is computed from the issuance as the ' +
    "runtime computes it (it halves each time issuance crosses 10.5M, 15.75M, 18.375M … TAO); the next halving's block and date " +
    'are estimates at the current emission and the runtime\'s block time. A figure this runtime lacks is shown as such (null in --json).\n\n' +
    '--watch prints the figures again at each new best block until Ctrl-C (exit 130); with --json, one JSON document a line.'
  static examples = [
    '<%= config.bin %> chain info',
    '<%= config.bin %> chain info --network local --json',
    '<%= config.bin %> chain info --watch',
  ]
  // --watch ends on Ctrl-C by itself (exit 130, stdout whole); without it, the usual handler is installed in run().
  static handlesInterrupt = true
  static flags = {
    ...networkFlags,
    watch: Flags.boolean({ description: 'Print again at each new best block until Ctrl-C (with --json: one document a line).' }),
  }

  async run(): Promise<Record<string, unknown> | undefined> {
    const { flags } = await this.parse(ChainInfo)
    if (!flags.watch) handleInterrupts()
    const network = resolveSetting('network', flags.network).value
    const chain = await connectChain(flags.network)
    const { blockTimeMs, readChainInfo, watchChainInfo } = await import('../../chain/chain-info.js')
    const { chainInfoJson, renderChainInfo } = await import('../../chain/chain-info-view.js')
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
    const interrupted = untilInterrupted()
    try {
      await Promise.race([interrupted.signal, failure])
    } catch (err) {
      if (err instanceof TaoError) throw err
      throw unreachable(`lost the node while watching: ${(err as Error)?.message ?? String(err)}`)
    } finally {
      interrupted.release()
      stop()
      chain.close()
    }
    process.exitCode = 130
    // polkadot-api's sockets can keep the loop alive for a moment after close(): leave once output is out.
    setTimeout(() => process.exit(130), 500).unref()
    return undefined
  }
}

/** The first Ctrl-C (or SIGTERM); until released, the handlers keep the default (killing) from running. */
function untilInterrupted(): { signal: Promise<NodeJS.Signals>; release(): void } {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
  let onSignal: (s: NodeJS.Signals) => void = () => undefined
  const signal = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve))
  for (const s of signals) process.on(s, onSignal)
  return { signal, release: () => signals.forEach((s) => process.off(s, onSignal)) }
}
