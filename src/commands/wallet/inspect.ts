import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags } from '../../cli/flags/password.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { unlockPassword } from '../../cli/password.js'
import { paint, warn } from '../../core/output.js'
import { toHex } from '../../core/hex.js'
import type { KeyState } from '../../wallet/keycheck.js'
import type { WalletEntry } from '../../wallet/store.js'
import { badInput } from '../../core/errors.js'

interface Secrets {
  secretPhrase: string | null
  secretSeed: string | null
  privateKey: string
}

export default class WalletInspect extends TaoCommand {
  static summary = 'Show the addresses and public keys of one wallet.'
  static description =
    'Secrets are shown only with --show-secret, after unlocking the coldkey (or the hotkey with --use-hotkey). ' +
    'Each key is checked against its public file; a mismatch is reported (keyMatchesPub: false) and warned about.'
  static examples = ['<%= config.bin %> wallet inspect -w miner', '<%= config.bin %> wallet inspect -w miner --show-secret --json']
  static flags = {
    ...walletFlags,
    ...passwordFlags,
    'show-secret': Flags.boolean({ description: 'Also show the mnemonic, seed and private key (needs the password).' }),
    'use-hotkey': Flags.boolean({ description: 'With --show-secret: reveal the hotkey named by --hotkey instead of the coldkey.' }),
  }

  async run(): Promise<{ wallet: string; coldkey: WalletEntry['coldkey']; hotkeys: WalletEntry['hotkeys']; secrets: Secrets | null }> {
    const { flags } = await this.parse(WalletInspect)
    const { describeWallet, roleLabel, unlockKey, keyFileOf } = await import('../../wallet/store.js')
    const { pathExists } = await import('../../fsx/files.js')
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const { walletDir } = await import('../../wallet/paths.js')
    if (!(await pathExists(walletDir(w)))) throw badInput(`no wallet "${sel.name}" under ${sel.path}`, 'NOT_FOUND')
    const entry = await describeWallet(w)
    this.log(`${paint.bold(entry.name)}  ${paint.dim(sel.path)}`)
    this.log(`  coldkey  ${keyLine(entry.coldkey)}`)
    for (const h of entry.hotkeys) this.log(`  hotkey ${h.name}  ${keyLine(h)}`)
    // A public file that names another key is said loudly, also under --json (on stderr).
    for (const [label, k] of [['coldkey', entry.coldkey], ...entry.hotkeys.map((h) => [`hotkey ${h.name}`, h] as const)] as const)
      if (k.keyMatchesPub === false) warn(`${label} of wallet "${entry.name}": ${k.error}`)

    const keys = { wallet: entry.name, coldkey: entry.coldkey, hotkeys: entry.hotkeys }
    if (!flags['show-secret']) return { ...keys, secrets: null }
    const role = flags['use-hotkey'] ? { kind: 'hotkey' as const, name: sel.hotkey } : { kind: 'coldkey' as const }
    const shown = role.kind === 'coldkey' ? entry.coldkey : entry.hotkeys.find((h) => h.name === role.name)
    const keypair = await unlockKey(
      w,
      role,
      () => unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts, keyFile: keyFileOf(w, role) }, roleLabel(w, role)),
      {
        // Showing the secret is how a mismatch gets repaired: say it (unless said already), do not refuse.
        onMismatch: shown?.keyMatchesPub === false ? 'ignore' : 'warn',
      },
    )
    const secrets: Secrets = {
      secretPhrase: keypair.mnemonic ?? null,
      secretSeed: keypair.miniSecret ? toHex(keypair.miniSecret) : null,
      privateKey: toHex((await import('../../keystore/keys.js')).toBtcliPrivateKey(keypair.secretKey!)),
    }
    if (!this.jsonEnabled()) {
      process.stderr.write(paint.yellow(`Secrets of the ${roleLabel(w, role)}: anyone who sees them controls the key.\n`))
      if (secrets.secretPhrase) this.log(`  mnemonic     ${secrets.secretPhrase}`)
      if (secrets.secretSeed) this.log(`  seed         ${secrets.secretSeed}`)
      this.log(`  private key  ${secrets.privateKey}`)
    }
    return { ...keys, secrets }
  }
}

const keyLine = (k: KeyState): string =>
  `${k.ss58 ?? '?'}  ${k.publicKey ?? ''}${k.watchOnly ? paint.dim('  watch-only') : ''}${k.error ? paint.dim(`  (${k.error})`) : ''}`
