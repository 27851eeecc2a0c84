/**
 * Global flags before the command: `tao --network local wallet balance` means `tao wallet balance --network
 * local`. oclif reads the first word as the command, so the flags a person puts first are moved behind the
 * command's words. Pure (no oclif, no file reads): bin/run.js calls it on process.argv before anything loads.
 */

export interface GlobalFlagSpec {
  /** Flags followed by a value (`--network local`, `-n local`; `--network=local` and `-nlocal` are one token). */
  withValue: readonly string[]
  /** Flags on their own. */
  boolean: readonly string[]
}

/**
 * The flags every command (or every command of a kind: wallet, network, password) takes, with their aliases
 * and short forms as declared in src/cli/flags.ts and src/cli/base-command.ts (a unit test keeps them equal).
 */
export const GLOBAL_FLAGS: GlobalFlagSpec = {
  withValue: [
    '--network',
    '-n',
    '--subtensor.network',
    '--subtensor.chain_endpoint',
    '--chain',
    '--wallet-path',
    '--wallet.path',
    '--wallet_path',
    '--path',
    '--wallet-name',
    '-w',
    '--wallet.name',
    '--wallet_name',
    '--name',
    '--hotkey',
    '-H',
    '--wallet.hotkey',
    '--wallet_hotkey',
    '--wallet-hotkey',
    '--password-file',
    '--deadline',
  ],
  boolean: ['--json', '--no-prompt', '-y', '--yes', '--verbose', '--help', '--insecure'],
}

/**
 * Move the global flags that come before the command to just after the command's words (and its positional
 * arguments, which are words too). Anything else first (an unknown flag, `--version`, `--` or a value flag
 * without its value) leaves argv as it is, for oclif to report.
 */
export function hoistGlobalFlags(argv: readonly string[], spec: GlobalFlagSpec = GLOBAL_FLAGS): string[] {
  const leading: string[] = []
  let i = 0
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const token = argv[i]!
    const kind = flagKind(token, spec)
    if (kind === undefined) return [...argv]
    if (kind === 'takes-value') {
      if (i + 1 >= argv.length) return [...argv]
      leading.push(token, argv[i + 1]!)
      i += 2
    } else {
      leading.push(token)
      i += 1
    }
  }
  if (leading.length === 0) return [...argv]
  let end = i
  while (end < argv.length && !argv[end]!.startsWith('-')) end++
  if (end === i) return [...argv] // flags and no command: oclif's own message
  return [...argv.slice(i, end), ...leading, ...argv.slice(end)]
}

function flagKind(token: string, spec: GlobalFlagSpec): 'takes-value' | 'complete' | undefined {
  if (token === '-' || token === '--') return undefined
  if (spec.boolean.includes(token)) return 'complete'
  if (spec.withValue.includes(token)) return 'takes-value'
  const eq = token.indexOf('=')
  if (eq > 0 && spec.withValue.includes(token.slice(0, eq))) return 'complete'
  // `-nlocal`: a short value flag with its value attached.
  if (/^-[^-]/.test(token) && token.length > 2 && spec.withValue.includes(token.slice(0, 2))) return 'complete'
  return undefined
}
