import { afterEach, describe, expect, it } from 'vitest'
import { btwalletVariable, decodeBtwalletPassword, unlockPassword } from './password.js'

const KEY = '/home/u/.bittensor/wallets/w/coldkey'
const NAME = 'BT_PW__HOME_U__BITTENSOR_WALLETS_W_COLDKEY'
// btwallet's encoding of "correct horse 1!" for that variable (base64 of the password XOR the name), made with Python.
const VALUE = 'ITstIjI8K2gnIjcsMH9uYw=='
const policy = { noPrompt: true, interactive: false } as never

describe("btwallet's BT_PW_ password variables", () => {
  afterEach(() => {
    delete process.env[NAME]
    delete process.env.TAO_PASSWORD
  })

  it('names the variable after the key file path: separators and dots become _, upper case', () => {
    expect(btwalletVariable(KEY)).toBe(NAME)
  })

  it('decodes the value btwallet stores (base64, XOR with the name)', () => {
    expect(decodeBtwalletPassword(NAME, VALUE)).toBe('correct horse 1!')
    expect(() => decodeBtwalletPassword(NAME, 'not base64 at all!')).toThrow(
      /BT_PW__HOME_U__BITTENSOR_WALLETS_W_COLDKEY is not a btwallet password variable/,
    )
  })

  it("unlocks with the key's own variable before TAO_PASSWORD; another key's variable is not used", async () => {
    process.env.TAO_PASSWORD = 'general'
    process.env[NAME] = VALUE
    expect(await unlockPassword({ policy, keyFile: KEY }, 'coldkey')).toBe('correct horse 1!')
    expect(await unlockPassword({ policy, keyFile: '/home/u/.bittensor/wallets/other/coldkey' }, 'coldkey')).toBe('general')
    expect(await unlockPassword({ policy }, 'coldkey')).toBe('general')
  })
})
