import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { networkFlags } from '../../cli/flags/network.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { neuronJson } from '../../cli/render/models-json.js'
import { overviewText } from '../../cli/render/overview.js'
import { resolveSetting } from '../../config/settings.js'
import { amountJson } from '../../core/amount.js'
import { badInput } from '../../core/errors.js'

export default class WalletOverview extends TaoCommand {
  static summary = 'Every hotkey of the wallet (or of every local wallet) on every subnet where it is registered, with totals.'
  static description =
    "Read at one block: for each hotkey in the wallet's hotkeys folder (and each the coldkey owns on chain), every subnet where " +
    'it is registered: uid, alpha stake and its TAO value, rank, trust, consensus, incentive, dividends, emission (the alpha of ' +
    'the last epoch), validator permit, blocks since the last update, axon; totals per subnet and overall. Only the subnets ' +
    'where the hotkeys are registered are read, never one request per UID. --all: every wallet under the wallet path. ' +
    '--json: {network, block, coldkey (null with --all), wallets, neurons: [{wallet, hotkeyName, netuid, …the row of ' +
    '`subnets show`}], totals: {neurons, stakeSwapValue, bySubnet}}.'
  static examples = ['<%= config.bin %> wallet overview -w owner', '<%= config.bin %> wallet overview --all --network local --json']
  static flags = {
    ...walletFlags,
    ...networkFlags,
    all: Flags.boolean({ char: 'a', description: 'Every wallet under the wallet path.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(WalletOverview)
    const owners = await localOwners(flags)
    const chain = await connectChain(flags)
    let view
    try {
      const { readOverview } = await import('../../subtensor/overview.js')
      view = await readOverview(chain, owners)
    } finally {
      chain.close()
    }
    this.log(overviewText(view, flags.all))
    return {
      network: resolveSetting('network', flags.network).value,
      block: view.block,
      coldkey: flags.all ? null : owners[0]!.coldkey,
      wallets: owners.map((o) => ({ wallet: o.wallet, coldkey: o.coldkey })),
      neurons: view.rows.map((r) => ({
        wallet: r.wallet,
        hotkeyName: r.hotkeyName,
        netuid: r.netuid,
        ...neuronJson(r.neuron, view.block),
      })),
      totals: {
        neurons: view.totals.neurons,
        stakeSwapValue: amountJson(view.totals.stakeSwapValue),
        bySubnet: view.subnets.map((s) => ({
          netuid: s.netuid,
          symbol: s.symbol,
          neurons: s.neurons,
          alphaStake: amountJson(s.alphaStake),
          stakeSwapValue: amountJson(s.stakeSwapValue),
          emission: amountJson(s.emission),
        })),
      },
    }
  }
}

/** The selected wallet, or every wallet (--all), with their coldkey and hotkey addresses from their public files. */
async function localOwners(flags: { all: boolean; 'wallet-path'?: string; 'wallet-name'?: string; hotkey?: string }) {
  const { resolveWallet } = await import('../../wallet/selection.js')
  const { describeWallet, listWallets, readPublicKey } = await import('../../wallet/store.js')
  const sel = resolveWallet(flags)
  const entries = flags.all ? await listWallets(sel.path) : [await describeWallet({ root: sel.path, name: sel.name })]
  const owners = []
  for (const w of entries) {
    // Without --all a wallet without a readable coldkey address is an error (exit 2); with it, that wallet is left out.
    const coldkey = flags.all ? w.coldkey.ss58 : (await readPublicKey({ root: sel.path, name: w.name }, { kind: 'coldkey' })).ss58
    if (!coldkey) continue
    owners.push({ wallet: w.name, coldkey, hotkeys: w.hotkeys.filter((h) => h.ss58).map((h) => ({ name: h.name, ss58: h.ss58! })) })
  }
  if (!owners.length) throw badInput(`no wallets with a coldkey address under ${sel.path}`, 'NOT_FOUND')
  return owners
}
