import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Run a known command straight from dist/command-index.json (written at build time from oclif's manifest),
 * without oclif's Config.load, its plugin and manifest bookkeeping at every start (the largest part of
 * a command's start-up, bench/RESULTS.md). The command is oclif's own class, run as oclif runs it (`_run`: parse, run, catch,
 * --json); only the configuration it is given is a small stand-in. Help, `--help`, completion and anything not
 * in the index (unknown commands, topics) return false: the caller hands them to oclif.
 */

interface IndexEntry {
  id: string
  file: string
}

interface CommandIndex {
  commands: Record<string, IndexEntry>
}

/** oclif's commands themselves (help, autocomplete) keep oclif's full configuration. */
const OCLIF_OWN = /^(help|autocomplete)(:|$)/

interface Runnable {
  id?: string
  argv: string[]
  _run(): Promise<unknown>
}
type RunnableClass = { id?: string; new (argv: string[], config: unknown): Runnable }

/** The words before the first flag that name a command in the index, longest first. */
export function findCommand(
  args: readonly string[],
  commands: Record<string, IndexEntry>,
): { entry: IndexEntry; rest: string[] } | undefined {
  const words: string[] = []
  for (const a of args) {
    if (a.startsWith('-')) break
    words.push(a)
  }
  for (let n = words.length; n > 0; n--) {
    const entry = commands[words.slice(0, n).join(':')]
    if (entry) return { entry, rest: args.slice(n) }
  }
  return undefined
}

/** Flags oclif answers itself before running any command (help in any position before `--`). */
function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false
    if (a === '--help' || a === '-h') return true
  }
  return false
}

/** What a command reads of its configuration: names, the package root, and hooks (tao has none that run here). */
function standInConfig(root: string, pjson: { name: string; version: string; oclif: { bin: string } }) {
  const bin = pjson.oclif.bin
  const envPrefix = bin.toUpperCase().replace(/-/g, '_')
  return {
    _base: `${pjson.name}@${pjson.version}`,
    root,
    pjson,
    name: pjson.name,
    version: pjson.version,
    bin,
    // ':' so that oclif does not re-derive the command id from argv (it is known here).
    topicSeparator: ':',
    userAgent: `${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}`,
    platform: process.platform,
    windows: process.platform === 'win32',
    scopedEnvVarKey: (key: string) => `${envPrefix}_${key}`,
    scopedEnvVarKeys: (key: string) => [`${envPrefix}_${key}`],
    scopedEnvVar: (key: string) => process.env[`${envPrefix}_${key}`],
    scopedEnvVarTrue: (key: string) => ['1', 'true'].includes(process.env[`${envPrefix}_${key}`] ?? ''),
    runHook: async () => ({ successes: [], failures: [] }),
  }
}

export async function runDirect(
  args: string[],
  root: string,
  pjson: { name: string; version: string; oclif: { bin: string } },
): Promise<boolean> {
  if (asksForHelp(args)) return false
  let index: CommandIndex
  try {
    index = JSON.parse(readFileSync(join(root, 'dist', 'command-index.json'), 'utf8')) as CommandIndex
  } catch {
    return false
  }
  const found = findCommand(args, index.commands)
  if (!found || OCLIF_OWN.test(found.entry.id)) return false
  const mod = (await import(pathToFileURL(join(root, found.entry.file)).href)) as { default: RunnableClass }
  const Command = mod.default
  Command.id = found.entry.id
  const command = new Command(found.rest, standInConfig(root, pjson))
  command.id = found.entry.id
  try {
    await command._run()
  } catch (err) {
    // A command leaves through oclif's exit (an ExitError carrying the code); anything else is a bug to show.
    const exit = (err as { oclif?: { exit?: number } })?.oclif?.exit
    if (typeof exit !== 'number') throw err
    process.exitCode = exit
  }
  return true
}
