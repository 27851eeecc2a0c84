import { Args, Flags } from '@oclif/core'
import { readFile } from 'node:fs/promises'
import { amountJson } from '../../core/amount.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { causeWords } from '../../cli/system-error.js'
import { connectChain } from '../../cli/connect.js'
import { extrinsicHexInput } from '../../cli/flags/tx.js'
import { badInput } from '../../core/errors.js'
import type { DecodedExtrinsic } from '../../node/extrinsic.js'

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
    const { decodeExtrinsic, decodeMetadata, toJsonSafe } = await import('../../node/index.js')
    let decoded
    if (flags.metadata !== undefined) {
      const raw = await readFile(flags.metadata).catch((e: NodeJS.ErrnoException) => {
        throw badInput(`cannot read the metadata file ${flags.metadata}: ${causeWords(e)}`, 'UNREADABLE_FILE')
      })
      decoded = decodeExtrinsic(decodeMetadata(new Uint8Array(raw)), hex)
    } else {
      const chain = await connectChain(flags.network)
      try {
        decoded = chain.decodeExtrinsic(hex)
      } finally {
        chain.close()
      }
    }
    const json = decodedJson(toJsonSafe(decoded) as DecodedExtrinsic)
    this.log(JSON.stringify(json, null, 2))
    return json
  }
}

/**
 * docs/json.md: the call as `Pallet.call`, the tip as an amount, and every field present (null where an
 * unsigned extrinsic has none). `args` and `extensions` stay as the metadata decodes them.
 */
function decodedJson(d: DecodedExtrinsic): Record<string, unknown> {
  return {
    txHash: d.txHash,
    length: d.length,
    version: d.version,
    kind: d.kind,
    signer: d.signer ?? null,
    signature: d.signature ?? null,
    nonce: d.nonce ?? null,
    tip: d.tip === undefined ? null : amountJson(BigInt(d.tip)),
    era: d.era ?? null,
    extensions: d.extensions ?? null,
    call: `${d.pallet}.${d.call}`,
    args: d.args,
    callData: d.callData,
  }
}
