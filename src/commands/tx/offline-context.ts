import { Flags } from '@oclif/core'
import { TaoCommand } from '../../cli/base-command.js'
import { connectChain } from '../../cli/connect.js'
import { networkFlags } from '../../cli/flags/network.js'
import { walletFlags } from '../../cli/flags/wallet.js'
import { resolveSetting } from '../../config/settings.js'
import { displayTao } from '../../core/amount.js'
import { parseAddress } from '../../core/ss58.js'
import { resolveWallet } from '../../wallet/selection.js'

export default class TxOfflineContext extends TaoCommand {
  static summary = 'Write what an offline signer needs to a file: metadata, genesis hash, versions, nonce, balance and an era block.'
  static description =
    'Run on a connected machine; carry the file to the air-gapped one and sign there with `--offline FILE` on any signing command ' +
    '(no node is asked: the fee stays unknown, the signed hex goes to stdout); submit the hex here with `tao tx submit`. The signer is ' +
    "--signer, else the wallet's coldkey (its public file; with --use-hotkey the hotkey named by -H). A mortal transaction's era starts " +
    "at the file's block: sign with a longer --era (up to 4096 blocks and the runtime's System.BlockHashCount) or --era 0 (immortal) when it travels for a while. Several " +
    'transactions from one file: --nonce N, N+1, ….'
  static examples = [
    '<%= config.bin %> tx offline-context -w owner --out ctx.json   # on the offline machine: a signing command with --offline ctx.json',
    '<%= config.bin %> tx offline-context --signer 5F… --out ctx.json --json',
  ]
  static flags = {
    ...networkFlags,
    ...walletFlags,
    signer: Flags.string({ description: "The signer's address (SS58) instead of the wallet's key." }),
    'use-hotkey': Flags.boolean({ description: 'The signer is the hotkey named by --hotkey, not the coldkey.' }),
    out: Flags.string({
      char: 'o',
      description: 'Write the context to this file (replaced if it exists).',
      required: true,
      helpValue: 'FILE',
    }),
  }

  async run(): Promise<Record<string, unknown>> {
    const { flags } = await this.parse(TxOfflineContext)
    let signer: string
    if (flags.signer !== undefined) {
      parseAddress(flags.signer, undefined, '--signer')
      signer = flags.signer.trim()
    } else {
      const sel = resolveWallet(flags)
      const { readPublicKey } = await import('../../wallet/store.js')
      const role = flags['use-hotkey'] ? ({ kind: 'hotkey', name: sel.hotkey } as const) : ({ kind: 'coldkey' } as const)
      signer = (await readPublicKey({ root: sel.path, name: sel.name }, role)).ss58
    }
    const network = resolveSetting('network', flags.network).value
    const chain = await connectChain(flags)
    let context
    try {
      const { offlineContext } = await import('../../node/offline.js')
      context = await offlineContext(chain, network, signer)
    } finally {
      chain.close()
    }
    const { writeFileAtomic } = await import('../../fsx/files.js')
    await writeFileAtomic(flags.out, new TextEncoder().encode(JSON.stringify(context, null, 1) + '\n'), { overwrite: true, mode: 0o644 })

    this.log(`wrote ${flags.out}: what an offline signer of ${signer} needs`)
    this.log(
      `  ${network}, spec ${context.specVersion} (transaction version ${context.transactionVersion}), genesis ${context.genesisHash}`,
    )
    this.log(
      `  next nonce ${context.nonce}, free balance ${displayTao(BigInt(context.account.free.rao))}, era block #${context.block.number}`,
    )
    this.log(`  a transaction signed from it with the default --era 64 must be submitted before block #${context.block.number + 64}`)
    const c = context
    return {
      file: flags.out,
      network,
      createdAt: c.createdAt,
      signer,
      nonce: c.nonce,
      account: c.account,
      block: c.block.number,
      blockHash: c.block.hash,
      genesisHash: c.genesisHash,
      specName: c.specName,
      specVersion: c.specVersion,
      transactionVersion: c.transactionVersion,
      metadataHashMode: c.metadataHashMode,
      metadataBytes: (c.metadata.length - 2) / 2,
    }
  }
}
