import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import {
  hotkeyPasswordFlags,
  keyLine,
  newMnemonicKeypair,
  showMnemonic,
  wordsFlag,
  prepareNewKey,
  writeKeys,
} from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag } from '../../cli/wallet-io.js'
import { validateNewHotkeyName } from '../../wallet/names.js'
import type { WrittenKey } from '../../wallet/describe.js'

export default class WalletNewHotkey extends TaoCommand {
  static summary = 'Create a new hotkey in a wallet from a new mnemonic.'
  static examples = ['<%= config.bin %> wallet new-hotkey --wallet-name miner --hotkey h2']
  static flags = { ...walletFlags, ...wordsFlag, ...hotkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<WrittenKey & { wallet: string; mnemonic: string }> {
    const { flags } = await this.parse(WalletNewHotkey)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = { kind: 'hotkey' as const, name: validateNewHotkeyName(sel.hotkey) }
    const overwrite = await confirmOverwrite(w, [role], flags.overwrite, this.prompts)
    const { mnemonic, keypair } = await newMnemonicKeypair(flags.words)
    const prepared = await prepareNewKey(w, role, keypair, {
      encrypt: flags['use-password'],
      passwordFile: flags['password-file'],
      policy: this.prompts,
    })
    const [key] = await writeKeys(w, [prepared] as const, overwrite)
    if (!this.jsonEnabled()) {
      showMnemonic(`hotkey "${role.name}"`, mnemonic)
      this.log(keyLine(key))
    }
    return { wallet: w.name, ...key, mnemonic }
  }
}
