import { Flags } from '@oclif/core'
import { badInput } from '../../core/errors.js'
import { MAX_ERA } from '../../node/era.js'
import type { SendOptions } from '../../node/index.js'
import { readSecretFile } from '../password.js'
import { parseAmount } from '../parse.js'
import { networkFlags } from './network.js'
import { passwordFlags } from './password.js'
import { walletFlags } from './wallet.js'
import { integerFlag } from './integer.js'

/** Flags of every command that signs and submits a transaction. */
export const txFlags = {
  era: integerFlag({
    description: `Mortal era length in blocks, ${MAX_ERA} at most and no more than the runtime's System.BlockHashCount (0 = immortal).`,
    default: 64,
    min: 0,
    max: MAX_ERA,
    helpGroup: 'TRANSACTION',
  }),
  nonce: integerFlag({
    description: "Account nonce to use instead of the node's next one.",
    min: 0,
    max: 4294967295,
    helpGroup: 'TRANSACTION',
  }),
  force: Flags.boolean({
    description: "Sign with a --nonce ahead of the account's next one (the transaction waits in the pool until the gap is filled).",
    helpGroup: 'TRANSACTION',
  }),
  tip: Flags.string({ description: 'Tip in TAO for the block author.', helpGroup: 'TRANSACTION' }),
  'wait-for': Flags.string({
    description: 'Wait until the transaction is in a block, finalized, or only sent.',
    options: ['inclusion', 'finalization', 'none'],
    default: 'inclusion',
    helpGroup: 'TRANSACTION',
  }),
  'dry-run': Flags.boolean({
    description: 'Sign and print the extrinsic hex (alone on stdout) and fee; submit nothing (submit later with `tao tx submit`).',
    helpGroup: 'TRANSACTION',
  }),
  offline: Flags.string({
    description:
      'Sign without any node, from a context file written by `tao tx offline-context` on a connected machine (air-gapped coldkey); implies --dry-run, the fee stays unknown.',
    helpValue: 'FILE',
    helpGroup: 'TRANSACTION',
  }),
  'trust-node-metadata': Flags.boolean({
    description:
      "Sign even when nothing can verify the node's metadata (a runtime that cannot check it, unknown to tao, and no Chopsticks to derive it): the node alone then decides what the signed bytes mean.",
    helpGroup: 'TRANSACTION',
  }),
}

/** Flags that sign for another account: as its proxy, or as one signer of a multisig. */
export const actingFlags = {
  proxy: Flags.string({
    description:
      'Sign as a proxy of this account (SS58, or a name from `tao config proxy`): the coldkey signs Proxy.proxy and the call runs as that account.',
    helpGroup: 'ACT FOR ANOTHER ACCOUNT',
    exclusive: ['multisig-signatories'],
  }),
  'announce-only': Flags.boolean({
    description:
      'With --proxy of a proxy with a delay: only announce the call (Proxy.announce); run the same command again after the delay.',
    helpGroup: 'ACT FOR ANOTHER ACCOUNT',
    dependsOn: ['proxy'],
  }),
  'multisig-signatories': Flags.string({
    description:
      'Approve the call for the multisig of these addresses (comma-separated SS58, the signer among them): each signer runs the same command; the approval reaching the threshold executes it.',
    helpGroup: 'ACT FOR ANOTHER ACCOUNT',
    dependsOn: ['multisig-threshold'],
  }),
  'multisig-threshold': integerFlag({
    description: 'Approvals the multisig needs (with --multisig-signatories).',
    min: 1,
    max: 65535,
    helpGroup: 'ACT FOR ANOTHER ACCOUNT',
    dependsOn: ['multisig-signatories'],
  }),
}

/** Sign with a development key instead of the wallet's (local chains). */
export const uriFlag = {
  uri: Flags.string({
    description:
      'Sign with a development key, a derivation of the public dev phrase (//Alice, //Bob//stash), instead of the wallet key. ' +
      'Local chains only: refused on finney, test and archive. Secret phrases are never taken here (argv is not secret).',
    helpGroup: 'WALLET',
  }),
}

/** Everything a signing command needs besides its own flags: wallet, network, password, transaction and acting flags, a dev key. */
export const signingFlags = { ...walletFlags, ...networkFlags, ...passwordFlags, ...txFlags, ...actingFlags, ...uriFlag }

/** The live networks a --uri dev key must never sign for (by name or by their endpoints). */
const LIVE = ['finney', 'test', 'archive']

/**
 * A --uri checked before connecting: only `//…` derivations of the dev phrase (a real secret must not travel in
 * argv), and never for a live network. Returns the URI, or undefined when none was given.
 */
export async function devUri(flags: { uri?: string; network?: string }): Promise<string | undefined> {
  const uri = flags.uri?.trim()
  if (uri === undefined) return undefined
  if (!/^\/\/[^/]/.test(uri) || uri.includes('///'))
    throw badInput('--uri takes a development key, //Name[//more] (e.g. //Alice); use a wallet for any other key', 'BAD_URI')
  const { resolveSetting } = await import('../../config/settings.js')
  const network = resolveSetting('network', flags.network).value.trim()
  const { NETWORKS } = await import('../../node/networks.js')
  const live = LIVE.find(
    (n) =>
      network === n ||
      network.replace(/\/+$/, '') === NETWORKS[n as keyof typeof NETWORKS].replace(/:443$/, '') ||
      network === NETWORKS[n as keyof typeof NETWORKS],
  )
  if (live)
    throw badInput(`--uri signs with a public development key; refused on the live network ${live} (use a wallet)`, 'URI_ON_LIVE_NETWORK')
  return uri
}

/** An extrinsic given as an argument or read from `--file` ("-" for stdin), checked to be 0x hex. */
export async function extrinsicHexInput(arg: string | undefined, file: string | undefined, what: string): Promise<string> {
  const hex = (arg ?? (file !== undefined ? await readSecretFile(file, 'extrinsic') : '')).trim()
  if (!/^0x([0-9a-fA-F]{2})+$/.test(hex)) throw badInput(`give the ${what} as 0x-prefixed hex (argument or --file)`, 'BAD_HEX')
  return hex
}

export interface TxFlagValues {
  era: number
  nonce?: number
  force?: boolean
  tip?: string
  'wait-for': string
  'dry-run': boolean
  offline?: string
  'trust-node-metadata'?: boolean
}

export interface SigningFlagValues extends TxFlagValues {
  network?: string
  'wallet-path'?: string
  'wallet-name'?: string
  hotkey?: string
  'password-file'?: string
  proxy?: string
  'announce-only'?: boolean
  'multisig-signatories'?: string
  'multisig-threshold'?: number
  uri?: string
}

export function sendOptions(flags: TxFlagValues): SendOptions {
  return {
    era: flags.era === 0 ? 'immortal' : flags.era,
    nonce: flags.nonce,
    tip: flags.tip === undefined ? undefined : parseAmount(flags.tip, '--tip', { allowZero: true }),
    waitFor: flags['wait-for'] as SendOptions['waitFor'],
    // Offline there is nothing to submit to: the signed hex is the result.
    dryRun: flags['dry-run'] || flags.offline !== undefined,
  }
}
