import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { hotkeyPasswordFlags, keyLine, prepareNewKey, writeKeys } from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag, readRestoreSource, restoreFlags } from '../../cli/wallet-io.js'
import { validateNewHotkeyName } from '../../wallet/names.js'
import type { WrittenKey } from '../../wallet/describe.js'
import { restoreKeypair } from '../../wallet/restore.js'

export default class WalletRegenHotkey extends TaoCommand {
  static summary = 'Restore a hotkey from its mnemonic, a 32-byte seed, or a polkadot-js JSON export.'
  static description = 'The secret is read from a file, from stdin ("-"), or a hidden prompt; never from the command line.'
  static examples = ['<%= config.bin %> wallet regen-hotkey --wallet-name miner --hotkey h1 --mnemonic-file words.txt']
  static flags = { ...walletFlags, ...restoreFlags, ...hotkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<WrittenKey & { wallet: string }> {
    const { flags } = await this.parse(WalletRegenHotkey)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = { kind: 'hotkey' as const, name: validateNewHotkeyName(sel.hotkey) }
    const overwrite = await confirmOverwrite(w, [role], flags.overwrite, this.prompts)
    const keypair = await restoreKeypair(await readRestoreSource(flags, this.prompts))
    const prepared = await prepareNewKey(w, role, keypair, {
      encrypt: flags['use-password'],
      passwordFile: flags['password-file'],
      policy: this.prompts,
    })
    const [key] = await writeKeys(w, [prepared] as const, overwrite)
    this.log(keyLine(key))
    return { wallet: w.name, ...key }
  }
}
