/**
 * Tables of the live views as pure functions: which columns fit a width (low-priority ones are dropped,
 * addresses shortened, nothing ever wraps), sorting, and the slice of rows in view.
 */
import { clipAnsi, pad } from './format.js'
import type { Paint } from './paint.js'

export type Direction = 'up' | 'down'

/** One column of a view over rows of type R. */
export interface Column<R> {
  id: string
  /** Header; `short` replaces it when the column is narrower than the title. */
  title: string
  short?: string
  /** Cells, header included (elastic columns: the least they get). */
  width: number
  /** Elastic (addresses): grows up to this when the terminal has room. */
  maxWidth?: number
  align: 'left' | 'right'
  /** 1 = always shown; the highest number is dropped first when the terminal is narrow. */
  priority: number
  /** Sort order (ascending); columns without one are not sortable. */
  compare?: (a: R, b: R) => number
  /** The cell's text at this width (addresses shorten themselves). */
  text: (row: R, width: number) => string
  /** The name of the value whose change since the previous block this cell shows. */
  tracks?: string
}

export interface FittedColumn<R> {
  column: Column<R>
  width: number
}

/** Space between two columns. */
export const GAP = 1

/**
 * The columns that fit in `width` cells: drop the lowest-priority columns (highest number, rightmost
 * first) until the rest fit, then share what is left among the elastic ones. Order is kept. Where even the
 * columns always shown do not fit, the rightmost of them go too: a column is shown whole or not at all, never
 * a number cut short.
 */
export function fitColumns<R>(columns: readonly Column<R>[], width: number): FittedColumn<R>[] {
  const kept = [...columns]
  const total = () => kept.reduce((sum, c) => sum + c.width, 0) + GAP * Math.max(0, kept.length - 1)
  while (total() > width && kept.length > 1) {
    let drop = kept.length - 1
    for (let i = 0; i < kept.length; i++)
      if (kept[i]!.priority > 1 && (kept[drop]!.priority <= 1 || kept[i]!.priority >= kept[drop]!.priority)) drop = i
    kept.splice(drop, 1)
  }
  const fitted = kept.map((column) => ({ column, width: column.width }))
  let spare = width - total()
  // Elastic columns grow together, one cell at a time, so two address columns stay alike.
  while (spare > 0) {
    const growing = fitted.filter((f) => f.column.maxWidth !== undefined && f.width < f.column.maxWidth)
    if (growing.length === 0) break
    for (const f of growing) {
      if (spare === 0) break
      f.width++
      spare--
    }
  }
  return fitted
}

/** The header line of fitted columns, with the sort column marked ▲ (ascending) or ▼. */
export function headerLine<R>(fitted: readonly FittedColumn<R>[], sort: { column: string; reverse: boolean } | null): string {
  return fitted
    .map(({ column, width }) => {
      const title = column.title.length <= width || !column.short ? column.title : column.short
      const marked = sort?.column === column.id ? title + (sort.reverse ? '▼' : '▲') : title
      return pad(marked, width, column.align)
    })
    .join(' '.repeat(GAP))
}

/**
 * Rows sorted by a column (stable: equal rows keep their order); `reverse` flips the order. An unknown
 * or unsortable column leaves the order as it is.
 */
export function sortRows<R>(rows: readonly R[], columns: readonly Column<R>[], columnId: string, reverse: boolean): R[] {
  const compare = columns.find((c) => c.id === columnId)?.compare
  const out = [...rows]
  if (!compare) return reverse ? out.reverse() : out
  const indexed = out.map((row, i) => ({ row, i }))
  indexed.sort((a, b) => {
    const c = compare(a.row, b.row)
    return c !== 0 ? (reverse ? -c : c) : a.i - b.i
  })
  return indexed.map((x) => x.row)
}

/** The ids of the sortable columns among the fitted ones (what `s` cycles through). */
export const sortableIds = <R>(fitted: readonly FittedColumn<R>[]): string[] =>
  fitted.filter((f) => f.column.compare).map((f) => f.column.id)

/** The next sort column after `current` among `ids` (wrapping); the first when current is not there. */
export function nextSortColumn(ids: readonly string[], current: string): string {
  if (ids.length === 0) return current
  const i = ids.indexOf(current)
  return ids[(i + 1) % ids.length]!
}

/**
 * The first row in view so that the cursor is visible, moving as little as possible from `offset`.
 */
export function scrollOffset(count: number, cursor: number, offset: number, height: number): number {
  if (height <= 0 || count <= height) return 0
  let top = Math.min(Math.max(0, offset), count - height)
  if (cursor < top) top = cursor
  if (cursor >= top + height) top = cursor - height + 1
  return Math.max(0, top)
}

/** Compare helpers for columns. */
export const byNumber =
  <R>(pick: (r: R) => number) =>
  (a: R, b: R) =>
    pick(a) - pick(b)
export const byBigint =
  <R>(pick: (r: R) => bigint) =>
  (a: R, b: R) => {
    const x = pick(a)
    const y = pick(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
export const byText =
  <R>(pick: (r: R) => string) =>
  (a: R, b: R) => {
    const x = pick(a)
    const y = pick(b)
    return x < y ? -1 : x > y ? 1 : 0
  }

/** How one row is shown besides its cells. */
export interface RowMarks {
  selected: boolean
  /** A local wallet's key. */
  mine: boolean
  /** Registered ('new') or replaced recently. */
  mark: 'new' | 'replaced' | null
  /** Values that went up or down since the previous block. */
  changes?: Readonly<Record<string, Direction>>
}

/** Cells before the first column: cursor, mine, registration mark, space. */
export const PREFIX = 4

/** Width left for columns in a line of `width` cells. */
export const columnsWidth = (width: number): number => Math.max(0, width - PREFIX)

/**
 * One row as one line of exactly `width` cells: '>' on the selected row, '*' on mine, '+' (registered) or
 * '~' (replaced), then the cells; a tracked value that changed is followed by '+' (up, green) or '-' (down,
 * red). The markers carry the meaning without colour (NO_COLOR); colour repeats it. Rows are ASCII (see
 * `pad`): at an epoch every row changes, and Ink measures each changed line.
 */
export function rowLine<R>(fitted: readonly FittedColumn<R>[], row: R, marks: RowMarks, width: number, paint: Paint): string {
  const mark = marks.mark === 'new' ? paint.yellow('+') : marks.mark === 'replaced' ? paint.yellow('~') : ' '
  let line = (marks.selected ? '>' : ' ') + (marks.mine ? paint.cyan('*') : ' ') + mark + ' '
  let used = PREFIX
  fitted.forEach(({ column, width: w }, i) => {
    if (i > 0) {
      line += ' '.repeat(GAP)
      used += GAP
    }
    const dir = column.tracks ? marks.changes?.[column.tracks] : undefined
    if (column.tracks) {
      const cell = pad(column.text(row, w - 1), w - 1, column.align)
      line += dir === 'up' ? paint.green(cell + '+') : dir === 'down' ? paint.red(cell + '-') : cell + ' '
    } else {
      line += pad(column.text(row, w), w, column.align)
    }
    used += w
  })
  if (used < width) line += ' '.repeat(width - used)
  // Lines never wrap: the columns were fitted to the width; clip what the prefix may still push over.
  if (used > width) line = clipAnsi(line, width)
  if (marks.mine) line = paint.bold(line)
  return marks.selected ? paint.inverse(line) : line
}
