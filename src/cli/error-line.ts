/**
 * One line for a person from an error message that may span several lines: oclif's parser writes its reasons
 * under a header (`The following error occurred:` / `Parsing --era` / `Missing 1 required arg:`) and ends with
 * `See more help with --help`; keeping only the first line would keep only the header.
 */

const ANSI = /\u001b\[[0-9;]*m/g

export function errorLine(message: string): string {
  const lines = message
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^See more help with/.test(l))
  const [head, ...rest] = lines
  if (head === undefined) return 'unknown error'

  // `Parsing --era` + the flag parser's reason ("Expected an integer … but received: abc").
  const parsing = /^Parsing (--[^\s]+)$/.exec(head)
  if (parsing) {
    const reason = rest.map(tidyReason).join('; ')
    // tao's own flag parsers (src/cli/parse.ts) name the flag themselves.
    if (reason.startsWith(`${parsing[1]} `) || reason.startsWith(`${parsing[1]}:`)) return reason
    return `${parsing[1]}: ${reason || 'invalid value'}`
  }

  // Flag validation and constraints: every reason, on one line.
  if (/^The following errors? occurred:$/.test(head)) return rest.map(tidyReason).join('; ') || 'bad usage'

  // `Missing 2 required args:` followed by `name  description` rows (and a note about multiple flags).
  const missingArgs = /^Missing \d+ required args?:?$/.exec(head)
  if (missingArgs) {
    const names = rest.filter((l) => !/^(Note:|Alternatively,)/.test(l)).map((l) => l.split(/\s{2,}/)[0]!.toUpperCase())
    return names.length ? `missing required argument${names.length > 1 ? 's' : ''}: ${names.join(', ')}` : head
  }
  return tidyReason(head)
}

/** oclif's reasons, in the words the rest of tao uses. */
function tidyReason(reason: string): string {
  return reason
    .replace(/^Error: /, '')
    .replace(/^Missing required flag (\S+)$/, (_, name: string) => `missing required flag ${name.startsWith('-') ? name : `--${name}`}`)
    .replace(/^Expected an integer but received: (.*)$/, 'expected a whole number, not "$1"')
    .replace(/^Expected an integer greater than or equal to (\S+) but received: (.*)$/, 'must be at least $1, not $2')
    .replace(/^Expected an integer less than or equal to (\S+) but received: (.*)$/, 'must be at most $1, not $2')
}
