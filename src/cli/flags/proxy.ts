import { Flags } from '@oclif/core'
import { integerFlag } from './integer.js'

/** The (delegate, type, delay) of a proxy entry, as `proxy add` / `proxy remove` take it. */
export const proxyEntryFlags = {
  delegate: Flags.string({ description: 'The proxy account (SS58) that will sign for this coldkey.', required: true }),
  type: Flags.string({
    description: "Proxy type, one of the runtime's ProxyType names (Any, Staking, Transfer, Registration, …).",
    required: true,
  }),
  delay: integerFlag({
    description: 'Blocks between announcing a call and running it (0 = acts at once).',
    default: 0,
    min: 0,
    max: 4294967295,
  }),
}

/** --signatories A,B,C --threshold K of the multisig commands. */
export const multisigFlags = {
  signatories: Flags.string({ description: 'The multisig signatories: comma-separated SS58 addresses.', required: true }),
  threshold: integerFlag({ description: 'Approvals needed to execute a call.', required: true, min: 1, max: 65535 }),
}

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
