import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { unlockPassword } from '../../cli/password.js'
import { toHex } from '../../core/hex.js'

export default class WalletSign extends TaoCommand {
  static summary = 'Sign a message with the coldkey (or the hotkey with --use-hotkey).'
  static description = 'sr25519 over the raw UTF-8 bytes of the message, as btcli signs; verify with `tao wallet verify`.'
  static examples = [
    '<%= config.bin %> wallet sign -w miner --message "hello"',
    '<%= config.bin %> wallet sign -w miner -H h1 --use-hotkey --message "hello" --json',
  ]
  static flags = {
    ...walletFlags,
    ...passwordFlags,
    message: Flags.string({ char: 'm', description: 'The message to sign (UTF-8 text).', required: true }),
    'use-hotkey': Flags.boolean({ description: 'Sign with the hotkey named by --hotkey instead of the coldkey.' }),
  }

  async run(): Promise<{ signature: string; ss58: string; publicKey: string; message: string }> {
    const { flags } = await this.parse(WalletSign)
    const { publicInfo, roleLabel, unlockKey, keyFileOf } = await import('../../wallet/store.js')
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = flags['use-hotkey'] ? { kind: 'hotkey' as const, name: sel.hotkey } : { kind: 'coldkey' as const }
    const keypair = await unlockKey(w, role, () =>
      unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts, keyFile: keyFileOf(w, role) }, roleLabel(w, role)),
    )
    const { sign } = await import('../../keystore/keys.js')
    const signature = toHex(sign(keypair, new TextEncoder().encode(flags.message)))
    this.log(signature)
    return { signature, ...publicInfo(keypair.publicKey), message: flags.message }
  }
}
