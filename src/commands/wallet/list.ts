import { TaoCommand } from '../../cli/base-command.js'
import { resolveWallet } from '../../wallet/selection.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { paint } from '../../core/output.js'
import type { KeyState } from '../../wallet/keycheck.js'
import type { WalletEntry } from '../../wallet/store.js'

export default class WalletList extends TaoCommand {
  static summary = 'List every wallet under the wallet path, with coldkey and hotkey addresses.'
  static description =
    'Watch-only and partly broken wallets are listed too, with what is wrong: every key file is checked (a FIFO or other non-regular file is never opened), ' +
    'and a public file that does not match its key is reported (for an encrypted key, when tao can tell without the password).'
  static examples = ['<%= config.bin %> wallet list', '<%= config.bin %> wallet list --wallet-path ~/.bittensor/wallets --json']
  static flags = { 'wallet-path': walletFlags['wallet-path'] }

  async run(): Promise<{ path: string; wallets: WalletEntry[] }> {
    const { flags } = await this.parse(WalletList)
    const { listWallets } = await import('../../wallet/store.js')
    const path = resolveWallet(flags).path
    const wallets = await listWallets(path)
    if (wallets.length === 0) this.log(paint.dim(`no wallets under ${path}`))
    else this.log(renderTree(path, wallets))
    return { path, wallets }
  }
}

function renderTree(path: string, wallets: WalletEntry[]): string {
  const lines = [paint.bold(`Wallets (${path})`)]
  wallets.forEach((w, i) => {
    const lastWallet = i === wallets.length - 1
    lines.push(`${lastWallet ? '└─' : '├─'} ${paint.bold(w.name)}  ${keyLine(w.coldkey)}`)
    w.hotkeys.forEach((h, j) => {
      const branch = j === w.hotkeys.length - 1 ? '└─' : '├─'
      lines.push(`${lastWallet ? '   ' : '│  '}${branch} ${h.name}  ${keyLine(h)}`)
    })
  })
  return lines.join('\n')
}

function keyLine(k: KeyState): string {
  const notes = [k.watchOnly ? paint.dim('watch-only') : '', k.encrypted === false ? paint.yellow('unencrypted') : '']
    .filter(Boolean)
    .join(' ')
  const problem = k.error ? (k.keyMatchesPub === false ? paint.red(`  (${k.error})`) : paint.dim(`  (${k.error})`)) : ''
  return `${k.ss58 ?? paint.red('?')}${notes ? ` ${notes}` : ''}${problem}`
}
