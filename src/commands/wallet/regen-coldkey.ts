import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { coldkeyPasswordFlags, keyLine, prepareNewKey, writeKeys } from '../../cli/key-commands.js'
import { confirmOverwrite, overwriteFlag, readRestoreSource, restoreFlags } from '../../cli/wallet-io.js'
import type { WrittenKey } from '../../wallet/describe.js'
import { restoreKeypair } from '../../wallet/restore.js'

export default class WalletRegenColdkey extends TaoCommand {
  static summary = 'Restore a coldkey from its mnemonic, a 32-byte seed, or a polkadot-js JSON export.'
  static description = 'The secret is read from a file, from stdin ("-"), or a hidden prompt; never from the command line.'
  static examples = [
    '<%= config.bin %> wallet regen-coldkey --wallet-name owner --mnemonic-file ~/backup/words.txt',
    'pass show tao/owner | <%= config.bin %> wallet regen-coldkey -w owner --mnemonic-file - --password-file ~/.pw',
    '<%= config.bin %> wallet regen-coldkey -w owner --json-file export.json',
  ]
  static flags = { ...walletFlags, ...restoreFlags, ...coldkeyPasswordFlags, ...passwordFlags, ...overwriteFlag }

  async run(): Promise<WrittenKey & { wallet: string }> {
    const { flags } = await this.parse(WalletRegenColdkey)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const overwrite = await confirmOverwrite(w, [{ kind: 'coldkey' }], flags.overwrite, this.prompts)
    const keypair = await restoreKeypair(await readRestoreSource(flags, this.prompts))
    const prepared = await prepareNewKey(w, { kind: 'coldkey' }, keypair, {
      encrypt: !flags['no-password'],
      passwordFile: flags['password-file'],
      policy: this.prompts,
    })
    const [key] = await writeKeys(w, [prepared] as const, overwrite)
    this.log(keyLine(key))
    return { wallet: w.name, ...key }
  }
}
