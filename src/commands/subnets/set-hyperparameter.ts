import { Flags } from '@oclif/core'
import { parseHyperparameterValue } from '../../cli/parse-hyperparameter.js'
import { TaoCommand } from '../../cli/base-command.js'
import { netuidFlag } from '../../cli/flags/netuid.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { hyperparameterValue } from '../../cli/render/hyperparameters.js'
import { hyperparameterJson } from '../../cli/render/models-json.js'
import { runTx } from '../../cli/signing.js'
import { badInput } from '../../core/errors.js'

// `--name` is the hyperparameter here: the wallet is named with -w / --wallet-name only.
const { 'wallet-name': walletName, ...otherSigningFlags } = signingFlags

export default class SubnetsSetHyperparameter extends TaoCommand {
  static summary = "Set one of a subnet's hyperparameters as its owner (the AdminUtils call the runtime has for it)."
  static description =
    'Signed by the coldkey that owns the subnet. --name and --value as `tao subnets hyperparameters` shows them: fractions ' +
    'normalised (0.5; sent as the nearest stored integer: × 65535, × (2^64 − 1) or × 10^6), amounts in TAO, flags yes/no, ' +
    "blocks and counts as whole numbers. The call is found in the runtime's metadata (AdminUtils.sudo_set_<name> or the " +
    'setter of that parameter); the current and the new value are shown before signing. A name the subnet does not have ' +
    'exits 2 listing those the owner can set; a parameter only root may set on this runtime, or a coldkey that does not own ' +
    'the subnet, exits 1 before anything is signed (a BadOrigin from the runtime is reported by name). --json adds coldkey, ' +
    'netuid, name, unit, current and new ({value, normalized}, value as in `subnets hyperparameters`) and, once landed, ' +
    'stored (the value the chain holds).'
  static examples = [
    '<%= config.bin %> subnets set-hyperparameter -w owner --netuid 2 --name immunity_period --value 5000',
    '<%= config.bin %> subnets set-hyperparameter -w owner --netuid 3 --name bonds_moving_avg --value 0.9 -y --json',
    '<%= config.bin %> subnets set-hyperparameter -w owner --netuid 3 --name max_burn --value 50 -y',
  ]
  static flags = {
    ...otherSigningFlags,
    'wallet-name': { ...walletName, aliases: ['wallet.name', 'wallet_name'] },
    netuid: netuidFlag(),
    name: Flags.string({
      description: 'The hyperparameter, as `tao subnets hyperparameters` names it (e.g. immunity_period).',
      required: true,
    }),
    value: Flags.string({ description: 'The new value, in the unit `tao subnets hyperparameters` shows.', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(SubnetsSetHyperparameter)
    const name = flags.name.trim()
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      throw badInput(
        `--name is a hyperparameter as \`tao subnets hyperparameters\` names it (snake_case), not "${flags.name}"`,
        'UNKNOWN_HYPERPARAMETER',
      )
    const { planSetHyperparameter } = await import('../../subtensor/subnets/hyperparameter-set.js')
    const format = { text: hyperparameterValue, json: (h: Parameters<typeof hyperparameterJson>[0]) => hyperparameterJson(h).value }
    const report = await runTx(this, flags, 'coldkey', (ctx) =>
      planSetHyperparameter(
        ctx,
        { netuid: flags.netuid, name, value: (current, arg) => parseHyperparameterValue(current, flags.value, arg) },
        format,
      ),
    )
    const stored = report.stored as Stored | null | undefined
    if (stored) this.log(`${name} of subnet ${flags.netuid} is now ${storedText(stored, String(report.unit))}`)
    return report
  }
}

interface Stored {
  value: unknown
  normalized: number | null
}

/** The value the chain holds, as the report gives it (an amount object for TAO), in the words of `subnets hyperparameters`. */
function storedText({ value, normalized }: Stored, unit: string): string {
  if (typeof value === 'object' && value !== null && 'tao' in value) return `τ${(value as { tao: string }).tao}`
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (unit === 'fraction' && normalized !== null) return `${normalized.toFixed(6)} (${value})`
  return unit === 'blocks' || unit === 'epochs' ? `${value} ${unit}` : String(value)
}
