import { badInput } from '../core/errors.js'

/**
 * The longest mortal era we sign. The era's phase is stored quantised to period / 4096 (sp_runtime's Era), so
 * above 4096 blocks the node's birth block is the signing block rounded down, while polkadot-api signs with
 * the hash of the block it was given: the signatures then fail (`badProof`) unless the block number happens
 * to be a multiple of period / 4096. Up to 4096 the phase is exact and every block works.
 */
export const MAX_ERA = 4096

/** polkadot-api's rule for the mortal period: next power of two, at least 4; more than MAX_ERA is refused. */
export function eraPeriod(era: number): number {
  if (!Number.isInteger(era) || era < 1) throw badInput(`era must be a whole number of blocks, not ${era}`, 'BAD_ERA')
  if (era > MAX_ERA)
    throw badInput(
      `--era ${era} is longer than ${MAX_ERA} blocks, the longest era a signature is exact for; use 0 for an immortal transaction`,
      'BAD_ERA',
    )
  return Math.max(1 << Math.ceil(Math.log2(era)), 4)
}
