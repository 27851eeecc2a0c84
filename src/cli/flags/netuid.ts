import { Flags } from '@oclif/core'

export const netuidFlag = (description = 'Subnet (netuid).') => Flags.integer({ description, required: true, min: 0, max: 65535 })
export const optionalNetuidFlag = (description: string) => Flags.integer({ description, min: 0, max: 65535 })
