/**
 * Why a node refused a transaction at submission, in words. A Substrate node answers `author_submitExtrinsic`
 * with JSON-RPC error 1010 (invalid) or 1011 (unknown validity) and the reason as text ("Transaction is
 * outdated", "Custom error: 6"); Chopsticks puts the runtime's TransactionValidityError as JSON in the
 * message (`{"invalid":{"stale":null}}`). 1012–1016 are the pool's own refusals. Both forms map to one kind.
 */

export interface Rejection {
  /** Stable name of the reason, e.g. `stale`, `payment`, `badProof`, `custom`. */
  kind: string
  /** One clause a person understands. */
  words: string
}

const INVALID: Record<string, string> = {
  stale: 'its nonce is already used: this transaction or another with the same nonce was already submitted',
  future: "its nonce is ahead of the account's next one, so it is not valid yet",
  payment: 'the account cannot pay the fee (its free balance is too low)',
  badProof: 'the signature does not match (signed for another chain, runtime version or era, or by another key)',
  ancientBirthBlock: 'its era began at a block the node no longer keeps; sign it again',
  exhaustsResources: 'it would not fit in a block (weight or size limit)',
  call: 'the runtime does not accept this call in a signed transaction',
  badSigner: 'the runtime does not accept this signer for this call',
  badMandatory: 'a mandatory call failed',
  mandatoryValidation: 'mandatory calls cannot be sent as transactions',
  indeterminateImplicit: 'the runtime could not determine data the transaction depends on',
  unknownOrigin: 'the runtime could not determine who sends it',
}

const UNKNOWN: Record<string, string> = {
  cannotLookup: 'the node could not look up something needed to check it (e.g. an account)',
  noUnsignedValidator: 'no part of the runtime validates this unsigned transaction',
}

/** Substrate's Display texts for the same reasons (what a real node sends in `data`). */
const SUBSTRATE_TEXT: Array<[RegExp, string]> = [
  [/outdated/i, 'stale'],
  [/will be valid in the future/i, 'future'],
  [/inability to pay|pay some fees/i, 'payment'],
  [/bad signature/i, 'badProof'],
  [/ancient birth block/i, 'ancientBirthBlock'],
  [/exhaust the block limits|exhausts? resources/i, 'exhaustsResources'],
  [/call is not expected/i, 'call'],
  [/invalid signing address/i, 'badSigner'],
  [/labelled as mandatory/i, 'badMandatory'],
  [/dispatch is mandatory/i, 'mandatoryValidation'],
  [/could not lookup/i, 'cannotLookup'],
  [/unsigned validator/i, 'noUnsignedValidator'],
]

const POOL: Record<number, Rejection> = {
  1012: { kind: 'banned', words: 'the node refused this exact transaction recently and bans it for a while; wait or sign it again' },
  1014: { kind: 'priorityTooLow', words: 'a transaction with the same nonce is already waiting in the pool' },
  1015: { kind: 'cyclicDependency', words: 'it depends on itself (cyclic dependency)' },
  1016: { kind: 'poolFull', words: "the node's transaction pool is full; try again later" },
}

/** The reason for a refusal from its JSON-RPC code, message and data; undefined when it is not recognised. */
export function describeRejection(code: number, message: string, data?: unknown): Rejection | undefined {
  if (POOL[code]) return POOL[code]
  const text = [message, typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data)].join(' ')

  // Chopsticks: the runtime's error as JSON, somewhere in the text.
  const json = firstJson(text)
  if (json && typeof json === 'object') {
    const [outer, inner] = Object.entries(json as Record<string, unknown>)[0] ?? []
    const [kind, value] =
      inner && typeof inner === 'object' ? (Object.entries(inner as Record<string, unknown>)[0] ?? []) : [inner as string]
    if (typeof kind === 'string') {
      if (kind === 'custom') return custom(value)
      const words = outer === 'unknown' ? UNKNOWN[kind] : INVALID[kind]
      if (words) return { kind, words }
    }
  }
  // A Substrate node: 1010 / 1011 with the reason in words.
  const customCode = /custom error:?\s*(\d+)/i.exec(text)
  if (customCode) return custom(Number(customCode[1]))
  for (const [re, kind] of SUBSTRATE_TEXT) if (re.test(text)) return { kind, words: (INVALID[kind] ?? UNKNOWN[kind])! }
  if (/Verification Error|Execution failed|wasm|unreachable/i.test(text))
    return { kind: 'runtimePanic', words: 'the runtime failed while checking it (its arguments may not fit what this runtime expects)' }
  return undefined
}

const custom = (value: unknown): Rejection => ({
  kind: 'custom',
  words: `the runtime's own check refused it (custom code ${typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value)})`,
})

function firstJson(text: string): unknown {
  const start = text.indexOf('{')
  if (start < 0) return undefined
  try {
    return JSON.parse(text.slice(start, text.lastIndexOf('}') + 1))
  } catch {
    return undefined
  }
}
