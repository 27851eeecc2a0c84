/**
 * `tx decode` for people: the call and its arguments (amounts in TAO), who signed it with which nonce, tip and
 * era, and whether the signature holds. Pure: works on the JSON document the command returns.
 */
import { displayTao } from '../../core/amount.js'
import { paint } from '../../core/output.js'

export interface DecodedJson {
  txHash: string
  length: number
  kind: string
  signer: string | null
  nonce: number | null
  tip: { rao: string; tao: string } | null
  era: { type: string; period?: number; phase?: number } | null
  call: string
  args: Record<string, unknown>
  signatureCheck: { status: 'valid' | 'invalid' | 'unchecked'; reason: string | null }
}

const isAmount = (v: unknown): v is { rao: string; tao: string } =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  typeof (v as { rao?: unknown }).rao === 'string' &&
  typeof (v as { tao?: unknown }).tao === 'string'

/** One value on one line: amounts as TAO, enums as `Variant value`, the rest as compact JSON. */
function show(value: unknown): string {
  if (isAmount(value)) return `${displayTao(BigInt(value.rao))} (${value.rao} rao)`
  if (value === null || typeof value !== 'object') return String(value)
  const e = value as { type?: unknown; value?: unknown }
  if (typeof e.type === 'string' && Object.keys(value).length <= 2)
    return e.value === undefined || e.value === null ? e.type : `${e.type} ${show(e.value)}`
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(', ')} }`
}

export function renderDecoded(d: DecodedJson): string {
  const lines = [`${paint.bold(d.call)}${d.signer ? ` signed by ${d.signer}` : ` (${d.kind}, not signed)`}`]
  for (const [name, value] of Object.entries(d.args)) lines.push(`  ${name}: ${show(value)}`)
  if (d.kind !== 'bare') {
    const era = d.era?.type === 'mortal' ? `mortal (period ${d.era.period}, phase ${d.era.phase})` : 'immortal'
    lines.push(`nonce ${d.nonce ?? '?'}, tip ${d.tip ? displayTao(BigInt(d.tip.rao)) : 'none'}, era ${era}`)
  }
  const check = d.signatureCheck
  if (check.status === 'valid') lines.push(`signature: ${paint.green('valid')}`)
  else if (check.status === 'invalid') lines.push(`signature: ${paint.red('NOT valid')}: ${check.reason}`)
  else if (d.kind !== 'bare') lines.push(`signature: ${paint.yellow('not checked')}: ${check.reason}`)
  lines.push(paint.dim(`extrinsic ${d.txHash}, ${d.length} bytes`))
  return lines.join('\n')
}
