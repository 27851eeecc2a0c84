import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { resolveWallet, walletFlags } from '../../cli/flags.js'
import { parseAddress } from '../../keystore/ss58.js'
import { fromHex } from '../../hex.js'
import { exists, keyPaths, publicInfo, savePublicKey, type PublicKeyInfo } from '../../wallet/store.js'
import { confirmOverwriteFile, overwriteFlag } from '../../cli/wallet-io.js'

export default class WalletRegenColdkeypub extends TaoCommand {
  static summary = 'Make a watch-only wallet: write coldkeypub.txt from an address or public key.'
  static examples = ['<%= config.bin %> wallet regen-coldkeypub --wallet-name watch --ss58 5F...']
  static flags = {
    ...walletFlags,
    ss58: Flags.string({ description: 'The coldkey address (SS58).', exactlyOne: ['ss58', 'public-key'] }),
    'public-key': Flags.string({ description: 'The coldkey public key (32 bytes hex).', exactlyOne: ['ss58', 'public-key'] }),
    ...overwriteFlag,
  }

  async run(): Promise<PublicKeyInfo & { wallet: string; path: string }> {
    const { flags } = await this.parse(WalletRegenColdkeypub)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const publicKey = flags.ss58 !== undefined ? parseAddress(flags.ss58) : fromHex(flags['public-key']!, 'the public key', 32)
    const path = keyPaths(w, { kind: 'coldkey' }).pub
    if (await exists(path)) await confirmOverwriteFile(path, 'coldkeypub.txt', flags.overwrite, this.prompts)
    await savePublicKey(w, { kind: 'coldkey' }, publicKey)
    const info = publicInfo(publicKey)
    this.log(`coldkeypub ${w.name}: ${info.ss58}  (watch-only)`)
    return { wallet: w.name, ...info, path }
  }
}
