import { badInput } from './errors.js'

/** A subnet's id: the runtime's NetUid is a u16. */
export const NETUID_MAX = 65535

export const isNetuid = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= NETUID_MAX

/** A subnet's id, or bad input (exit 2) before anything is read for it. */
export function requireNetuid(netuid: number): number {
  if (!isNetuid(netuid)) throw badInput(`netuid must be a whole number from 0 to ${NETUID_MAX}, not ${netuid}`, 'BAD_NETUID')
  return netuid
}
