import { Flags } from '@oclif/core'
import { filterNeurons, NEURON_SORT_KEYS, sortNeurons, type NeuronSortKey } from '../../subtensor/subnets/neurons.js'
import { neuronJson, subnetJson } from '../../cli/render/models-json.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { connectChain } from '../../cli/connect.js'
import { expandHome, resolveSetting } from '../../config/settings.js'
import { badInput } from '../../core/errors.js'
import { parseSs58 } from '../../cli/parse.js'
import { metagraphText } from '../../cli/render/metagraph.js'

export default class SubnetsShow extends TaoCommand {
  static aliases = ['subnets:metagraph']
  static summary = "Show a subnet's metagraph: its header and one row per UID."
  static description =
    "Read at one block: the subnet (owner, price, pool, emission, tempo, burn) and every UID: hotkey, coldkey, alpha stake, its swap value (the TAO unstaking all of it now would pay through the subnet's pool, slippage included) and its spot value (alpha × price, which no sale of a large stake gets), rank, trust, validator trust, consensus, incentive, dividends, emission (the alpha the UID got at the last epoch, as stored), validator permit, activity, blocks since its last update, and axon. Rows are ordered by UID unless --sort names a column (`value` is the swap value, `spot-value` the spot value; figures largest first, uid and keys ascending; --reverse flips). Filters combine: --hotkey and --mine keep those hotkeys, --coldkey those owners, --validators UIDs with a permit. Alias: `subnets metagraph`."
  static examples = [
    '<%= config.bin %> subnets show --netuid 1',
    '<%= config.bin %> subnets metagraph --netuid 1 --sort incentive --validators',
    '<%= config.bin %> subnets show --netuid 1 --mine --json',
  ]
  static flags = {
    ...networkFlags,
    'wallet-path': walletFlags['wallet-path'],
    netuid: netuidFlag('The subnet.'),
    sort: Flags.string({ description: 'Order rows by this column.', options: [...NEURON_SORT_KEYS], default: 'uid' }),
    reverse: Flags.boolean({ description: 'Reverse the order.' }),
    hotkey: Flags.string({ description: 'Only this hotkey (SS58; repeatable).', multiple: true }),
    coldkey: Flags.string({ description: 'Only UIDs of this coldkey (SS58; repeatable).', multiple: true }),
    validators: Flags.boolean({ description: 'Only UIDs with a validator permit.' }),
    mine: Flags.boolean({ description: 'Only the hotkeys of the wallets under the wallet path.' }),
  }

  async run() {
    const { flags } = await this.parse(SubnetsShow)
    const hotkeys = await Promise.all((flags.hotkey ?? []).map((h) => parseSs58(h, '--hotkey')))
    const coldkeys = await Promise.all((flags.coldkey ?? []).map((c) => parseSs58(c, '--coldkey')))
    if (flags.mine) hotkeys.push(...(await localHotkeys(flags['wallet-path'])))
    const chain = await connectChain(flags)
    try {
      const { readMetagraph } = await import('../../subtensor/subnets/metagraph.js')
      const metagraph = await readMetagraph(chain, flags.netuid)
      const filtered = filterNeurons(metagraph.neurons, {
        hotkeys: flags.hotkey?.length || flags.mine ? hotkeys : undefined,
        coldkeys: coldkeys.length ? coldkeys : undefined,
        validators: flags.validators,
      })
      const neurons = sortNeurons(filtered, flags.sort as NeuronSortKey, flags.reverse)
      this.log(metagraphText(metagraph, neurons))
      return {
        network: resolveSetting('network', flags.network).value,
        block: metagraph.block,
        ...subnetJson(metagraph.subnet),
        neurons: neurons.map((n) => neuronJson(n, metagraph.block)),
      }
    } finally {
      chain.close()
    }
  }
}

/** Every hotkey address of every wallet under the wallet path (--mine). */
async function localHotkeys(walletPathFlag: string | undefined): Promise<string[]> {
  const root = expandHome(resolveSetting('wallet-path', walletPathFlag).value)
  const { listWallets } = await import('../../wallet/store.js')
  const found = (await listWallets(root)).flatMap((w) => w.hotkeys.map((h) => h.ss58).filter((s): s is string => s !== null))
  if (found.length === 0) throw badInput(`--mine: no hotkeys under ${root}`, 'NOT_FOUND')
  return found
}
