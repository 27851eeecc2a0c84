import { Args, Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { reportOutput } from '../../cli/signing.js'
import { networkFlags } from '../../cli/flags/network.js'
import { connectChain } from '../../cli/connect.js'
import { extrinsicHexInput, txFlags } from '../../cli/flags/tx.js'
import { txOutcome } from '../../tx/report.js'
import { setDeadlineContext } from '../../core/command-deadline.js'
import { badInput, TaoError } from '../../core/errors.js'
import type { WaitFor } from '../../node/index.js'

export default class TxSubmit extends TaoCommand {
  static summary = 'Submit a signed extrinsic made earlier (for example with --dry-run on an offline machine).'
  static description = 'The extrinsic is decoded and shown first; it is submitted once and followed until it lands.'
  static examples = ['<%= config.bin %> tx submit 0x…', '<%= config.bin %> tx submit --file tx.hex --wait-for finalization --json']
  static args = { hex: Args.string({ description: 'The signed extrinsic as 0x hex (or use --file).' }) }
  static flags = {
    ...networkFlags,
    file: Flags.string({ description: 'Read the hex from this file ("-" for stdin).' }),
    'wait-for': txFlags['wait-for'],
  }

  async run(): Promise<Record<string, unknown>> {
    const { args, flags } = await this.parse(TxSubmit)
    const hex = await extrinsicHexInput(args.hex, flags.file, 'signed extrinsic')
    const chain = await connectChain(flags)
    try {
      const decoded = chain.decodeExtrinsic(hex)
      if (decoded.kind === 'bare') throw badInput('this extrinsic is not signed; sign it first (e.g. with --dry-run)', 'UNSIGNED')
      process.stderr.write(`submitting ${decoded.pallet}.${decoded.call} from ${decoded.signer}\n`)
      const context = { call: `${decoded.pallet}.${decoded.call}`, signer: decoded.signer }
      setDeadlineContext(context)
      const onProgress = (line: string) => process.stderr.write(line + '\n')
      const result = await chain
        .submitSigned(hex as `0x${string}`, { waitFor: flags['wait-for'] as WaitFor, onProgress })
        .catch((err: unknown) => {
          // A refusal (TX_REJECTED) still says what was refused.
          if (err instanceof TaoError) err.data = { ...context, ...err.data }
          throw err
        })
      return await txOutcome(result, context, reportOutput(this))
    } finally {
      chain.close()
    }
  }
}
