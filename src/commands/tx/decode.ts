import { Args, Flags } from '@oclif/core'
import { readFile } from 'node:fs/promises'
import { amountJson } from '../../core/amount.js'
import { TaoCommand } from '../../cli/base-command.js'
import { networkFlags } from '../../cli/flags/network.js'
import { renderDecoded, type DecodedJson } from '../../cli/render/extrinsic.js'
import { causeWords } from '../../cli/system-error.js'
import { connectChain } from '../../cli/connect.js'
import { extrinsicHexInput } from '../../cli/flags/tx.js'
import { badInput, failed } from '../../core/errors.js'
import { fromHex, toHex } from '../../core/hex.js'
import type { DecodedExtrinsic } from '../../node/extrinsic.js'
import type { ChainFacts } from '../../node/extensions.js'
import type { SignatureCheck } from '../../node/signature-check.js'

const hash32 = (text: string | undefined, flag: string): `0x${string}` | undefined =>
  text === undefined ? undefined : toHex(fromHex(text, flag, 32))

export default class TxDecode extends TaoCommand {
  static summary =
    'Show what a signed or unsigned extrinsic does: signer, nonce, tip, era, call and arguments, and whether its signature holds.'
  static description =
    'Decoded against the runtime metadata of --network, or without a node from an offline context file (--offline, written by ' +
    '`tao tx offline-context`) or a SCALE metadata file (--metadata). The signature is checked against the payload the signer ' +
    "signed: the call, the extensions, the runtime's spec and transaction versions, the chain's genesis hash and, for a mortal era, " +
    'the hash of the block it starts at (from the node, the context file, or --genesis-hash and --block-hash); a signature that does ' +
    'not match exits 1, one that cannot be checked says why. Amounts in the arguments are shown in TAO ({rao, tao} in --json), ' +
    "as the runtime's types name them. Nothing is submitted."
  static examples = [
    '<%= config.bin %> tx decode 0x…',
    '<%= config.bin %> tx decode --file tx.hex --offline ctx.json --json',
    '<%= config.bin %> tx decode --file tx.hex --metadata runtime.scale --json',
  ]
  static args = { hex: Args.string({ description: 'The extrinsic as 0x hex (or use --file).' }) }
  static flags = {
    ...networkFlags,
    file: Flags.string({ description: 'Read the hex from this file ("-" for stdin).' }),
    offline: Flags.string({
      description: 'Decode and check without a node, from an offline context file (`tao tx offline-context`).',
      helpValue: 'FILE',
    }),
    metadata: Flags.string({ description: 'Decode without a node, with this SCALE-encoded runtime metadata file.', helpValue: 'FILE' }),
    'genesis-hash': Flags.string({ description: "The chain's genesis hash, to check the signature with --metadata.", helpValue: 'HEX' }),
    'block-hash': Flags.string({
      description: "The hash of the block a mortal extrinsic's era starts at, to check its signature without a node.",
      helpValue: 'HEX',
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { args, flags } = await this.parse(TxDecode)
    if (flags.metadata !== undefined && flags.offline !== undefined)
      throw badInput('give either --metadata or --offline, not both', 'USAGE')
    const hex = await extrinsicHexInput(args.hex, flags.file, 'extrinsic')
    const genesisHash = hash32(flags['genesis-hash'], '--genesis-hash')
    const blockHash = hash32(flags['block-hash'], '--block-hash')
    const node = await import('../../node/index.js')
    const { eraBirth, checkSignature, markAmounts, readExtrinsic, toJsonSafe } = node

    let decoded: DecodedExtrinsic
    let check: SignatureCheck
    if (flags.offline !== undefined || flags.metadata !== undefined) {
      let view
      let facts: Partial<ChainFacts> = { genesisHash, birthHash: blockHash }
      let contextBlock: { number: number; hash: `0x${string}` } | undefined
      if (flags.offline !== undefined) {
        const { parseOfflineContext } = await import('../../node/offline.js')
        const { context, view: v } = parseOfflineContext(await readText(flags.offline, 'offline context'), flags.offline)
        view = v
        contextBlock = context.block
        facts = {
          genesisHash: genesisHash ?? context.genesisHash,
          specVersion: context.specVersion,
          transactionVersion: context.transactionVersion,
          birthHash: blockHash,
        }
      } else {
        view = node.decodeMetadata(new Uint8Array(await readBytes(flags.metadata!, 'metadata')))
      }
      const read = readExtrinsic(view, hex)
      decoded = read.decoded
      // Signed from this context, a mortal era starts at the context's block.
      if (
        decoded.era?.type === 'mortal' &&
        contextBlock &&
        facts.birthHash === undefined &&
        eraBirth(decoded.era, contextBlock.number) === contextBlock.number
      )
        facts.birthHash = contextBlock.hash
      check = checkSignature(view, read.parts, facts)
      decoded = { ...decoded, args: markAmounts(view, decoded.pallet, decoded.call, decoded.args) }
    } else {
      const chain = await connectChain(flags)
      try {
        const read = readExtrinsic(chain.metadata, hex)
        decoded = read.decoded
        const genesis = genesisHash ?? (await chain.rpc<`0x${string}`>('chain_getBlockHash', [0]))
        let birthHash = blockHash
        let birth: number | undefined
        if (decoded.era?.type === 'mortal' && birthHash === undefined) {
          // The era's start at or before the best block: the node's own rule for a transaction still alive.
          birth = eraBirth(decoded.era, await chain.blockNumber('best'))
          birthHash = (await chain.rpc<`0x${string}` | null>('chain_getBlockHash', [birth])) ?? undefined
        }
        check = checkSignature(chain.metadata, read.parts, { genesisHash: genesis, birthHash })
        if (check.status === 'invalid' && birth !== undefined && decoded.era?.type === 'mortal')
          check = {
            ...check,
            reason: `${check.reason}; or its era (${decoded.era.period} blocks) is over and it was signed for an earlier start than block #${birth}`,
          }
        decoded = { ...decoded, args: markAmounts(chain.metadata, decoded.pallet, decoded.call, decoded.args) }
      } finally {
        chain.close()
      }
    }
    const json = decodedJson(toJsonSafe(decoded) as DecodedExtrinsic, check)
    this.log(renderDecoded(json as unknown as DecodedJson))
    if (check.status === 'invalid') {
      const err = failed(
        `the signature of ${json.txHash} does not hold: ${check.reason.replace(/^the signature does not match: /, '')}`,
        'BAD_SIGNATURE',
      )
      err.data = json
      throw err
    }
    return json
  }
}

async function readBytes(path: string, what: string): Promise<Buffer> {
  return readFile(path).catch((e: NodeJS.ErrnoException) => {
    throw badInput(`cannot read the ${what} file ${path}: ${causeWords(e)}`, 'UNREADABLE_FILE')
  })
}

const readText = async (path: string, what: string): Promise<string> => (await readBytes(path, what)).toString('utf8')

/**
 * docs/json.md: the call as `Pallet.call`, the tip as an amount, amounts in the arguments as amounts, every field
 * present (null where an unsigned extrinsic has none), and the signature check.
 */
function decodedJson(d: DecodedExtrinsic, check: SignatureCheck): Record<string, unknown> {
  return {
    txHash: d.txHash,
    length: d.length,
    version: d.version,
    kind: d.kind,
    signer: d.signer ?? null,
    signature: d.signature ?? null,
    signatureCheck: { status: check.status, reason: check.status === 'valid' ? null : check.reason },
    nonce: d.nonce ?? null,
    tip: d.tip === undefined ? null : amountJson(BigInt(d.tip)),
    era: d.era ?? null,
    extensions: d.extensions ?? null,
    call: `${d.pallet}.${d.call}`,
    args: d.args,
    callData: d.callData,
  }
}
