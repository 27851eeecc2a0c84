import { badInput } from '../core/errors.js'
import { setInterruptNote } from '../core/interrupt.js'
import { progress } from '../core/output.js'
import type { Chain } from '../node/index.js'
import { proxyBook, resolveSetting } from '../config/settings.js'
import { executeTx, type TxIO } from '../tx/execute.js'
import type { Acting, Plan, SignerKind, TxRunner } from '../tx/intent.js'
import type { ReportOutput } from '../tx/report.js'
import { resolveWallet } from '../wallet/selection.js'
import { connectChain } from './connect.js'
import { devUri, sendOptions, type SigningFlagValues } from './flags/tx.js'
import { parseSs58 } from './parse.js'
import { unlockPassword } from './password.js'
import { askConfirm, askText, type PromptPolicy } from './prompt.js'
import { causeWords } from './system-error.js'

/** The command a transaction runs for: where its lines go and whether it may ask. */
export interface TxCommand {
  log(line: string): void
  readonly prompts: PromptPolicy
}

/** A command's lines on stdout, notes for people on stderr. */
export const reportOutput = (cmd: Pick<TxCommand, 'log'>): ReportOutput => ({
  log: (line) => cmd.log(line),
  note: (line) => process.stderr.write(line + '\n'),
})

/** The signing path with this process's IO: the wallet on disk, the node named by the flags, the terminal. */
export async function runTx(
  cmd: TxCommand,
  flags: SigningFlagValues,
  signerKind: SignerKind,
  plan: Plan,
): Promise<Record<string, unknown>> {
  const options = sendOptions(flags)
  const wallet = resolveWallet(flags)
  const network = resolveSetting('network', flags.network).value
  const acting = await actingFromFlags(flags, signerKind)
  const uri = await devUri(flags)
  if (uri !== undefined)
    return executeTx(
      await devKeyIO(cmd, flags, uri),
      { options, wallet, force: flags.force ?? false, noPrompt: cmd.prompts.noPrompt, acting, network },
      plan,
    )
  const w = { root: wallet.path, name: wallet.name }
  const role = signerKind === 'coldkey' ? ({ kind: 'coldkey' } as const) : ({ kind: 'hotkey', name: wallet.hotkey } as const)
  // The wallet code (key files, locks, encryption) loads here, not at every start of a signing command.
  const { readPublicKey, roleLabel, unlockKey, keyFileOf } = await import('../wallet/store.js')
  let pub: Awaited<ReturnType<typeof readPublicKey>> | undefined
  const io: TxIO = {
    ...reportOutput(cmd),
    interruptNote: setInterruptNote,
    async signer() {
      pub = await readPublicKey(w, role)
      return { ss58: pub.ss58, label: roleLabel(w, role) }
    },
    connect: () =>
      flags.offline === undefined
        ? connectChain(flags, { trustNodeMetadata: flags['trust-node-metadata'] ?? false })
        : offlineChainFrom(flags.offline, pub!.ss58),
    confirm: (question) => askConfirm(cmd.prompts, question, 'pass -y / --no-prompt to submit without asking', false),
    confirmTyped: async (prompt, answer) =>
      (await askText(cmd.prompts, prompt, 'pass -y / --no-prompt to submit without asking')).trim() === answer,
    async unlock() {
      // Refuses (KEY_MISMATCH) when the unlocked key is not the signer named from its public file.
      const keypair = await unlockKey(
        w,
        role,
        () =>
          unlockPassword({ passwordFile: flags['password-file'], policy: cmd.prompts, keyFile: keyFileOf(w, role) }, roleLabel(w, role)),
        { pub },
      )
      const { signerOf } = await import('../node/keypair-signer.js')
      return signerOf(keypair)
    },
  }
  return executeTx(
    io,
    { options, wallet, force: flags.force ?? false, noPrompt: cmd.prompts.noPrompt, offline: flags.offline !== undefined, acting, network },
    plan,
  )
}

