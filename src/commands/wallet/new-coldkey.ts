import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import {
  coldkeyPasswordFlags,
  keyLine,
  newMnemonicKeypair,
  showMnemonic,
  wordsFlag,
  prepareNewKey,
  writeKeys,
} from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag } from '../../cli/wallet-io.js'
import type { WrittenKey } from '../../wallet/describe.js'

export default class WalletNewColdkey extends TaoCommand {
  static summary = 'Create a new encrypted coldkey from a new mnemonic.'
  static examples = ['<%= config.bin %> wallet new-coldkey --wallet-name owner --words 24']
  static flags = { ...walletFlags, ...wordsFlag, ...coldkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<WrittenKey & { wallet: string; mnemonic: string }> {
    const { flags } = await this.parse(WalletNewColdkey)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const overwrite = await confirmOverwrite(w, [{ kind: 'coldkey' }], flags.overwrite, this.prompts)
    const { mnemonic, keypair } = await newMnemonicKeypair(flags.words)
    const prepared = await prepareNewKey(w, { kind: 'coldkey' }, keypair, {
      encrypt: !flags['no-password'],
      passwordFile: flags['password-file'],
      policy: this.prompts,
    })
    const [key] = await writeKeys(w, [prepared] as const, overwrite)
    if (!this.jsonEnabled()) {
      showMnemonic(`coldkey "${w.name}"`, mnemonic)
      this.log(keyLine(key))
    }
    return { wallet: w.name, ...key, mnemonic }
  }
}
