import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { passwordFlags, resolveWallet, walletFlags } from '../../cli/flags.js'
import { unlockPassword } from '../../cli/password.js'
import { paint } from '../../ui/output.js'
import { toHex } from '../../hex.js'
import { toBtcliPrivateKey } from '../../keystore/keys.js'
import { listWallets, roleLabel, unlockKey, type WalletEntry } from '../../wallet/store.js'
import { badInput } from '../../errors.js'

interface Secrets {
  secretPhrase: string | null
  secretSeed: string | null
  privateKey: string
}

export default class WalletInspect extends TaoCommand {
  static summary = 'Show the addresses and public keys of one wallet.'
  static description = 'Secrets are shown only with --show-secret, after unlocking the coldkey (or the hotkey with --use-hotkey).'
  static examples = ['<%= config.bin %> wallet inspect -w miner', '<%= config.bin %> wallet inspect -w miner --show-secret --json']
  static flags = {
    ...walletFlags,
    ...passwordFlags,
    'show-secret': Flags.boolean({ description: 'Also show the mnemonic, seed and private key (needs the password).' }),
    'use-hotkey': Flags.boolean({ description: 'With --show-secret: reveal the hotkey named by --hotkey instead of the coldkey.' }),
  }

  async run(): Promise<{ wallet: WalletEntry; publicKeys: Record<string, string | null>; secrets?: Secrets }> {
    const { flags } = await this.parse(WalletInspect)
    const sel = resolveWallet(flags)
    const w = { root: sel.path, name: sel.name }
    const entry = (await listWallets(sel.path)).find((e) => e.name === sel.name)
    if (!entry) throw badInput(`no wallet "${sel.name}" under ${sel.path}`, 'NOT_FOUND')
    const { readPublicKey } = await import('../../wallet/store.js')
    const publicKeys: Record<string, string | null> = {}
    for (const role of [{ kind: 'coldkey' as const }, ...entry.hotkeys.map((h) => ({ kind: 'hotkey' as const, name: h.name }))]) {
      const key = role.kind === 'coldkey' ? 'coldkey' : `hotkey:${role.name}`
      publicKeys[key] = await readPublicKey(w, role).then((p) => p.publicKey, () => null)
    }
    this.log(`${paint.bold(entry.name)}  ${paint.dim(sel.path)}`)
    this.log(`  coldkey  ${entry.coldkey.ss58 ?? '?'}  ${publicKeys.coldkey ?? ''}${entry.coldkey.error ? paint.dim(`  (${entry.coldkey.error})`) : ''}`)
    for (const h of entry.hotkeys) this.log(`  hotkey ${h.name}  ${h.ss58 ?? '?'}  ${publicKeys[`hotkey:${h.name}`] ?? ''}${h.error ? paint.dim(`  (${h.error})`) : ''}`)

    if (!flags['show-secret']) return { wallet: entry, publicKeys }
    const role = flags['use-hotkey'] ? { kind: 'hotkey' as const, name: sel.hotkey } : { kind: 'coldkey' as const }
    const keypair = await unlockKey(w, role, () => unlockPassword({ passwordFile: flags['password-file'], policy: this.prompts }, roleLabel(w, role)))
    const secrets: Secrets = {
      secretPhrase: keypair.mnemonic ?? null,
      secretSeed: keypair.miniSecret ? toHex(keypair.miniSecret) : null,
      privateKey: toHex(toBtcliPrivateKey(keypair.secretKey!)),
    }
    if (!this.jsonEnabled()) {
      process.stderr.write(paint.yellow(`Secrets of the ${roleLabel(w, role)}: anyone who sees them controls the key.\n`))
      if (secrets.secretPhrase) this.log(`  mnemonic     ${secrets.secretPhrase}`)
      if (secrets.secretSeed) this.log(`  seed         ${secrets.secretSeed}`)
      this.log(`  private key  ${secrets.privateKey}`)
    }
    return { wallet: entry, publicKeys, secrets }
  }
}
