/**
 * `chain info` as JSON (docs/json.md) and as lines for people, from the plain figures of ./chain-info.ts.
 * Pure: no node, no polkadot-api.
 */
import { amountJson, displayTao, formatTao, type AmountJson } from '../../core/amount.js'
import { groupThousands, u64Fraction } from '../../core/numbers.js'
import type { ChainInfo } from '../../subtensor/chain-info.js'

const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const amount = (rao: bigint | null): AmountJson | null => (rao === null ? null : amountJson(rao))
/** A JSON number for a count that fits one exactly, else its decimal string. */
const count = (n: bigint): number | string => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString())

export interface ChainInfoJson {
  network: string
  runtime: { specName: string; specVersion: number }
  /** The best block, which every figure is read at. */
  block: number
  blockHash: string
  finalizedBlock: number
  timestamp: string | null
  issuance: AmountJson | null
  balancesIssuance: AmountJson | null
  supplyCap: AmountJson
  issuedShare: number | null
  blockEmission: AmountJson | null
  halvings: number | null
  nextHalving: {
    halving: number
    issuance: AmountJson
    remaining: AmountJson
    blockEmission: AmountJson
    blocks: number | string
    block: number | string
    date: string | null
  } | null
  blockTimeMs: number | null
  totalStake: AmountJson | null
  subnetCount: number | null
  subnetLimit: number | null
  taoWeight: { raw: string; value: number } | null
  taoWeightBySubnet: Array<{ netuid: number; raw: string; value: number }> | null
  notInRuntime: string[]
}

export function chainInfoJson(info: ChainInfo, network: string): ChainInfoJson {
  const h = info.nextHalving
  return {
    network,
    runtime: { specName: info.specName, specVersion: info.specVersion },
    block: info.best.number,
    blockHash: info.best.hash,
    finalizedBlock: info.finalized.number,
    timestamp: info.timestamp === null ? null : isoTime(info.timestamp),
    issuance: amount(info.issuance),
    balancesIssuance: amount(info.balancesIssuance),
    supplyCap: amountJson(info.cap),
    issuedShare: info.issuance === null ? null : Number(info.issuance) / Number(info.cap),
    blockEmission: amount(info.blockEmission),
    halvings: info.halvings,
    nextHalving: h && {
      halving: h.halving,
      issuance: amountJson(h.issuance),
      remaining: amountJson(h.remaining),
      blockEmission: amountJson(h.blockEmission),
      blocks: count(h.blocks),
      block: count(h.block),
      date: h.time === null ? null : isoTime(h.time),
    },
    blockTimeMs: info.blockTimeMs,
    totalStake: amount(info.totalStake),
    subnetCount: info.subnets,
    subnetLimit: info.subnetLimit,
    taoWeight: info.taoWeight === null ? null : { raw: info.taoWeight.toString(), value: u64Fraction(info.taoWeight) },
    taoWeightBySubnet: info.taoWeightBySubnet?.map((w) => ({ netuid: w.netuid, raw: w.raw.toString(), value: u64Fraction(w.raw) })) ?? null,
    notInRuntime: info.missing,
  }
}

/** issuance / cap as a percentage with 4 decimals, exact (truncated). */
function percentOf(part: bigint, whole: bigint): string {
  const scaled = (part * 1_000_000n) / whole // hundredths of a hundredth of a percent
  const text = scaled.toString().padStart(5, '0')
  return `${text.slice(0, -4)}.${text.slice(-4)}%`
}

const weight = (raw: bigint): string =>
  u64Fraction(raw)
    .toFixed(4)
    .replace(/\.?0+$/, '')

/** The text for people: one figure a line; a figure the runtime lacks says so. */
export function renderChainInfo(info: ChainInfo): string {
  const lacks = (item: string) => `not in this runtime (spec ${info.specVersion} has no ${item})`
  const rows: Array<[string, string]> = []
  rows.push(['Runtime', `${info.specName} spec ${info.specVersion}`])
  rows.push([
    'Block',
    `#${groupThousands(info.best.number)} best, #${groupThousands(info.finalized.number)} finalized${info.timestamp === null ? '' : ` (${isoTime(info.timestamp)})`}`,
  ])
  rows.push([
    'Issuance',
    info.issuance === null
      ? lacks('SubtensorModule.TotalIssuance')
      : `${displayTao(info.issuance)} (${percentOf(info.issuance, info.cap)} of the ${displayTao(info.cap)} cap)`,
  ])
  rows.push(['Balances issuance', info.balancesIssuance === null ? lacks('Balances.TotalIssuance') : displayTao(info.balancesIssuance)])
  if (info.blockEmission === null)
    rows.push([
      'Block emission',
      info.issuance === null ? lacks('SubtensorModule.TotalIssuance') : lacks('SubtensorModule.BlockEmission (its base emission)'),
    ])
  else
    rows.push([
      'Block emission',
      `${displayTao(info.blockEmission)} per block (${info.halvings ?? 0} halving${info.halvings === 1 ? '' : 's'} so far)`,
    ])
  rows.push(['Next halving', nextHalvingLine(info)])
  rows.push(['Total stake', info.totalStake === null ? lacks('SubtensorModule.TotalStake') : displayTao(info.totalStake)])
  const limit = info.subnetLimit === null ? '' : ` (limit ${groupThousands(info.subnetLimit)})`
  rows.push(['Subnets', info.subnets === null ? lacks('SubtensorModule.TotalNetworks') : `${groupThousands(info.subnets)}${limit}`])
  if (info.taoWeight !== null) rows.push(['TAO weight', weight(info.taoWeight)])
  else if (info.taoWeightBySubnet !== null)
    rows.push([
      'TAO weight',
      info.taoWeightBySubnet.length
        ? `per subnet: ${info.taoWeightBySubnet.map((w) => `${w.netuid}: ${weight(w.raw)}`).join(', ')}`
        : 'per subnet (no subnets)',
    ])
  else rows.push(['TAO weight', lacks('SubtensorModule.TaoWeight')])
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')
}

function nextHalvingLine(info: ChainInfo): string {
  const h = info.nextHalving
  if (info.blockEmission === null) return 'unknown (no block emission)'
  if (!h) return 'none: the block emission has reached zero'
  const when =
    `about ${groupThousands(h.blocks)} blocks at the current emission, near block #${groupThousands(h.block)}` +
    (h.time === null ? '' : ` (${isoTime(h.time)} at ${info.blockTimeMs} ms a block)`)
  return `at ${displayTao(h.issuance)} issued (${displayTao(h.remaining)} to go), then ${formatTao(h.blockEmission)} TAO a block; ${when}`
}