/** Metadata is a few MB at most; a larger file is not a context. */
const MAX_CONTEXT_BYTES = 64 * 1024 * 1024

/** The chain an offline signer sees: what the context file holds, for the key it was written for. */
async function offlineChainFrom(file: string, signer: string): Promise<Chain> {
  const { readFile, stat } = await import('node:fs/promises')
  const unreadable = (e: unknown) => badInput(`cannot read the offline context ${file}: ${causeWords(e)}`, 'UNREADABLE_FILE')
  const size = await stat(file).then(
    (s) => s.size,
    (e: unknown) => {
      throw unreadable(e)
    },
  )
  if (size > MAX_CONTEXT_BYTES) throw badInput(`${file} is ${size} bytes: too large for an offline context`, 'BAD_OFFLINE_CONTEXT')
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    throw unreadable(e)
  })
  const { offlineChain, parseOfflineContext } = await import('../node/offline.js')
  const loaded = parseOfflineContext(text, file)
  if (loaded.context.signer !== signer)
    throw badInput(
      `the offline context ${file} was written for ${loaded.context.signer}, not for this signer (${signer}): write one with \`tao tx offline-context --signer ${signer}\``,
      'OFFLINE_SIGNER',
    )
  progress(
    `signing offline from ${file} (${loaded.context.network}, spec ${loaded.context.specVersion}, block #${loaded.context.block.number})`,
  )
  return offlineChain(loaded, file)
}

/** --proxy (an SS58 or a name from the proxy address book) or --multisig-…, checked before connecting. */
async function actingFromFlags(flags: SigningFlagValues, signerKind: SignerKind): Promise<Acting | undefined> {
  const proxy = flags.proxy?.trim()
  const signatories = flags['multisig-signatories']
  if (proxy === undefined && signatories === undefined) return undefined
  if (signerKind !== 'coldkey')
    throw badInput('--proxy and --multisig-… sign with the coldkey; this command is signed by the hotkey', 'BAD_PROXY')
  const { acting } = await import('../subtensor/acting.js')
  if (proxy !== undefined) {
    const { decodeAddress } = await import('../core/ss58.js')
    let real = proxy
    if (!decodeAddress(proxy).ok) {
      const book = proxyBook()
      const entry = book[proxy]
      if (!entry)
        throw badInput(
          `--proxy "${proxy}" is neither an address nor a name in the proxy address book (${Object.keys(book).join(', ') || 'empty: tao config proxy add NAME SS58'})`,
          'BAD_PROXY',
        )
      real = entry.ss58
    }
    return acting({ kind: 'proxy', real: await parseSs58(real, '--proxy'), announceOnly: flags['announce-only'] ?? false })
  }
  const list = signatories!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  return acting({ kind: 'multisig', signatories: list, threshold: flags['multisig-threshold'] ?? 0 })
}

/** The signing path's IO when a development key (--uri) signs: no wallet file is read, no password asked. */
async function devKeyIO(cmd: TxCommand, flags: SigningFlagValues, uri: string): Promise<TxIO> {
  const { keypairFromUri } = await import('../keystore/keys.js')
  const keypair = keypairFromUri(uri)
  return {
    ...reportOutput(cmd),
    interruptNote: setInterruptNote,
    signer: async () => ({ ss58: keypair.ss58, label: `development key ${uri}` }),
    connect: () => connectChain(flags),
    confirm: (question) => askConfirm(cmd.prompts, question, 'pass -y / --no-prompt to submit without asking', false),
    confirmTyped: async (prompt, answer) =>
      (await askText(cmd.prompts, prompt, 'pass -y / --no-prompt to submit without asking')).trim() === answer,
    async unlock() {
      const { signerOf } = await import('../node/keypair-signer.js')
      return signerOf(keypair)
    },
  }
}

/** The signing path as the domain's orchestration takes it (weights commit and reveal). */
export const txRunner =
  (cmd: TxCommand, flags: SigningFlagValues): TxRunner =>
  (signerKind, plan) =>
    runTx(cmd, flags, signerKind, plan)
