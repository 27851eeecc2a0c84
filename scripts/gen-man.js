#!/usr/bin/env node
// Writes one man page per command into man/ from oclif.manifest.json, so the pages say
// exactly what `tao <command> --help` says, and lists them in package.json's `man` field, so that
// `npm install -g` makes `man tao-<command>` work. Run by `npm run build`; a test checks both are current.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const outDir = process.argv[2] ?? join(root, 'man')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))
const bin = pkg.oclif.bin

const esc = (s) =>
  String(s ?? '')
    .replace(/\\/g, '\\e')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/-/g, '\\-')
const render = (s) => String(s ?? '').replace(/<%= config.bin %>/g, bin)
// A command's one-line summary; commands with only a description (oclif's own) use its first line.
const summaryOf = (cmd) => render(cmd.summary ?? (cmd.description ?? '').split('\n')[0])

function flagLine(name, f) {
  const short = f.char ? `\\-${f.char}, ` : ''
  const value = f.type === 'option' ? ` \\fI${esc(f.helpValue ?? name.toUpperCase())}\\fR` : ''
  return `.TP\n\\fB${short}\\-\\-${esc(name)}\\fR${value}\n${esc(render(f.summary ?? f.description ?? ''))}${
    f.options ? `\n(one of: ${esc(f.options.join(', '))})` : ''
  }\n`
}

function page(id, cmd) {
  const words = id.split(':')
  const title = [bin, ...words].join('-')
  const usageArgs = Object.entries(cmd.args ?? {})
    .map(([n, a]) => (a.required ? n.toUpperCase() : `[${n.toUpperCase()}]`))
    .join(' ')
  let out = `.TH ${title.toUpperCase()} 1 "" "${bin} ${pkg.version}" "taocli manual"\n`
  out += `.SH NAME\n${esc(title)} \\- ${esc(summaryOf(cmd))}\n`
  out += `.SH SYNOPSIS\n\\fB${esc([bin, ...words].join(' '))}\\fR ${esc(usageArgs)} [\\fIFLAGS\\fR]\n`
  if (cmd.description) out += `.SH DESCRIPTION\n${esc(render(cmd.description))}\n`
  const args = Object.entries(cmd.args ?? {})
  if (args.length) {
    out += '.SH ARGUMENTS\n'
    for (const [n, a] of args) out += `.TP\n\\fB${esc(n.toUpperCase())}\\fR\n${esc(render(a.description ?? ''))}\n`
  }
  const flags = Object.entries(cmd.flags ?? {}).filter(([, f]) => !f.hidden)
  if (flags.length) {
    out += '.SH OPTIONS\n'
    for (const [n, f] of flags.sort(([a], [b]) => a.localeCompare(b))) out += flagLine(n, f)
  }
  const examples = (cmd.examples ?? []).map((e) => (typeof e === 'string' ? e : `${e.description}\n${e.command}`))
  if (examples.length) out += `.SH EXAMPLES\n${examples.map((e) => `.nf\n${esc(render(e))}\n.fi\n`).join('.PP\n')}`
  out +=
    '.SH EXIT STATUS\n0 success; 1 the operation failed; 2 bad usage or input; 3 the node cannot be reached; 4 wrong password or locked key.\n'
  out += `.SH SEE ALSO\n\\fB${bin}\\fR(1)\n`
  return [title, out]
}

/** README.md, "Exit codes": what scripts rely on. */
const EXIT_CODES = [
  [0, 'success'],
  [1, 'the operation failed (a rejected transaction, an invalid signature)'],
  [2, 'bad usage or bad input'],
  [3, "the node cannot be reached, or did not answer within the command's deadline"],
  [4, 'wrong password or locked key'],
  [5, 'a transaction was sent and it cannot be told whether it landed: it may or may not have'],
  [130, 'interrupted (Ctrl-C)'],
]

mkdirSync(outDir, { recursive: true })
for (const f of readdirSync(outDir)) if (f.endsWith('.1')) rmSync(join(outDir, f))
const ids = Object.keys(manifest.commands)
  .filter((id) => !manifest.commands[id].hidden)
  .sort()
for (const id of ids) {
  const [title, text] = page(id, manifest.commands[id])
  writeFileSync(join(outDir, `${title}.1`), text)
}
const index =
  `.TH ${bin.toUpperCase()} 1 "" "${bin} ${pkg.version}" "taocli manual"\n.SH NAME\n${bin} \\- ${esc(pkg.description)}\n` +
  `.SH COMMANDS\n${ids.map((id) => `.TP\n\\fB${esc([bin, ...id.split(':')].join(' '))}\\fR\n${esc(summaryOf(manifest.commands[id]))}\n`).join('')}` +
  `.SH ENVIRONMENT\n.TP\n\\fBTAO_NETWORK\\fR, \\fBBT_WALLET_PATH\\fR, \\fBBT_WALLET_NAME\\fR, \\fBBT_WALLET_HOTKEY\\fR, \\fBTAO_INSECURE\\fR\nDefaults between flags and stored config.\n.TP\n\\fBTAO_PASSWORD\\fR\nPassword for non-interactive use.\n.TP\n\\fBTAO_DEADLINE\\fR\nThe whole command's deadline in seconds (default 600; 0 = none), as \\fB\\-\\-deadline\\fR.\n.TP\n\\fBTAO_CONNECT_TIMEOUT\\fR\nThe connect deadline in milliseconds (default 10000).\n.TP\n\\fBNO_COLOR\\fR\nDisable colour.\n` +
  `.SH EXIT STATUS\n${EXIT_CODES.map(([code, words]) => `.TP\n\\fB${code}\\fR\n${esc(words)}\n`).join('')}`
writeFileSync(join(outDir, `${bin}.1`), index)

// npm installs the man pages package.json lists (it takes no folder or pattern): keep the list in step.
if (outDir === join(root, 'man')) {
  const man = [`./man/${bin}.1`, ...ids.map((id) => `./man/${[bin, ...id.split(':')].join('-')}.1`)].sort()
  if (JSON.stringify(pkg.man) !== JSON.stringify(man)) {
    const entries = Object.entries(pkg).filter(([k]) => k !== 'man')
    const at = entries.findIndex(([k]) => k === 'bin') + 1
    entries.splice(at, 0, ['man', man])
    writeFileSync(join(root, 'package.json'), JSON.stringify(Object.fromEntries(entries), null, 2) + '\n')
  }
}
