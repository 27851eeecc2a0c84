import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { multisigFlags, splitList } from '../../cli/flags/proxy.js'
import { signingFlags } from '../../cli/flags/tx.js'
import { parseHash } from '../../cli/parse.js'
import { runTx } from '../../cli/signing.js'

export default class MultisigCancel extends TaoCommand {
  static summary = 'Cancel an open multisig operation (Multisig.cancel_as_multi); only its depositor may, and gets the deposit back.'
  static description = 'The call hash is the one `tao multisig pending` lists. Another signer, or an unknown hash, exits 1 before signing.'
  static examples = [
    '<%= config.bin %> multisig cancel -w alice --signatories 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY,5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --threshold 2 --call-hash 0x…',
  ]
  static flags = {
    ...signingFlags,
    ...multisigFlags,
    'call-hash': Flags.string({ description: 'The operation (call hash, 0x and 64 hex digits).', required: true }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(MultisigCancel)
    const { checkMultisig } = await import('../../subtensor/acting.js')
    const signatories = checkMultisig(splitList(flags.signatories), flags.threshold, '--signatories')
    const callHash = parseHash(flags['call-hash'], '--call-hash')
    const { planCancel } = await import('../../subtensor/multisig.js')
    return runTx(this, flags, 'coldkey', (ctx) => planCancel(ctx, { signatories, threshold: flags.threshold, callHash }))
  }
}
