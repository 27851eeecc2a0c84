import { integerFlag } from './integer.js'

/** The crowdloan a command is about (`Crowdloan.Crowdloans` key, a u32). */
export const crowdIdFlag = integerFlag({ description: 'The crowdloan id (see `tao crowd list`).', required: true, min: 0, max: 4294967295 })
