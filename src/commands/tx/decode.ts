import { Args, Flags } from '@oclif/core'
import { readFile } from 'node:fs/promises'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags.js'
import { causeWords } from '../../cli/system-error.js'
import { connectChain, extrinsicHexInput } from '../../cli/tx.js'
import { badInput } from '../../errors.js'

export default class TxDecode extends TaoCommand {
  static summary = 'Show what a signed or unsigned extrinsic does: signer, nonce, tip, era, call and arguments.'
  static description =
    'Decoded against the runtime metadata of --network, or offline against a SCALE metadata file given with --metadata. Nothing is submitted.'
  static examples = ['<%= config.bin %> tx decode 0x…', '<%= config.bin %> tx decode --file tx.hex --metadata runtime.scale --json']
  static args = { hex: Args.string({ description: 'The extrinsic as 0x hex (or use --file).' }) }
  static flags = {
    ...networkFlags,
    file: Flags.string({ description: 'Read the hex from this file ("-" for stdin).' }),
    metadata: Flags.string({ description: 'Decode offline with this SCALE-encoded runtime metadata file instead of asking a node.' }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { args, flags } = await this.parse(TxDecode)
    const hex = await extrinsicHexInput(args.hex, flags.file, 'extrinsic')
    const { decodeExtrinsic, metadataView, toJsonSafe } = await import('../../rpc/index.js')
    let decoded
    if (flags.metadata !== undefined) {
      const raw = await readFile(flags.metadata).catch((e: NodeJS.ErrnoException) => {
        throw badInput(`cannot read the metadata file ${flags.metadata}: ${causeWords(e)}`, 'UNREADABLE_FILE')
      })
      decoded = decodeExtrinsic(metadataView(new Uint8Array(raw)), hex)
    } else {
      const chain = await connectChain(flags.network)
      try {
        decoded = chain.decodeExtrinsic(hex)
      } finally {
        chain.close()
      }
    }
    const json = toJsonSafe(decoded) as Record<string, unknown>
    this.log(JSON.stringify(json, null, 2))
    return json
  }
}
