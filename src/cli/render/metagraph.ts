/** `subnets show` for people: the subnet's header and one row per UID. */
import type { Metagraph, Neuron, SubnetSummary } from '../../subtensor/models.js'
import { nextEpochIndexBlock } from '../../subtensor/subnets/summary.js'
import { shortAmount, shortTao } from '../../core/amount.js'
import { fraction } from '../../core/numbers.js'
import { paint, table } from '../../core/output.js'

export function subnetHeader(s: SubnetSummary, block: number): string {
  const sym = s.symbol ?? 'α'
  const title = [`Subnet ${s.netuid}`, s.symbol, s.name].filter(Boolean).join(' ')
  // Where the runtime runs the epoch every block (spec 218's raonet build), a tempo countdown would mislead.
  const everyBlock = s.epochEveryBlock === true && s.tempo > 0
  const turns = nextEpochIndexBlock(s.netuid, s.tempo, block)
  const next = everyBlock
    ? `; this runtime runs the epoch every block, weight-commit epochs turn at #${turns}`
    : s.nextEpochBlock === null
      ? ''
      : `, next epoch at #${s.nextEpochBlock}`
  return [
    `${paint.bold(title)}  ${paint.dim(`at block #${block}`)}`,
    `owner      ${s.ownerColdkey ?? '-'} (coldkey)${s.ownerHotkey ? `, ${s.ownerHotkey} (hotkey)` : ''}`,
    `price      ${s.price === null ? 'none (empty pool)' : `τ${shortAmount(s.price, 9)} per ${sym}`}   market cap ${shortTao(s.marketCap)}`,
    `pool       ${shortTao(s.taoIn)} and ${shortAmount(s.alphaIn)} ${sym}; ${shortAmount(s.alphaOut)} ${sym} staked; emission ${shortTao(s.taoEmission, 9)} per block`,
    `tempo      ${s.tempo} blocks (${s.blocksSinceLastStep} since the last step${next})`,
    `neurons    ${s.neurons}/${s.maxNeurons}, registration burn ${shortTao(s.burn)}`,
  ].join('\n')
}

export function neuronsTable(neurons: readonly Neuron[], block: number, symbol: string | null): string {
  const sym = symbol ?? 'α'
  const rows = [
    [
      'UID',
      `STAKE ${sym}`,
      'SWAP τ',
      'SPOT τ',
      'RANK',
      'TRUST',
      'VTRUST',
      'CONS',
      'INCENT',
      'DIVS',
      `EMISSION ${sym}`,
      'VPERMIT',
      'ACTIVE',
      'UPDATED',
      'HOTKEY',
      'COLDKEY',
      'AXON',
    ],
  ]
  for (const n of neurons)
    rows.push([
      String(n.uid),
      shortAmount(n.alphaStake),
      shortAmount(n.stakeSwapValue),
      shortAmount(n.stakeSpotValue),
      fraction(n.rank),
      fraction(n.trust),
      fraction(n.validatorTrust),
      fraction(n.consensus),
      fraction(n.incentive),
      fraction(n.dividends),
      shortAmount(n.emission, 6),
      n.validatorPermit ? 'yes' : 'no',
      n.active ? 'yes' : 'no',
      `${Math.max(0, block - n.lastUpdate)}`,
      shortKey(n.hotkey),
      shortKey(n.coldkey),
      n.axon?.ip ? `${n.axon.ip}:${n.axon.port}` : '-',
    ])
  return table(rows)
}

export function metagraphText(v: Metagraph, neurons: readonly Neuron[]): string {
  const shown = neurons.length === v.neurons.length ? '' : paint.dim(`\n${neurons.length} of ${v.neurons.length} UIDs shown`)
  const legend = neurons.length
    ? paint.dim("\nSWAP: what unstaking the UID's alpha would pay now through the pool; SPOT: alpha × price")
    : ''
  return `${subnetHeader(v.subnet, v.block)}\n\n${neurons.length ? neuronsTable(neurons, v.block, v.subnet.symbol) : 'no UIDs to show'}${shown}${legend}`
}

/** The first characters of an address, enough to tell keys apart in a table. */
export const shortKey = (ss58: string | null, length = 8): string =>
  ss58 === null ? '-' : ss58.length > length ? `${ss58.slice(0, length)}…` : ss58
