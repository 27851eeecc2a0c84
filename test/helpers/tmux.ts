/**
 * A real terminal for tests of interactive commands: a private tmux server (its own socket, so nothing
 * touches anyone else's tmux), one window of a chosen size running a shell script, and what a person
 * sees in it (`capture-pane`), keys sent to it and resizes.
 *
 *     const term = await openTerminal({ columns: 120, rows: 40, script: 'node bin/run.js watch …' })
 *     await term.waitFor((screen) => screen.includes('block #'))
 *     await term.keys('q')
 *     await term.close()
 *
 * tmux comes from Debian (`apt-get install -y tmux`; scripts/test.sh installs it).
 */
import { execFile } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Terminal {
  /** The visible screen, one string per row (trailing spaces trimmed). */
  screen(): Promise<string[]>
  /** Wait until the screen passes `check` (polled), or fail with the last screen. */
  waitFor(check: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>
  /** Keys as tmux names them: 'q', 'Enter', 'Tab', 'Down', 'C-c', 'PageDown', literal text with `literal`. */
  keys(...keys: string[]): Promise<void>
  text(literal: string): Promise<void>
  resize(columns: number, rows: number): Promise<void>
  /** A tmux format of the pane, e.g. '#{alternate_on}' (1 in the alternate screen), '#{cursor_flag}'. */
  pane(format: string): Promise<string>
  close(): Promise<void>
}

export interface TerminalOptions {
  columns: number
  rows: number
  /** The shell script the window runs (sh). */
  script: string
  /** Where the script file goes. */
  dir: string
  env?: Record<string, string>
}

export async function openTerminal(opts: TerminalOptions): Promise<Terminal> {
  const socket = `tao-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  const file = path.join(opts.dir, `${socket}.sh`)
  const exports = Object.entries(opts.env ?? {})
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n')
  writeFileSync(file, `#!/bin/sh\n${exports}\n${opts.script}\n`)
  chmodSync(file, 0o700)
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }).then((r) => r.stdout)
  // A size the window keeps whatever clients attach (none do): the test decides the size.
  await tmux('new-session', '-d', '-s', 'tao', '-x', String(opts.columns), '-y', String(opts.rows), file)
  await tmux('set-option', '-t', 'tao', 'window-size', 'manual')
  await tmux('set-option', '-t', 'tao', 'remain-on-exit', 'on')

  const screen = async () =>
    (await tmux('capture-pane', '-p', '-t', 'tao'))
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => l.trimEnd())
  return {
    screen,
    async waitFor(check, what, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const last = await screen()
        const text = last.join('\n')
        if (check(text)) return text
        if (Date.now() > deadline) throw new Error(`the terminal never showed ${what} within ${timeoutMs} ms; the screen:\n${text}`)
        await new Promise((r) => setTimeout(r, 200))
      }
    },
    async keys(...keys) {
      for (const k of keys) {
        await tmux('send-keys', '-t', 'tao', k)
        // A lone Escape is told apart from an escape sequence by a pause after it.
        await new Promise((r) => setTimeout(r, k === 'Escape' ? 150 : 60))
      }
    },
    async text(literal) {
      await tmux('send-keys', '-t', 'tao', '-l', literal)
    },
    async resize(columns, rows) {
      await tmux('resize-window', '-t', 'tao', '-x', String(columns), '-y', String(rows))
    },
    pane: async (format) => (await tmux('display-message', '-p', '-t', 'tao', format)).trim(),
    async close() {
      await tmux('kill-server').catch(() => undefined)
    },
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
