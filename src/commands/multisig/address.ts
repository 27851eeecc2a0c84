import { TaoCommand } from '../../cli/base-command.js'
import { multisigFlags, splitList } from '../../cli/flags/proxy.js'

export default class MultisigAddress extends TaoCommand {
  static summary = 'The address of the multisig account of these signatories and threshold (no network needed).'
  static description =
    'Derived as the runtime\'s pallet_multisig does: blake2_256 of "modlpy/utilisuba", the signatories sorted, and the threshold. ' +
    'The order of --signatories does not matter; a duplicate, fewer than two, or a threshold above their number exits 2.'
  static examples = [
    '<%= config.bin %> multisig address --signatories 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY,5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty,5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y --threshold 2',
  ]
  static flags = { ...multisigFlags }

  async run(): Promise<{ address: string; signatories: string[]; threshold: number }> {
    const { flags } = await this.parse(MultisigAddress)
    const { checkMultisig, multisigAddress } = await import('../../subtensor/acting.js')
    const signatories = checkMultisig(splitList(flags.signatories), flags.threshold, '--signatories')
    const address = multisigAddress(signatories, flags.threshold)
    this.log(address)
    return { address, signatories, threshold: flags.threshold }
  }
}
