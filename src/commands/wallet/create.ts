import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags, resolveWallet, walletFlags } from '../../cli/flags.js'
import { coldkeyPasswordFlags, hotkeyPasswordFlags, keyLine, newMnemonicKeypair, showMnemonic, wordsFlag, writeKey } from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag } from '../../cli/wallet-io.js'
import type { WrittenKey } from '../../wallet/describe.js'

export default class WalletCreate extends TaoCommand {
  static summary = 'Create a new wallet: an encrypted coldkey and a hotkey, each from a new mnemonic.'
  static description =
    'Writes <wallet-path>/<name>/coldkey (encrypted), coldkeypub.txt and hotkeys/<hotkey>, in the same format btcli uses. ' +
    'Each mnemonic is shown once on stderr (in the --json result only when --json is given).'
  static examples = [
    '<%= config.bin %> wallet create --wallet-name miner --hotkey h1',
    'TAO_PASSWORD=... <%= config.bin %> wallet create -w ci -H h1 --no-prompt --json',
  ]
  static flags = { ...walletFlags, ...wordsFlag, ...coldkeyPasswordFlags, ...hotkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<{ wallet: string; coldkey: WrittenKey & { mnemonic?: string }; hotkey: WrittenKey & { mnemonic?: string } }> {
    const { flags } = await this.parse(WalletCreate)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const hot = { kind: 'hotkey' as const, name: sel.hotkey }
    const overwrite = await confirmOverwrite(w, [{ kind: 'coldkey' }, hot], flags.overwrite, this.prompts)

    const cold = newMnemonicKeypair(flags.words)
    const coldkey = await writeKey(w, { kind: 'coldkey' }, cold.keypair, {
      encrypt: !flags['no-password'],
      overwrite,
      passwordFile: flags['password-file'],
      policy: this.prompts,
    })
    const hotNew = newMnemonicKeypair(flags.words)
    const hotkey = await writeKey(w, hot, hotNew.keypair, { encrypt: flags['use-password'], overwrite, passwordFile: flags['password-file'], policy: this.prompts })

    if (!this.jsonEnabled()) {
      showMnemonic(`coldkey "${w.name}"`, cold.mnemonic)
      showMnemonic(`hotkey "${hot.name}"`, hotNew.mnemonic)
      this.log(keyLine(coldkey))
      this.log(keyLine(hotkey))
    }
    return { wallet: w.name, coldkey: { ...coldkey, mnemonic: cold.mnemonic }, hotkey: { ...hotkey, mnemonic: hotNew.mnemonic } }
  }
}
