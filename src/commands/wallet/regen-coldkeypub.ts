import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { unlockPassword } from '../../cli/password.js'
import { confirmOverwriteFile, overwriteFlag } from '../../cli/wallet-io.js'
import { fromHex } from '../../core/hex.js'
import { parseAddress } from '../../core/ss58.js'
import { canPrompt } from '../../cli/prompt.js'
import type { PublicKeyInfo } from '../../wallet/store.js'

export default class WalletRegenColdkeypub extends TaoCommand {
  static summary = 'Make a watch-only wallet: write coldkeypub.txt from an address or public key.'
  static description =
    'In a wallet that has a coldkey, coldkeypub.txt must name that coldkey: another address is refused unless --allow-mismatch, ' +
    'and an encrypted coldkey tao cannot check by itself is unlocked to check it (its password from --password-file, TAO_PASSWORD or a prompt).'
  static examples = [
    '<%= config.bin %> wallet regen-coldkeypub --wallet-name watch --ss58 5F...',
    'TAO_PASSWORD=... <%= config.bin %> wallet regen-coldkeypub -w owner --ss58 5F... --overwrite',
  ]
  static flags = {
    ...walletFlags,
    ...passwordFlags,
    ss58: Flags.string({ description: 'The coldkey address (SS58).', exactlyOne: ['ss58', 'public-key'] }),
    'public-key': Flags.string({ description: 'The coldkey public key (32 bytes hex).', exactlyOne: ['ss58', 'public-key'] }),
    'allow-mismatch': Flags.boolean({
      description:
        "Write it even though the wallet's coldkey is another key, or cannot be checked (list, balance and signing will then warn or refuse).",
    }),
    ...overwriteFlag,
  }

  async run(): Promise<PublicKeyInfo & { wallet: string; path: string; watchOnly: boolean }> {
    const { flags } = await this.parse(WalletRegenColdkeypub)
    const { keyPaths, publicInfo, roleLabel, savePublicKey, unlockFile, keyFileOf } = await import('../../wallet/store.js')
    const { pathExists } = await import('../../fsx/files.js')
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const role = { kind: 'coldkey' as const }
    const publicKey = flags.ss58 !== undefined ? parseAddress(flags.ss58) : fromHex(flags['public-key']!, 'the public key', 32)
    const paths = keyPaths(w, role)
    let overwrite = flags.overwrite
    if (await pathExists(paths.pub)) {
      await confirmOverwriteFile(paths.pub, 'coldkeypub.txt', flags.overwrite, this.prompts)
      overwrite = true
    }
    const { knownKeyPublic } = await import('../../wallet/keycheck.js')
    const known = await knownKeyPublic(w, role)
    let unlocked: { sha256: string; publicKey: Uint8Array } | undefined
    const passwordGiven = flags['password-file'] !== undefined || process.env.TAO_PASSWORD !== undefined
    if (known === 'unknown' && !flags['allow-mismatch'] && (passwordGiven || canPrompt(this.prompts))) {
      // An encrypted coldkey tao did not write (or that changed since): its password tells its address.
      const u = await unlockFile(w, role, () =>
        unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts, keyFile: keyFileOf(w, role) }, roleLabel(w, role)),
      )
      unlocked = { sha256: u.sha256, publicKey: u.keypair.publicKey }
    }
    const path = await savePublicKey(w, role, publicKey, { overwrite, allowMismatch: flags['allow-mismatch'], unlocked })
    const info = publicInfo(publicKey)
    const watchOnly = known === 'absent'
    this.log(`coldkeypub ${w.name}: ${info.ss58}${watchOnly ? '  (watch-only)' : ''}`)
    return { wallet: w.name, ...info, path, watchOnly }
  }
}
