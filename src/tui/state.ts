/**
 * What the person at the keyboard has chosen: the view, the subnet, per view its sort, filter, selected row
 * and scroll position, the toggles and panes. One pure step per action; the rows the action applies to come
 * in `RowContext` (their keys in display order, the page height, the sortable columns in view).
 */
import { nextSortColumn, scrollOffset } from './table.js'

export type ViewName = 'subnets' | 'metagraph' | 'stake'
export const VIEWS: readonly ViewName[] = ['subnets', 'metagraph', 'stake']

export interface TableUi {
  sort: string
  reverse: boolean
  /** Key of the selected row; `index` is where it was, for when it goes away. */
  selected: string | null
  index: number
  /** First row in view. */
  offset: number
  filter: string
}

export interface UiState {
  view: ViewName
  /** Subnet of the metagraph view. */
  netuid: number | null
  tables: Record<ViewName, TableUi>
  editingFilter: boolean
  validatorsOnly: boolean
  mineOnly: boolean
  detail: boolean
  help: boolean
  quit: boolean
}

export type UiAction =
  | { type: 'move'; delta: number }
  | { type: 'page'; delta: 1 | -1 }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'filterStart' }
  | { type: 'filterInput'; text: string }
  | { type: 'filterBackspace' }
  | { type: 'filterDone' }
  | { type: 'filterCancel' }
  | { type: 'cycleSort' }
  | { type: 'reverseSort' }
  | { type: 'toggleValidators' }
  | { type: 'toggleMine' }
  | { type: 'enter' }
  | { type: 'nextView'; delta: 1 | -1 }
  | { type: 'showView'; view: ViewName }
  | { type: 'toggleHelp' }
  | { type: 'escape' }
  | { type: 'quit' }

export interface RowContext {
  /** Keys of the current view's rows, in display order (after filter and sort). */
  keys: readonly string[]
  /** Rows in view at once. */
  pageSize: number
  /** Sortable column ids in view. */
  sortable: readonly string[]
  /** Where `enter` leads from the selected row: a subnet's metagraph, optionally with a row selected. */
  target?: { netuid: number; key?: string }
}

const table = (sort: string, reverse = false): TableUi => ({ sort, reverse, selected: null, index: 0, offset: 0, filter: '' })

export function initialUi(netuid: number | null = null): UiState {
  return {
    view: netuid === null ? 'subnets' : 'metagraph',
    netuid,
    tables: { subnets: table('netuid'), metagraph: table('stake', true), stake: table('value', true) },
    editingFilter: false,
    validatorsOnly: false,
    mineOnly: false,
    detail: false,
    help: false,
    quit: false,
  }
}

/** Index of the selected row among `keys`: the same row if it is still there, else the same place. */
export function cursorIndex(t: TableUi, keys: readonly string[]): number {
  if (keys.length === 0) return 0
  const i = t.selected === null ? -1 : keys.indexOf(t.selected)
  return i >= 0 ? i : Math.min(Math.max(0, t.index), keys.length - 1)
}

/** Select row `index` (clamped) and scroll so that it is in view. */
function select(t: TableUi, index: number, ctx: RowContext): TableUi {
  const count = ctx.keys.length
  const i = count === 0 ? 0 : Math.min(Math.max(0, index), count - 1)
  return { ...t, selected: ctx.keys[i] ?? null, index: i, offset: scrollOffset(count, i, t.offset, ctx.pageSize) }
}

export function reduceUi(state: UiState, action: UiAction, ctx: RowContext): UiState {
  const t = state.tables[state.view]
  const cursor = cursorIndex(t, ctx.keys)
  const setTable = (next: TableUi): UiState => ({ ...state, tables: { ...state.tables, [state.view]: next } })
  switch (action.type) {
    case 'move':
      return setTable(select(t, cursor + action.delta, ctx))
    case 'page': {
      const page = Math.max(1, ctx.pageSize)
      // The cursor and the view move a page together, so rows keep their place on screen.
      const moved = select({ ...t, offset: t.offset + action.delta * page }, cursor + action.delta * page, ctx)
      return setTable(moved)
    }
    case 'home':
      return setTable(select(t, 0, ctx))
    case 'end':
      return setTable(select(t, ctx.keys.length - 1, ctx))
    case 'filterStart':
      return { ...state, editingFilter: true, help: false }
    case 'filterInput':
      return { ...setTable({ ...t, filter: t.filter + action.text, offset: 0 }), editingFilter: true }
    case 'filterBackspace':
      return setTable({ ...t, filter: [...t.filter].slice(0, -1).join('') })
    case 'filterDone':
      return { ...state, editingFilter: false }
    case 'filterCancel':
      return { ...setTable({ ...t, filter: '' }), editingFilter: false }
    case 'cycleSort':
      return setTable({ ...t, sort: nextSortColumn(ctx.sortable, t.sort), reverse: false })
    case 'reverseSort':
      return setTable({ ...t, reverse: !t.reverse })
    case 'toggleValidators':
      return { ...state, validatorsOnly: !state.validatorsOnly }
    case 'toggleMine':
      return { ...state, mineOnly: !state.mineOnly }
    case 'enter':
      if (state.view === 'metagraph') return ctx.keys.length > 0 ? { ...setTable(select(t, cursor, ctx)), detail: !state.detail } : state
      if (!ctx.target) return state
      return openSubnet({ ...state, detail: false }, ctx.target.netuid, ctx.target.key)
    case 'nextView': {
      const i = VIEWS.indexOf(state.view)
      return { ...state, view: VIEWS[(i + action.delta + VIEWS.length) % VIEWS.length]!, editingFilter: false, detail: false, help: false }
    }
    case 'showView':
      return { ...state, view: action.view, editingFilter: false, detail: false, help: false }
    case 'toggleHelp':
      return { ...state, help: !state.help }
    case 'escape':
      if (state.editingFilter) return reduceUi(state, { type: 'filterCancel' }, ctx)
      if (state.help) return { ...state, help: false }
      if (state.detail) return { ...state, detail: false }
      if (t.filter !== '') return setTable({ ...t, filter: '' })
      return state
    case 'quit':
      return { ...state, quit: true }
  }
}

/** The metagraph view of a subnet, with a row selected (or the top one when it is another subnet). */
function openSubnet(state: UiState, netuid: number, key?: string): UiState {
  const same = state.netuid === netuid
  const m = state.tables.metagraph
  const metagraph: TableUi =
    key !== undefined ? { ...m, selected: key, index: 0, offset: 0 } : same ? m : { ...m, selected: null, index: 0, offset: 0 }
  return { ...state, view: 'metagraph', netuid, tables: { ...state.tables, metagraph } }
}
