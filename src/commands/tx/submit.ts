import { Args, Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags.js'
import { connectChain, txOutcome } from '../../cli/tx.js'
import { readSecretFile } from '../../cli/password.js'
import { badInput } from '../../errors.js'

export default class TxSubmit extends TaoCommand {
  static summary = 'Submit a signed extrinsic made earlier (for example with --dry-run on an offline machine).'
  static description = 'The extrinsic is decoded and shown first; it is submitted once and followed until it lands.'
  static examples = ['<%= config.bin %> tx submit 0x…', '<%= config.bin %> tx submit --file tx.hex --wait-for finalization --json']
  static args = { hex: Args.string({ description: 'The signed extrinsic as 0x hex (or use --file).' }) }
  static flags = {
    ...networkFlags,
    file: Flags.string({ description: 'Read the hex from this file ("-" for stdin).' }),
    'wait-for': Flags.string({ options: ['inclusion', 'finalization', 'none'], default: 'inclusion', description: 'How long to follow it.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { args, flags } = await this.parse(TxSubmit)
    const hex = (args.hex ?? (flags.file !== undefined ? await readSecretFile(flags.file, 'extrinsic') : '')).trim()
    if (!/^0x([0-9a-fA-F]{2})+$/.test(hex)) throw badInput('give the signed extrinsic as 0x-prefixed hex (argument or --file)', 'BAD_HEX')
    const chain = await connectChain(flags.network)
    try {
      const decoded = chain.decodeExtrinsic(hex)
      if (decoded.kind === 'bare') throw badInput('this extrinsic is not signed; sign it first (e.g. with --dry-run)', 'UNSIGNED')
      process.stderr.write(`submitting ${decoded.pallet}.${decoded.call} from ${decoded.signer}\n`)
      const result = await chain.submitSigned(hex as `0x${string}`, { waitFor: flags['wait-for'] as 'inclusion' })
      return await txOutcome(result, { pallet: decoded.pallet, call: decoded.call, signer: decoded.signer }, (line) => this.log(line))
    } finally {
      chain.close()
    }
  }
}
