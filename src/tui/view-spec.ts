/**
 * What a table view is (its columns, its rows from the live data, how a row is marked, where enter
 * leads) and the pure step from that to the lines on screen: filter, sort, fit, scroll, format only the
 * rows in view.
 */
import type { Mine } from './mine.js'
import type { LiveModel } from './model.js'
import type { Paint } from './paint.js'
import type { RowContext, UiState, ViewName } from './state.js'
import { cursorIndex } from './state.js'
import {
  columnsWidth,
  fitColumns,
  PREFIX,
  headerLine,
  rowLine,
  scrollOffset,
  sortableIds,
  sortRows,
  type Column,
  type FittedColumn,
  type RowMarks,
} from './table.js'

export interface ViewData {
  model: LiveModel
  ui: UiState
  mine: Mine
}

export interface ViewSpec<R> {
  name: ViewName
  columns: readonly Column<R>[]
  /** The rows after the view's filters (not sorted). */
  rows(data: ViewData): R[]
  key(row: R): string
  marks(row: R, data: ViewData): Omit<RowMarks, 'selected'>
  /** Where enter leads from a row (another view), if anywhere. */
  target?(row: R, data: ViewData): RowContext['target']
  /** What to show instead of rows when there are none. */
  empty(data: ViewData): string
  /** A summary line under the rows (totals), if the view has one. */
  footer?(rows: readonly R[], data: ViewData): string
}

export interface ViewLayout<R> {
  header: string
  /** The lines of the rows in view, each exactly `width` cells. */
  lines: string[]
  /** Everything the state step needs to move in this view. */
  ctx: RowContext
  /** The selected row, if any. */
  selected: R | undefined
  /** Rows after filtering. */
  count: number
  footer: string | null
  fitted: FittedColumn<R>[]
}

export function layoutView<R>(spec: ViewSpec<R>, data: ViewData, width: number, height: number, paint: Paint): ViewLayout<R> {
  const t = data.ui.tables[spec.name]
  const fitted = fitColumns(spec.columns, columnsWidth(width))
  const rows = sortRows(spec.rows(data), spec.columns, t.sort, t.reverse)
  const keys = rows.map(spec.key)
  const cursor = cursorIndex(t, keys)
  const pageSize = Math.max(1, height)
  const offset = scrollOffset(rows.length, cursor, t.offset, pageSize)
  const lines: string[] = []
  for (let i = offset; i < Math.min(rows.length, offset + pageSize); i++) {
    lines.push(rowLine(fitted, rows[i]!, { ...spec.marks(rows[i]!, data), selected: i === cursor }, width, paint))
  }
  const selected = rows[cursor]
  const header = ' '.repeat(PREFIX) + headerLine(fitted, { column: t.sort, reverse: t.reverse })
  return {
    header,
    lines,
    ctx: { keys, pageSize, sortable: sortableIds(fitted), target: selected && spec.target ? spec.target(selected, data) : undefined },
    selected,
    count: rows.length,
    footer: spec.footer ? spec.footer(rows, data) : null,
    fitted,
  }
}

/** A filter query as the views read it: digits mean a UID or netuid, anything else a piece of a key or name. */
export function parseQuery(filter: string): { number: number | null; text: string } {
  const text = filter.trim()
  return { number: /^\d+$/.test(text) ? Number(text) : null, text: text.toLowerCase() }
}

/** Whether any of the texts contains the query (case-insensitive). */
export const containsQuery = (text: string, ...fields: (string | null | undefined)[]): boolean =>
  fields.some((f) => f != null && f.toLowerCase().includes(text))
