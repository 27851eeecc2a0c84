import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { newPassword, unlockPassword } from '../../cli/password.js'

export default class WalletChangePassword extends TaoCommand {
  static summary = 'Re-encrypt the coldkey with a new password, in place and atomically.'
  static description =
    'The old password comes from --password-file / TAO_PASSWORD / a prompt; the new one from --new-password-file / TAO_NEW_PASSWORD / a prompt (asked twice). ' +
    'The key file is replaced in one rename: an interruption leaves the old file, never a torn one.'
  static examples = ['<%= config.bin %> wallet change-password -w owner']
  static flags = {
    ...walletFlags,
    ...passwordFlags,
    'new-password-file': Flags.string({ description: 'Read the new password from this file ("-" for stdin).', helpGroup: 'PASSWORD' }),
  }

  async run(): Promise<{ wallet: string; ss58: string; path: string }> {
    const { flags } = await this.parse(WalletChangePassword)
    const { reencryptKey, roleLabel, keyFileOf } = await import('../../wallet/store.js')
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = { kind: 'coldkey' as const }
    const what = roleLabel(w, role)
    const result = await reencryptKey(
      w,
      role,
      () => unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts, keyFile: keyFileOf(w, role) }, what),
      () =>
        withEnv('TAO_PASSWORD', process.env.TAO_NEW_PASSWORD, () =>
          newPassword({ passwordFile: flags['new-password-file'], policy: this.prompts }, what),
        ),
    )
    this.log(`password changed for the ${what} (${result.ss58})`)
    return { wallet: w.name, ...result }
  }
}

/** newPassword reads TAO_PASSWORD; for the new password TAO_NEW_PASSWORD stands in its place. */
async function withEnv<T>(name: string, value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const old = process.env[name]
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
  try {
    return await fn()
  } finally {
    if (old === undefined) delete process.env[name]
    else process.env[name] = old
  }
}
