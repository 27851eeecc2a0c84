import { Flags } from '@oclif/core'
import { badInput } from '../../core/errors.js'
import { NETUID_MAX } from '../../core/netuid.js'
import { parseInteger, parseList } from '../parse.js'
import type { HotkeyTarget } from '../../wallet/selection.js'

/**
 * Many positions in one transaction (`tao stake add|remove`): which subnets and which hotkeys. Given any of
 * these, the command sends one Utility.batch_all of a leg per (hotkey, subnet) pair.
 */
export const batchFlags = {
  netuids: Flags.string({
    description: 'Several subnets, comma-separated (1,4,9): one leg per subnet (and hotkey), all in one transaction.',
    exclusive: ['netuid', 'all-netuids'],
    helpGroup: 'MANY POSITIONS',
  }),
  'all-netuids': Flags.boolean({
    description:
      'Every subnet: for add, every subnet where the hotkey is registered (root aside); for remove, every subnet where the coldkey has stake through it.',
    exclusive: ['netuid', 'netuids'],
    helpGroup: 'MANY POSITIONS',
  }),
  hotkeys: Flags.string({
    description: 'Several hotkeys, comma-separated: names of hotkeys of this wallet or SS58 addresses.',
    exclusive: ['hotkey-ss58', 'all-hotkeys'],
    helpGroup: 'MANY POSITIONS',
  }),
  'all-hotkeys': Flags.boolean({
    description: 'Every hotkey of the wallet (the files of its hotkeys folder).',
    exclusive: ['hotkey-ss58', 'hotkeys'],
    helpGroup: 'MANY POSITIONS',
  }),
}

export interface BatchFlagValues {
  netuids?: string
  'all-netuids'?: boolean
  hotkeys?: string
  'all-hotkeys'?: boolean
}

/** Whether the command runs as a batch (any of the flags above). */
export const isBatch = (flags: BatchFlagValues): boolean =>
  flags.netuids !== undefined || flags['all-netuids'] === true || flags.hotkeys !== undefined || flags['all-hotkeys'] === true

/** --netuids as numbers (each 0…65535, no repeats), 'all' for --all-netuids, undefined when neither was given. */
export function netuidsOf(flags: BatchFlagValues): number[] | 'all' | undefined {
  if (flags['all-netuids']) return 'all'
  if (flags.netuids === undefined) return undefined
  const list = parseList(flags.netuids, '--netuids').map((p) => parseInteger(p, '--netuids', { min: 0, max: NETUID_MAX }))
  const repeated = list.find((n, i) => list.indexOf(n) !== i)
  if (repeated !== undefined) throw badInput(`--netuids names subnet ${repeated} twice`, 'BAD_INPUT')
  return list
}

/** --hotkeys as its entries (names or addresses, resolved by the command), undefined when not given. */
export function hotkeyListOf(flags: BatchFlagValues): string[] | undefined {
  if (flags.hotkeys === undefined) return undefined
  const list = parseList(flags.hotkeys, '--hotkeys')
  const repeated = list.find((h, i) => list.indexOf(h) !== i)
  if (repeated !== undefined) throw badInput(`--hotkeys names ${repeated} twice`, 'BAD_INPUT')
  return list
}

/** The hotkeys and subnets of a batch, resolved before connecting: a missing hotkey or a bad netuid exits 2 here. */
export async function batchTargets(
  flags: BatchFlagValues & { netuid?: number; 'hotkey-ss58'?: string; hotkey?: string; 'wallet-path'?: string; 'wallet-name'?: string },
): Promise<{ hotkeys: HotkeyTarget[]; netuids: number[] | 'all' }> {
  const netuids = netuidsOf(flags) ?? (flags.netuid === undefined ? undefined : [flags.netuid])
  if (netuids === undefined) throw badInput('give --netuid, --netuids or --all-netuids', 'MISSING_NETUID')
  const { allWalletHotkeys, hotkeyByAddressOrName, targetHotkey } = await import('../../wallet/selection.js')
  const names = hotkeyListOf(flags)
  const hotkeys = flags['all-hotkeys']
    ? await allWalletHotkeys(flags)
    : names
      ? await Promise.all(names.map((n) => hotkeyByAddressOrName(flags, n, '--hotkeys')))
      : [await targetHotkey(flags)]
  const twice = hotkeys.find((h, i) => hotkeys.findIndex((o) => o.ss58 === h.ss58) !== i)
  if (twice) throw badInput(`--hotkeys names ${twice.ss58} twice`, 'BAD_INPUT')
  return { hotkeys, netuids }
}
