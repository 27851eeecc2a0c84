import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { ExitCode } from '../../core/errors.js'
import { parseAddress } from '../../core/ss58.js'
import { paint } from '../../core/output.js'
import { fromHex } from '../../core/hex.js'

export default class WalletVerify extends TaoCommand {
  static summary = 'Check an sr25519 signature of a message against an address.'
  static description =
    'Accepts signatures over the raw UTF-8 bytes (btcli, tao) and over the <Bytes>…</Bytes> wrapped form that polkadot-js extensions sign. Exits 1 when the signature is not valid.'
  static examples = ['<%= config.bin %> wallet verify --message "hello" --signature 0x… --address 5F…']
  static flags = {
    message: Flags.string({ char: 'm', description: 'The message that was signed.', required: true }),
    signature: Flags.string({ char: 's', description: 'The signature (64 bytes hex).', required: true }),
    address: Flags.string({ char: 'a', description: 'The signer address (SS58).', required: true }),
  }

  async run(): Promise<{ valid: boolean }> {
    const { flags } = await this.parse(WalletVerify)
    const publicKey = parseAddress(flags.address)
    const signature = fromHex(flags.signature, 'the signature', 64)
    const { verifyMessage } = await import('../../keystore/keys.js')
    const valid = verifyMessage(flags.message, signature, publicKey)
    this.log(valid ? paint.green('valid') : paint.red('not valid'))
    if (!valid) process.exitCode = ExitCode.Failed
    return { valid }
  }
}
