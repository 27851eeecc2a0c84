/**
 * Start `tao watch`: connect (through the live source), check the subnet asked for, then draw the UI in
 * the terminal's alternate screen until `q`, Ctrl-C or a signal, and leave the terminal as it was.
 * Loaded only by the watch command (`await import`), so no other command ever loads Ink or React.
 */
import { render } from 'ink'
import { badInput } from '../core/errors.js'
import type { Chain } from '../node/index.js'
import { listWallets } from '../wallet/store.js'
import { WatchApp } from './app.js'
import { chainSource, type ChainReaders } from './chain-source.js'
import { mineFromWallets, type Mine } from './mine.js'
import { terminalPaint } from './paint.js'
import type { FollowMode, LiveSource } from './source.js'

export interface WatchOptions {
  /** The network name or URL (as resolved from flag, environment and config). */
  network: string
  walletPath: string
  netuid: number | null
  follow: FollowMode
  readers: ChainReaders
  connect(network: string, onDisconnect: (reason: string) => void): Promise<Chain>
}

export async function startWatch(o: WatchOptions): Promise<void> {
  // Until the screen is drawn, Ctrl-C means: give up connecting (130, as everywhere in tao).
  const early = () => {
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}interrupted\n`)
    process.exit(130)
  }
  process.on('SIGINT', early)
  const mine = mineFromWallets(await listWallets(o.walletPath))
  const source = chainSource({
    connect: (onDisconnect) => o.connect(o.network, onDisconnect),
    readers: o.readers,
    follow: o.follow,
    coldkeys: [...mine.coldkeys],
    netuid: o.netuid,
  })
  try {
    const first = await source.start()
    if (o.netuid !== null && !first.subnets.some((s) => s.netuid === o.netuid)) {
      const known = first.subnets.map((s) => s.netuid)
      throw badInput(
        `subnet ${o.netuid} does not exist on ${o.network} (subnets: ${known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ')})`,
        'NOT_FOUND',
      )
    }
    process.off('SIGINT', early)
    await runApp(source, { network: o.network, follow: o.follow, netuid: o.netuid, mine })
  } finally {
    process.off('SIGINT', early)
    source.close()
  }
}

/** Draw until the user quits; resolves once the terminal is restored. */
export async function runApp(
  source: LiveSource,
  p: { network: string; follow: FollowMode; netuid: number | null; mine: Mine },
): Promise<void> {
  const paint = terminalPaint(process.stdout)
  const app = render(<WatchApp source={source} mine={p.mine} network={p.network} follow={p.follow} netuid={p.netuid} paint={paint} />, {
    exitOnCtrlC: false,
    // The command checked that stdin and stdout are terminals; Ink would otherwise draw nothing but the
    // last frame wherever CI is set in the environment (a terminal inside a CI job, a dev container).
    interactive: true,
    alternateScreen: true,
    incrementalRendering: true,
    patchConsole: true,
  })
  // A signal (kill, a closed terminal) leaves like `q` does: the terminal restored, exit 0.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  const leave = () => app.unmount()
  for (const s of signals) process.on(s, leave)
  try {
    await app.waitUntilExit()
  } finally {
    for (const s of signals) process.off(s, leave)
  }
}
