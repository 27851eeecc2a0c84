/**
 * Keys to actions. While the filter is being typed, printable keys go into it; while help is open, any key
 * closes it. `q` and Ctrl-C always quit (except `q` typed into the filter).
 */
import type { Key } from 'ink'
import { reduceUi, type RowContext, type UiAction, type UiState } from './state.js'

export type KeyInfo = Pick<
  Key,
  | 'upArrow'
  | 'downArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'ctrl'
  | 'shift'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'meta'
>

/** One key as if pressed alone. */
export interface KeyPress {
  input: string
  key: Partial<KeyInfo>
}

const ESCAPE: KeyPress = { input: '', key: { escape: true } }

/** A character of a chunk as the key it is when it comes alone. */
function pressOf(ch: string): KeyPress {
  if (ch === '\r') return { input: '', key: { return: true } }
  if (ch === '\t') return { input: '', key: { tab: true } }
  if (ch === '\u007f' || ch === '\b') return { input: '', key: { backspace: true } }
  return { input: ch, key: { shift: ch >= 'A' && ch <= 'Z' } }
}

/**
 * The key presses one input event holds. Keys that arrive together (`jj` typed fast, key repeat, a paste) come
 * as one chunk of text; Escape followed at once by a key comes as that key with `meta` (ESC prefix), which the
 * terminal also sends for Alt+key. Each character is its own press, and the ESC prefix a press of Escape.
 */
export function keyPresses(input: string, key: Partial<KeyInfo>): KeyPress[] {
  if (key.ctrl) return [{ input, key }]
  const moves = key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.home || key.end
  if (key.meta && !moves) {
    const rest = key.escape
      ? [ESCAPE]
      : key.return || key.tab || key.backspace || key.delete
        ? [{ input, key: { ...key, meta: false } }]
        : [...input].map(pressOf)
    return [ESCAPE, ...rest]
  }
  if (moves || key.return || key.tab || key.backspace || key.delete || key.escape || [...input].length <= 1) return [{ input, key }]
  return [...input].map(pressOf)
}

/**
 * Every press of one input event, in order, each on the state the one before left (a press may switch the
 * view or open the filter, and the next is read there). `rowsOf` gives the rows of a state the screen has
 * not drawn yet.
 */
export function applyKeys(
  state: UiState,
  presses: readonly KeyPress[],
  rows: { state: UiState; ctx: RowContext },
  rowsOf: (s: UiState) => RowContext,
): UiState {
  let now = state
  let seen = rows
  for (const p of presses) {
    const action = keyAction(p.input, p.key, now)
    if (!action) continue
    if (seen.state !== now) seen = { state: now, ctx: rowsOf(now) }
    now = reduceUi(now, action, seen.ctx)
  }
  return now
}

export function keyAction(input: string, key: Partial<KeyInfo>, state: Pick<UiState, 'editingFilter' | 'help'>): UiAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit' }
  if (key.upArrow) return { type: 'move', delta: -1 }
  if (key.downArrow) return { type: 'move', delta: 1 }
  if (key.pageUp) return { type: 'page', delta: -1 }
  if (key.pageDown) return { type: 'page', delta: 1 }
  if (state.editingFilter) {
    if (key.return) return { type: 'filterDone' }
    if (key.escape) return { type: 'filterCancel' }
    if (key.backspace || key.delete) return { type: 'filterBackspace' }
    if (key.tab) return { type: 'filterDone' }
    const text = printable(input)
    if (!key.ctrl && !key.meta && text !== '') return { type: 'filterInput', text }
    return null
  }
  if (state.help) return input === 'q' ? { type: 'quit' } : { type: 'toggleHelp' }
  if (key.home) return { type: 'home' }
  if (key.end) return { type: 'end' }
  if (key.return) return { type: 'enter' }
  if (key.tab) return { type: 'nextView', delta: key.shift ? -1 : 1 }
  if (key.escape) return { type: 'escape' }
  if (key.ctrl || key.meta) return null
  switch (input) {
    case 'q':
      return { type: 'quit' }
    case 'k':
      return { type: 'move', delta: -1 }
    case 'j':
      return { type: 'move', delta: 1 }
    case 'g':
      return { type: 'home' }
    case 'G':
      return { type: 'end' }
    case '/':
      return { type: 'filterStart' }
    case 's':
      return { type: 'cycleSort' }
    case 'S':
      return { type: 'reverseSort' }
    case 'v':
      return { type: 'toggleValidators' }
    case 'm':
      return { type: 'toggleMine' }
    case '?':
      return { type: 'toggleHelp' }
    case '1':
      return { type: 'showView', view: 'subnets' }
    case '2':
      return { type: 'showView', view: 'metagraph' }
    case '3':
      return { type: 'showView', view: 'stake' }
  }
  return null
}

/** The printable part of a key press or a paste (no control characters). */
const printable = (input: string): string => [...input].filter((ch) => ch >= ' ' && ch !== '\u007f').join('')
