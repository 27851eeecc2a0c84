/** `subnets list` as a table. */
import type { SubnetSummary } from '../../subtensor/models.js'
import { shortAmount, shortTao } from '../../core/amount.js'
import { table } from '../../core/output.js'

const sym = (s: SubnetSummary) => s.symbol ?? 'α'

export function subnetsTable(subnets: readonly SubnetSummary[]): string {
  const rows = [['NETUID', 'NAME', 'PRICE τ/α', 'MARKET CAP', 'EMISSION/BLOCK', 'POOL τ', 'POOL α', 'α OUT', 'TEMPO', 'NEURONS', 'BURN']]
  for (const s of subnets)
    rows.push([
      String(s.netuid),
      [s.symbol, s.name].filter(Boolean).join(' ') || '-',
      s.price === null ? '-' : shortAmount(s.price, 6),
      shortTao(s.marketCap),
      shortTao(s.taoEmission, 6),
      shortTao(s.taoIn),
      `${shortAmount(s.alphaIn)} ${sym(s)}`,
      `${shortAmount(s.alphaOut)} ${sym(s)}`,
      `${s.blocksSinceLastStep}/${s.tempo}`,
      `${s.neurons}/${s.maxNeurons}`,
      shortTao(s.burn),
    ])
  return table(rows)
}
