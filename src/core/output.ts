// A namespace import: the build loads chalk on first paint, not at every start (LAZY_NAMESPACES in scripts/build.mjs).
import * as chalk from 'chalk'
import type { ChalkInstance } from 'chalk'

/** Human output goes to stderr: stdout is for data (--json or the command's plain result). */
const stderrIsTty = (): boolean => Boolean(process.stderr.isTTY)

/**
 * Whether text for `stream` gets colour and bold/dim codes: the one rule of every command and of `tao watch`.
 * - NO_COLOR (set and not empty) turns them off, whatever else is set;
 * - FORCE_COLOR turns them on (any value: '', 1, true, a level), except FORCE_COLOR=0, which turns them off;
 * - otherwise only on a terminal, and not on TERM=dumb (a terminal that would print the codes as text).
 */
export function colorEnabled(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0'
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
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
      const line = row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell))))
        .join('  ')
      return r === 0 ? paint.bold(line) : line
    })
    .join('\n')
}

const ANSI = /\u001b\[[0-9;]*m/g
const visibleLength = (s: string): number => s.replace(ANSI, '').length
