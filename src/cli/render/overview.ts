/** `wallet overview` for people: one table per subnet (the wallet's hotkeys there), its totals, and the total. */
import type { OverviewView } from '../../subtensor/overview.js'
import { shortAmount, shortTao } from '../../core/amount.js'
import { fraction } from '../../core/numbers.js'
import { shortKey } from './metagraph.js'
import { paint, table } from '../../core/output.js'

export function overviewText(v: OverviewView, multiWallet: boolean): string {
  if (!v.rows.length)
    return `no hotkey of ${multiWallet ? 'these wallets' : 'this wallet'} is registered on a subnet ${paint.dim(`(block #${v.block})`)}`
  const parts: string[] = [paint.dim(`at block #${v.block}`)]
  for (const s of v.subnets) {
    const sym = s.symbol ?? 'α'
    const rows = [
      [
        multiWallet ? 'WALLET/HOTKEY' : 'HOTKEY',
        'UID',
        `STAKE ${sym}`,
        'VALUE τ',
        'RANK',
        'TRUST',
        'CONS',
        'INCENT',
        'DIVS',
        `EMISSION ${sym}`,
        'VPERMIT',
        'UPDATED',
        'AXON',
      ],
    ]
    for (const r of v.rows.filter((x) => x.netuid === s.netuid)) {
      const n = r.neuron
      const name = r.hotkeyName ?? shortKey(n.hotkey)
      rows.push([
        multiWallet ? `${r.wallet}/${name}` : name,
        String(n.uid),
        shortAmount(n.alphaStake),
        shortAmount(n.stakeSwapValue),
        fraction(n.rank),
        fraction(n.trust),
        fraction(n.consensus),
        fraction(n.incentive),
        fraction(n.dividends),
        shortAmount(n.emission, 6),
        n.validatorPermit ? 'yes' : 'no',
        `${Math.max(0, v.block - n.lastUpdate)}`,
        n.axon?.ip ? `${n.axon.ip.includes(':') ? `[${n.axon.ip}]` : n.axon.ip}:${n.axon.port}` : '-',
      ])
    }
    rows.push([
      'total',
      String(s.neurons),
      shortAmount(s.alphaStake),
      shortAmount(s.stakeSwapValue),
      '',
      '',
      '',
      '',
      '',
      shortAmount(s.emission, 6),
      '',
      '',
      '',
    ])
    parts.push(`${paint.bold(`Subnet ${s.netuid}${s.symbol ? ` ${s.symbol}` : ''}`)}\n${table(rows)}`)
  }
  parts.push(
    `${v.totals.neurons} registration${v.totals.neurons === 1 ? '' : 's'} on ${v.subnets.length} subnet${v.subnets.length === 1 ? '' : 's'}, stake worth ${shortTao(v.totals.stakeSwapValue)}`,
  )
  return parts.join('\n\n')
}
