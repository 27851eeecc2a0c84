import { Flags } from '@oclif/core'

/** Where a password may come from, besides the prompt. Never argv. */
export const passwordFlags = {
  'password-file': Flags.string({
    description:
      'Read the password from this file ("-" for stdin) instead of prompting. Env TAO_PASSWORD, or btwallet\'s BT_PW_<key file path>, also works.',
    helpGroup: 'PASSWORD',
  }),
}
