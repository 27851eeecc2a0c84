import { describe, expect, it } from 'vitest'
import { errorLine } from './error-line.js'

describe("oclif's multi-line errors as one line that keeps the reason", () => {
  it.each([
    // ViolatedFlagConstraintError / FailedFlagValidationError, one reason (singular header) and several
    [
      'The following error occurred:\n \u001b[2mExactly one of the following must be provided: --public-key, --ss58\u001b[22m\nSee more help with --help',
      'Exactly one of the following must be provided: --public-key, --ss58',
    ],
    [
      'The following errors occurred:\n  Missing required flag dest\n  Exactly one of the following must be provided: --all, --amount\nSee more help with --help',
      'missing required flag --dest; Exactly one of the following must be provided: --all, --amount',
    ],
    // a flag's own parser
    ['Parsing --era \n\tExpected an integer but received: abc\nSee more help with --help', '--era: expected a whole number, not "abc"'],
    [
      'Parsing --nonce \n\tExpected an integer greater than or equal to 0 but received: -5\nSee more help with --help',
      '--nonce: must be at least 0, not -5',
    ],
    [
      'Parsing --era \n\tExpected an integer less than or equal to 4096 but received: 100000\nSee more help with --help',
      '--era: must be at most 4096, not 100000',
    ],
    [
      'Parsing --amount \n\tamount must be a plain decimal number of TAO like 1.5, not "x"\nSee more help with --help',
      '--amount: amount must be a plain decimal number of TAO like 1.5, not "x"',
    ],
    // tao's own flag parsers name the flag already
    [
      'Parsing --netuid \n\t--netuid: expected a whole number, not "x"\nSee more help with --help',
      '--netuid: expected a whole number, not "x"',
    ],
    ['Parsing --amount \n\t--amount has more than 9 decimals\nSee more help with --help', '--amount has more than 9 decimals'],
    // missing positional arguments
    ['Missing 1 required arg:\nkey  Setting name.\nSee more help with --help', 'missing required argument: KEY'],
    [
      'Missing 2 required args:\nkey    Setting name.\nvalue  Value to store.\nSee more help with --help',
      'missing required arguments: KEY, VALUE',
    ],
    // one-liners stay as they are
    ['Nonexistent flag: --bogus\nSee more help with --help', 'Nonexistent flag: --bogus'],
    ['the coldkey of wallet "x" not found', 'the coldkey of wallet "x" not found'],
    ['', 'unknown error'],
  ])('%j', (message, line) => expect(errorLine(message)).toBe(line))
})
