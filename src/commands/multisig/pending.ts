import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { multisigFlags, splitList } from '../../cli/flags/proxy.js'
import { networkFlags } from '../../cli/flags/network.js'
import { resolveSetting } from '../../config/settings.js'

export default class MultisigPending extends TaoCommand {
  static summary = 'List the open operations of a multisig (Multisig.Multisigs): call hash, call, approvals, depositor, deposit.'
  static description =
    'The call is decoded from the extrinsic that opened the operation (its timepoint) where the node still has that block; else null. ' +
    'Approve one by running the same command with --multisig-signatories/--multisig-threshold; cancel it with `tao multisig cancel`.'
  static examples = [
    '<%= config.bin %> multisig pending --signatories 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY,5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty,5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y --threshold 2 --json',
  ]
  static flags = { ...networkFlags, ...multisigFlags }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(MultisigPending)
    const { checkMultisig } = await import('../../subtensor/acting.js')
    const signatories = checkMultisig(splitList(flags.signatories), flags.threshold, '--signatories')
    const chain = await connectChain(flags)
    try {
      const { pendingOperations } = await import('../../subtensor/multisig.js')
      const block = await chain.blockNumber()
      const { address, pending } = await pendingOperations(chain, signatories, flags.threshold)
      if (pending.length === 0) this.log(`Multisig ${address} (${flags.threshold} of ${signatories.length}) has no open operations.`)
      else {
        this.log(`Multisig ${address} (${flags.threshold} of ${signatories.length}): ${pending.length} open`)
        for (const p of pending)
          this.log(
            `  ${p.callHash}  ${p.call ?? '(call not known)'}  ${p.approvals.length}/${flags.threshold} approvals (${p.approvals.join(', ')})  ` +
              `opened at #${p.timepoint.height}-${p.timepoint.index} by ${p.depositor}, deposit ${p.deposit.tao} TAO`,
          )
      }
      return { network: resolveSetting('network', flags.network).value, block, address, threshold: flags.threshold, signatories, pending }
    } finally {
      chain.close()
    }
  }
}
