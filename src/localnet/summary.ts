import { displayTao } from '../core/amount.js'
import { paint, table } from '../core/output.js'
import { describeGenesis } from './genesis.js'
import type { LocalnetInfo } from './localnet.js'

/** What a person reads of a started localnet (stderr; stdout carries only the endpoint). */
export function renderSummary(info: LocalnetInfo): string {
  const lines = [
    `${paint.bold('Subtensor localnet')} on ${paint.cyan(info.endpoint)} (spec ${info.genesis.runtime}, ${describeGenesis(info.genesis)}, pid ${info.pid})`,
    '',
    table([['ACCOUNT', 'ADDRESS', 'FREE'], ...info.funded.map((f) => [f.name ?? '-', f.ss58, displayTao(BigInt(f.free.rao))])]),
    '',
    info.sudo ? `Sudo key: Alice (${info.sudo})` : 'This runtime has no sudo key.',
    info.relaxed.length
      ? `Limits set to 0 (--realistic keeps them): ${info.relaxed.map((r) => r.replace(/^SubtensorModule\./, '')).join(', ')}`
      : 'Limits as the chain has them (--realistic).',
  ]
  if (info.log) lines.push(`Log: ${info.log}`)
  return lines.join('\n')
}
