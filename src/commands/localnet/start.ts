import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { integerFlag } from '../../cli/flags/integer.js'
import { parseFundEntry } from '../../cli/parse.js'
import { assertNoneRunning, READY_FILE_ENV, startDetached } from '../../localnet/detach.js'
import { fundingPlan } from '../../localnet/fund.js'
import { LOCAL_RUNTIME_VERSIONS, type LocalRuntime } from '../../localnet/runtimes.js'
import { describeGenesis, resolveGenesis, type GenesisSource } from '../../localnet/genesis.js'
import type { LocalnetInfo } from '../../localnet/localnet.js'
import { assertChopsticksInstalled, assertPortFree } from '../../localnet/node.js'
import { taoStateDir } from '../../config/dirs.js'
import { writeJsonAtomic } from '../../localnet/state.js'
import { renderSummary } from '../../localnet/summary.js'
import { stopDeadline } from '../../core/command-deadline.js'
import { info as say } from '../../core/output.js'

export default class LocalnetStart extends TaoCommand {
  static summary = 'Run a local Subtensor chain: funded dev accounts, Alice as sudo, one block per transaction.'
  static description = `The real Subtensor runtime, run by Chopsticks on this machine. Alice, Bob, Charlie, Dave, Eve and Ferdie (//Alice … from the dev phrase) get 1,000,000 TAO each, Alice holds the sudo key, and unless --realistic the limits that make a new chain wait (NetworkRateLimit, WeightsSetRateLimit, ServingRateLimit, TxRateLimit, the take rate limits, and the stake needed to set weights) are set to 0, so a subnet can be created, neurons registered and weights set at once.

Prints the endpoint on stdout (with --json one line: endpoint, port, pid, genesis, sudo, funded accounts with their free balance, relaxed limits, log) and runs until Ctrl-C or SIGTERM. With --detach it runs in the background (log in the state directory, $TAO_STATE_DIR or ~/.local/state/taocli) until \`tao localnet stop\`.

The chain starts from --chain-spec, a fork of a live network (--fork), one of the runtimes this package ships (--runtime), $TAO_LOCALNET_SPEC, or the development spec shipped with this package (--runtime 218). The runtimes:
  218  the raonet genesis (chain-specs/raonet-spec218.json): the dynamic-TAO era; its runtime APIs return opaque bytes. The fastest (about 1 s a block); what the tests use by default.
  300  the same state upgraded to Subtensor's spec-300 runtime (chain-specs/runtime-spec300.wasm), migrated by the first block: typed runtime APIs and the metagraph API, limit staking, stake swap/transfer, unstake_all, start_call (new subnets), crowdloans, user liquidity, CRV3 and batch weights. About 2 s a block and 450 MB; the drand pulses CRV3 reveals need do not exist on a local chain.
The JSON's genesis.runtime is the spec version the running chain reports.`
  // Ctrl-C stops the node (and its background start) cleanly: this command handles it itself.
  static handlesInterrupt = true
  static examples = [
    '<%= config.bin %> localnet start',
    '<%= config.bin %> localnet start --port 0 --json',
    '<%= config.bin %> localnet start --runtime 300',
    '<%= config.bin %> localnet start --detach --fund 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV=250',
    '<%= config.bin %> localnet start --fork finney',
  ]
  static flags = {
    port: integerFlag({ description: 'Port to listen on; 0 picks a free one.', default: 9944, min: 0, max: 65535 }),
    host: Flags.string({ description: 'Interface to listen on.', default: '127.0.0.1' }),
    // Not oclif's `exclusive`: its multi-line error would reach the user as "The following errors occurred:".
    'chain-spec': Flags.string({ description: 'A Subtensor raw chain spec (JSON) to start from; not with --fork.' }),
    fork: Flags.string({
      description: 'Fork a live network instead: finney, test or a ws:// / wss:// URL (its state is fetched as needed).',
    }),
    runtime: Flags.string({
      description: 'Start one of the runtimes this package ships (see above); not with --chain-spec or --fork. Default 218.',
      options: LOCAL_RUNTIME_VERSIONS.map(String),
    }),
    fund: Flags.string({
      description: 'Also give ADDRESS a free balance of TAO (exact decimal); repeatable.',
      helpValue: 'ADDRESS=TAO',
      multiple: true,
    }),
    realistic: Flags.boolean({ description: 'Keep every rate limit as the chain has it.' }),
    detach: Flags.boolean({ description: 'Run in the background; stop it with `tao localnet stop`.' }),
  }

  async run(): Promise<LocalnetInfo | undefined> {
    const { flags } = await this.parse(LocalnetStart)
    const genesis = resolveGenesis({
      chainSpec: flags['chain-spec'],
      fork: flags.fork,
      runtime: flags.runtime === undefined ? undefined : (Number(flags.runtime) as LocalRuntime),
    })
    const funding = fundingPlan(await Promise.all((flags.fund ?? []).map(parseFundEntry)))
    assertChopsticksInstalled()

    if (flags.detach) {
      const dir = taoStateDir()
      assertNoneRunning(dir)
      await assertPortFree(flags.host, flags.port)
      say(`Starting a Subtensor localnet in the background (${describeGenesis(genesis)})…`)
      const info = await startDetached({ root: this.config.root, args: this.childArgs(flags, genesis), dir })
      this.log(info.endpoint)
      say(renderSummary(info) + '\nStop it with `tao localnet stop`.')
      return info
    }

    await assertPortFree(flags.host, flags.port)
    say(`Starting a Subtensor localnet (${describeGenesis(genesis)})…`)
    // The node side (metadata codecs, Chopsticks) loads only now, not at every start of this command.
    const { startLocalnet, untilSignal } = await import('../../localnet/localnet.js')
    const { info, node } = await startLocalnet(
      {
        genesis,
        host: flags.host,
        port: flags.port,
        funding,
        realistic: flags.realistic,
        logLevel: this.verbose && !this.jsonEnabled() ? 'info' : 'fatal',
      },
      say,
    )
    const readyFile = process.env[READY_FILE_ENV]
    if (readyFile) await writeJsonAtomic(readyFile, info)
    // One line, written now: the command runs on, and scripts read the endpoint while it does.
    if (this.jsonEnabled()) process.stdout.write(JSON.stringify(info) + '\n')
    else this.log(info.endpoint)
    say(renderSummary(info) + '\nPress Ctrl-C to stop.')
    // Starting had the command's deadline (a fork that never answers); running is until Ctrl-C or SIGTERM.
    stopDeadline()

    const signal = await untilSignal()
    say(`Stopping (${signal})…`)
    await node.close()
    say('Stopped.')
    // Chopsticks' worker threads (WASM executor, log transport) can outlive close(): leave once output is out.
    setTimeout(() => process.exit(0), 500).unref()
    return undefined
  }

  /** The foreground command the detached child runs: everything already resolved, so cwd and env do not matter. */
  private childArgs(
    flags: { port: number; host: string; fund?: string[]; realistic: boolean; runtime?: string },
    genesis: GenesisSource,
  ): string[] {
    return [
      '--port',
      String(flags.port),
      '--host',
      flags.host,
      // A runtime of this package is named as such: the child builds its genesis the same way.
      ...(genesis.kind === 'fork'
        ? ['--fork', genesis.location]
        : flags.runtime
          ? ['--runtime', flags.runtime]
          : ['--chain-spec', genesis.location]),
      ...(flags.fund ?? []).flatMap((f) => ['--fund', f]),
      ...(flags.realistic ? ['--realistic'] : []),
      ...(this.verbose ? ['--verbose'] : []),
    ]
  }
}
