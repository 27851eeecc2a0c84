import { NETUID_MAX } from '../../core/netuid.js'
import { integerFlag } from './integer.js'

/** The one subnet flag (`--netuid`, `--origin-netuid`, …): a whole number 0…65535, required or not. */
export const netuidFlag = (description = 'Subnet (netuid).') => integerFlag({ description, required: true, min: 0, max: NETUID_MAX })
export const optionalNetuidFlag = (description: string) => integerFlag({ description, min: 0, max: NETUID_MAX })
