import { setInterruptNote } from '../core/interrupt.js'
import { executeTx, type TxIO } from '../tx/execute.js'
import type { Plan, SignerKind, TxRunner } from '../tx/intent.js'
import type { ReportOutput } from '../tx/report.js'
import { resolveWallet } from '../wallet/selection.js'
import { connectChain } from './connect.js'
import { devUri, sendOptions, type SigningFlagValues } from './flags/tx.js'
import { unlockPassword } from './password.js'
import { askConfirm, askText, type PromptPolicy } from './prompt.js'

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
export async function runTx(cmd: TxCommand, flags: SigningFlagValues, signerKind: SignerKind, plan: Plan): Promise<Record<string, unknown>> {
  const options = sendOptions(flags)
  const wallet = resolveWallet(flags)
  const uri = await devUri(flags)
  if (uri !== undefined) return executeTx(await devKeyIO(cmd, flags, uri), { options, wallet, force: flags.force ?? false, noPrompt: cmd.prompts.noPrompt }, plan)
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
    connect: () => connectChain(flags.network),
    confirm: (question) => askConfirm(cmd.prompts, question, 'pass -y / --no-prompt to submit without asking', false),
    confirmTyped: async (prompt, answer) => (await askText(cmd.prompts, prompt, 'pass -y / --no-prompt to submit without asking')).trim() === answer,
    async unlock() {
      // Refuses (KEY_MISMATCH) when the unlocked key is not the signer named from its public file.
      const keypair = await unlockKey(w, role, () => unlockPassword({ passwordFile: flags['password-file'], policy: cmd.prompts, keyFile: keyFileOf(w, role) }, roleLabel(w, role)), { pub })
      const { signerOf } = await import('../node/keypair-signer.js')
      return signerOf(keypair)
    },
  }
  return executeTx(io, { options, wallet, force: flags.force ?? false, noPrompt: cmd.prompts.noPrompt }, plan)
}

/** The signing path's IO when a development key (--uri) signs: no wallet file is read, no password asked. */
async function devKeyIO(cmd: TxCommand, flags: SigningFlagValues, uri: string): Promise<TxIO> {
  const { keypairFromUri } = await import('../keystore/keys.js')
  const keypair = keypairFromUri(uri)
  return {
    ...reportOutput(cmd),
    interruptNote: setInterruptNote,
    signer: async () => ({ ss58: keypair.ss58, label: `development key ${uri}` }),
    connect: () => connectChain(flags.network),
    confirm: (question) => askConfirm(cmd.prompts, question, 'pass -y / --no-prompt to submit without asking', false),
    confirmTyped: async (prompt, answer) => (await askText(cmd.prompts, prompt, 'pass -y / --no-prompt to submit without asking')).trim() === answer,
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
