import { describe, expect, test } from 'vitest'
import { plainPaint } from './paint.js'
import { Chalk } from 'chalk'
import { fitColumns, headerLine, nextSortColumn, rowLine, scrollOffset, sortRows, byNumber, type Column } from './table.js'

interface R {
  id: number
  name: string
  v: number
}
const cols: Column<R>[] = [
  { id: 'id', title: 'ID', width: 3, align: 'right', priority: 1, compare: byNumber((r) => r.id), text: (r) => String(r.id) },
  { id: 'name', title: 'NAME', width: 6, maxWidth: 20, align: 'left', priority: 1, text: (r, w) => r.name.slice(0, w) },
  { id: 'v', title: 'VALUE', width: 6, align: 'right', priority: 2, tracks: 'v', compare: byNumber((r) => r.v), text: (r) => String(r.v) },
  { id: 'extra', title: 'EXTRA', width: 8, align: 'left', priority: 5, text: () => 'x' },
]

describe('columns', () => {
  test('everything fits a wide line and elastic columns take the room', () => {
    const f = fitColumns(cols, 60)
    expect(f.map((c) => c.column.id)).toEqual(['id', 'name', 'v', 'extra'])
    expect(f.find((c) => c.column.id === 'name')!.width).toBe(20)
  })

  test('a narrow line drops the lowest priority first and keeps the order', () => {
    expect(fitColumns(cols, 20).map((c) => c.column.id)).toEqual(['id', 'name', 'v'])
    expect(fitColumns(cols, 12).map((c) => c.column.id)).toEqual(['id', 'name'])
    // Where even the priority-1 columns do not fit, the rightmost go too: no column is cut short.
    expect(fitColumns(cols, 9).map((c) => c.column.id)).toEqual(['id'])
    expect(fitColumns(cols, 3).map((c) => c.column.id)).toEqual(['id'])
    // The first column stays, clipped, on a line too narrow even for it.
    expect(fitColumns(cols, 2).map((c) => c.column.id)).toEqual(['id'])
  })

  test('header marks the sort column', () => {
    const f = fitColumns(cols, 20)
    expect(headerLine(f, { column: 'v', reverse: true })).toBe(' ID NAME      VALUE▼')
  })
})

describe('rows', () => {
  const rows: R[] = [
    { id: 1, name: 'b', v: 5 },
    { id: 2, name: 'a', v: 9 },
    { id: 3, name: 'c', v: 5 },
  ]
  test('sort is stable and reversible', () => {
    expect(sortRows(rows, cols, 'v', false).map((r) => r.id)).toEqual([1, 3, 2])
    expect(sortRows(rows, cols, 'v', true).map((r) => r.id)).toEqual([2, 1, 3])
    expect(sortRows(rows, cols, 'nope', false).map((r) => r.id)).toEqual([1, 2, 3])
  })

  test('sort column cycles through the sortable ones', () => {
    expect(nextSortColumn(['id', 'v'], 'id')).toBe('v')
    expect(nextSortColumn(['id', 'v'], 'v')).toBe('id')
    expect(nextSortColumn(['id', 'v'], 'hidden')).toBe('id')
  })

  test('scrolling keeps the cursor in view and moves as little as it can', () => {
    expect(scrollOffset(100, 0, 0, 10)).toBe(0)
    expect(scrollOffset(100, 15, 0, 10)).toBe(6)
    expect(scrollOffset(100, 8, 6, 10)).toBe(6)
    expect(scrollOffset(100, 3, 6, 10)).toBe(3)
    expect(scrollOffset(100, 99, 95, 10)).toBe(90)
    expect(scrollOffset(5, 4, 3, 10)).toBe(0)
  })

  test('a row is one line of exactly the width, with markers for cursor, mine, registration and change', () => {
    const f = fitColumns(cols, 40 - 4)
    const line = rowLine(f, rows[0]!, { selected: true, mine: true, mark: 'new', changes: { v: 'up' } }, 40, plainPaint)
    expect(line.length).toBe(40)
    expect(line.startsWith('>*+ ')).toBe(true)
    expect(line).toContain('5+')
    const down = rowLine(f, rows[0]!, { selected: false, mine: false, mark: 'replaced', changes: { v: 'down' } }, 40, plainPaint)
    expect(down.startsWith('  ~ ')).toBe(true)
    expect(down).toContain('5-')
  })

  test('with colour, up is green and down is red', () => {
    const paint = new Chalk({ level: 1 })
    const f = fitColumns(cols, 36)
    expect(rowLine(f, rows[0]!, { selected: false, mine: false, mark: null, changes: { v: 'up' } }, 40, paint)).toContain('\u001b[32m')
    expect(rowLine(f, rows[0]!, { selected: false, mine: false, mark: null, changes: { v: 'down' } }, 40, paint)).toContain('\u001b[31m')
  })
})
