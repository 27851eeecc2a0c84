import { Flags } from '@oclif/core'
import { parseInteger } from '../parse.js'

/** A whole-number flag, read by the one rule for whole numbers (src/cli/parse.ts), within [min, max]. */
export const integerFlag = Flags.custom<number, { min?: number; max?: number }>({
  parse: async (input, _context, flag) => parseInteger(input, `--${flag.name}`, { min: flag.min, max: flag.max }),
})
