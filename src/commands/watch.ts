import { Flags } from '@oclif/core'
import { TaoCommand } from '../cli/base-command.js'
import { networkFlags } from '../cli/flags/network.js'
import { optionalNetuidFlag } from '../cli/flags/netuid.js'
import { resolveWallet } from '../wallet/selection.js'
import { walletFlags } from '../cli/flags/wallet.js'
import { allowInsecure, resolveSetting } from '../config/settings.js'
import { localnetEndpoint } from '../cli/connect.js'
import { stopDeadline } from '../core/command-deadline.js'
import { badInput } from '../core/errors.js'
import { progress } from '../core/output.js'

export default class Watch extends TaoCommand {
  // Ctrl-C while connecting exits 130; once the screen is drawn it quits like `q` (src/tui/start.tsx).
  static handlesInterrupt = true
  static summary = 'Watch subnets live: the subnets overview, a metagraph and your stake, block by block.'
  static description =
    'A terminal UI that follows the chain block by block (finalized blocks; --best for best blocks), with three ' +
    "views: the subnets overview, one subnet's metagraph (enter on a subnet, or --netuid) and the stake of every " +
    'local wallet (tab switches). A value that went up since the previous block is followed by +, one that went ' +
    "down by -; UIDs that registered or were replaced are marked + or ~, the local wallets' keys *. Enter on a UID " +
    'opens its details, with sparklines over the blocks seen. Keys: ↑↓ or j/k, PgUp/PgDn, / filter, s/S sort, ' +
    'v validators, m mine, ? help, q quit. It needs a terminal; for data use `tao subnets show --netuid N --json`.'
  static examples = [
    '<%= config.bin %> watch --network local',
    '<%= config.bin %> watch --netuid 1 --network local',
    '<%= config.bin %> watch --netuid 1 --best --network local',
  ]
  static flags = {
    ...networkFlags,
    'wallet-path': walletFlags['wallet-path'],
    netuid: optionalNetuidFlag("Open on this subnet's metagraph."),
    best: Flags.boolean({ description: 'Follow best blocks instead of finalized ones (faster, may be reorganised).' }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Watch)
    if (this.jsonEnabled())
      throw badInput('tao watch is interactive and has no --json output; for data use `tao subnets show --netuid N --json`', 'NO_JSON')
    if (!process.stdout.isTTY || !process.stdin.isTTY)
      throw badInput(
        `tao watch needs a terminal (${process.stdout.isTTY ? 'stdin' : 'stdout'} is not one); for data use \`tao subnets show --netuid N --json\``,
        'NOT_A_TERMINAL',
      )
    const network = resolveSetting('network', flags.network).value
    const insecure = allowInsecure(flags.insecure)
    const { checkTransport, resolveEndpoint } = await import('../node/networks.js')
    checkTransport(resolveEndpoint(network), insecure) // a bad name or URL, or plain ws:// elsewhere: exit 2 before connecting
    progress(`connecting to ${network}…`)
    // React's development build checks every render; a terminal app for users runs the production one.
    process.env.NODE_ENV ??= 'production'
    const [{ startWatch }, { connect }, { chainReaders }] = await Promise.all([
      import('../tui/start.js'),
      import('../node/index.js'),
      import('../tui/readers.js'),
    ])
    // The UI runs until the person quits; connecting has its own deadline (TAO_CONNECT_TIMEOUT).
    stopDeadline()
    await startWatch({
      network,
      walletPath: resolveWallet(flags).path,
      netuid: flags.netuid ?? null,
      follow: flags.best ? 'best' : 'finalized',
      readers: await chainReaders(),
      connect: async (n, onDisconnect) => connect(await localnetEndpoint(n), { onDisconnect, insecure }),
    })
  }
}
