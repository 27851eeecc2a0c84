import { TaoCommand } from '../../cli/base-command.js'
import { resolveWallet, walletFlags } from '../../cli/flags.js'
import { paint } from '../../ui/output.js'
import { listWallets, type WalletEntry } from '../../wallet/store.js'

export default class WalletList extends TaoCommand {
  static summary = 'List every wallet under the wallet path, with coldkey and hotkey addresses.'
  static description = 'Watch-only and partly broken wallets are listed too, with what is missing.'
  static examples = ['<%= config.bin %> wallet list', '<%= config.bin %> wallet list --wallet-path ~/.bittensor/wallets --json']
  static flags = { 'wallet-path': walletFlags['wallet-path'] }

  async run(): Promise<{ path: string; wallets: WalletEntry[] }> {
    const { flags } = await this.parse(WalletList)
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
    const lock = w.coldkey.encrypted === true ? '' : w.coldkey.encrypted === false ? paint.yellow(' unencrypted') : ''
    const cold = w.coldkey.ss58 ?? paint.red('?')
    const problem = w.coldkey.error ? paint.dim(`  (${w.coldkey.error})`) : ''
    lines.push(`${lastWallet ? '└─' : '├─'} ${paint.bold(w.name)}  ${cold}${lock}${problem}`)
    w.hotkeys.forEach((h, j) => {
      const branch = j === w.hotkeys.length - 1 ? '└─' : '├─'
      lines.push(`${lastWallet ? '   ' : '│  '}${branch} ${h.name}  ${h.ss58 ?? paint.red('?')}${h.error ? paint.dim(`  (${h.error})`) : ''}`)
    })
  })
  return lines.join('\n')
}
