import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import {
  coldkeyPasswordFlags,
  hotkeyPasswordFlags,
  keyLine,
  newMnemonicKeypair,
  prepareNewKey,
  showMnemonic,
  wordsFlag,
  writeKeys,
} from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag } from '../../cli/wallet-io.js'
import type { WrittenKey } from '../../wallet/describe.js'
import { validateNewHotkeyName } from '../../wallet/names.js'

export default class WalletCreate extends TaoCommand {
  static summary = 'Create a new wallet: an encrypted coldkey and a hotkey, each from a new mnemonic.'
  static description =
    'Writes <wallet-path>/<name>/coldkey (encrypted), coldkeypub.txt and hotkeys/<hotkey>, in the same format btcli uses. ' +
    'Each mnemonic is shown once on stderr (in the --json result only when --json is given). ' +
    'All or nothing: names are checked first, and if any file cannot be written none is left behind. ' +
    'Of two runs creating the same wallet at once, exactly one succeeds; the other exits 2 (KEY_EXISTS) and changes nothing.'
  static examples = [
    '<%= config.bin %> wallet create --wallet-name miner --hotkey h1',
    'TAO_PASSWORD=... <%= config.bin %> wallet create -w ci -H h1 --no-prompt --json',
  ]
  static flags = { ...walletFlags, ...wordsFlag, ...coldkeyPasswordFlags, ...hotkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<{ wallet: string; coldkey: WrittenKey & { mnemonic?: string }; hotkey: WrittenKey & { mnemonic?: string } }> {
    const { flags } = await this.parse(WalletCreate)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const hot = { kind: 'hotkey' as const, name: validateNewHotkeyName(sel.hotkey) }
    const overwrite = await confirmOverwrite(w, [{ kind: 'coldkey' }, hot], flags.overwrite, this.prompts)

    const cold = await newMnemonicKeypair(flags.words)
    const hotNew = await newMnemonicKeypair(flags.words)
    const passwordFile = flags['password-file']
    const keys = [
      await prepareNewKey(w, { kind: 'coldkey' }, cold.keypair, { encrypt: !flags['no-password'], passwordFile, policy: this.prompts }),
      await prepareNewKey(w, hot, hotNew.keypair, { encrypt: flags['use-password'], passwordFile, policy: this.prompts }),
    ] as const
    // Both keys in one change: a failure leaves neither, so no mnemonic is ever lost unseen.
    const [coldkey, hotkey] = await writeKeys(w, keys, overwrite)

    if (!this.jsonEnabled()) {
      showMnemonic(`coldkey "${w.name}"`, cold.mnemonic)
      showMnemonic(`hotkey "${hot.name}"`, hotNew.mnemonic)
      this.log(keyLine(coldkey))
      this.log(keyLine(hotkey))
    }
    return { wallet: w.name, coldkey: { ...coldkey, mnemonic: cold.mnemonic }, hotkey: { ...hotkey, mnemonic: hotNew.mnemonic } }
  }
}
