// A namespace import: the build loads chalk on first paint, not at every start (LAZY_NAMESPACES in scripts/build.mjs).
import * as chalk from 'chalk'
import type { ChalkInstance } from 'chalk'

/** Human output goes to stderr: stdout is for data (--json or the command's plain result). */
const stderrIsTty = (): boolean => Boolean(process.stderr.isTTY)

/** Colour only on a TTY and never with NO_COLOR. */
export function colorEnabled(stream: NodeJS.WriteStream = process.stderr): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY)
}

// Without colour the text stays as it is (what chalk at level 0 returns), and chalk never loads.
let cached: { chalk?: ChalkInstance } | undefined
const painter = (): ChalkInstance | undefined => (cached ??= { chalk: colorEnabled() ? new chalk.Chalk({ level: 1 }) : undefined }).chalk

export const paint = {
  bold: (s: string) => painter()?.bold(s) ?? s,
  dim: (s: string) => painter()?.dim(s) ?? s,
  red: (s: string) => painter()?.red(s) ?? s,
  green: (s: string) => painter()?.green(s) ?? s,
  yellow: (s: string) => painter()?.yellow(s) ?? s,
  cyan: (s: string) => painter()?.cyan(s) ?? s,
}

export function info(message: string): void {
  process.stderr.write(message + '\n')
}

export function warn(message: string): void {
  process.stderr.write(paint.yellow('Warning: ') + message + '\n')
}

/** A one-line progress note, shown only to a person watching a terminal. */
export function progress(message: string): void {
  if (stderrIsTty()) process.stderr.write(paint.dim(message) + '\n')
}

/** Plain aligned columns; `rows[0]` is the header. */
export function table(rows: string[][]): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))))
  return rows
    .map((row, r) => {
      const line = row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - visibleLength(cell)))).join('  ')
      return r === 0 ? paint.bold(line) : line
    })
    .join('\n')
}

const ANSI = /\u001b\[[0-9;]*m/g
const visibleLength = (s: string): number => s.replace(ANSI, '').length
