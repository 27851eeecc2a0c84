/**
 * Keys to actions. While the filter is being typed, printable keys go into it; while help is open, any key
 * closes it. `q` and Ctrl-C always quit (except `q` typed into the filter).
 */
import type { Key } from 'ink'
import type { UiAction, UiState } from './state.js'

export type KeyInfo = Pick<Key, 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'shift' | 'tab' | 'backspace' | 'delete' | 'meta'>

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
