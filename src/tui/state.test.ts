import { describe, expect, test } from 'vitest'
import { applyKeys, keyAction, keyPresses } from './keys.js'
import { cursorIndex, initialUi, reduceUi, type RowContext, type UiAction, type UiState } from './state.js'

const keys = Array.from({ length: 50 }, (_, i) => String(i))
const ctx: RowContext = { keys, pageSize: 10, sortable: ['uid', 'stake', 'incentive'] }
const run = (state: UiState, ...actions: UiAction[]) => actions.reduce((s, a) => reduceUi(s, a, ctx), state)

describe('ui state', () => {
  test('opens on the metagraph when a netuid is given, else on the subnets', () => {
    expect(initialUi(3)).toMatchObject({ view: 'metagraph', netuid: 3 })
    expect(initialUi()).toMatchObject({ view: 'subnets', netuid: null })
  })

  test('moves, pages and scrolls, clamped to the rows', () => {
    let s = initialUi(1)
    s = run(s, { type: 'move', delta: 1 }, { type: 'move', delta: 1 })
    expect(s.tables.metagraph).toMatchObject({ selected: '2', index: 2, offset: 0 })
    s = run(s, { type: 'page', delta: 1 })
    expect(s.tables.metagraph).toMatchObject({ selected: '12', offset: 10 })
    s = run(s, { type: 'end' })
    expect(s.tables.metagraph).toMatchObject({ selected: '49', offset: 40 })
    s = run(s, { type: 'move', delta: 1 })
    expect(s.tables.metagraph.selected).toBe('49')
    s = run(s, { type: 'home' }, { type: 'move', delta: -1 })
    expect(s.tables.metagraph).toMatchObject({ selected: '0', offset: 0 })
  })

  test('the selection follows its row when rows reorder, and keeps its place when the row goes', () => {
    const s = run(initialUi(1), { type: 'move', delta: 5 })
    expect(cursorIndex(s.tables.metagraph, ['9', '5', '1'])).toBe(1)
    expect(cursorIndex(s.tables.metagraph, ['9', '8'])).toBe(1)
    expect(cursorIndex(s.tables.metagraph, [])).toBe(0)
  })

  test('filter: typed, kept with enter, cleared with esc', () => {
    let s = run(
      initialUi(1),
      { type: 'filterStart' },
      { type: 'filterInput', text: '5F' },
      { type: 'filterInput', text: 'x' },
      { type: 'filterBackspace' },
    )
    expect(s.editingFilter).toBe(true)
    expect(s.tables.metagraph.filter).toBe('5F')
    s = run(s, { type: 'filterDone' })
    expect(s.editingFilter).toBe(false)
    expect(s.tables.metagraph.filter).toBe('5F')
    s = run(s, { type: 'escape' })
    expect(s.tables.metagraph.filter).toBe('')
  })

  test('sort cycles the sortable columns in view; S reverses', () => {
    let s = initialUi(1)
    expect(s.tables.metagraph).toMatchObject({ sort: 'stake', reverse: true })
    s = run(s, { type: 'cycleSort' })
    expect(s.tables.metagraph).toMatchObject({ sort: 'incentive', reverse: false })
    s = run(s, { type: 'cycleSort' }, { type: 'reverseSort' })
    expect(s.tables.metagraph).toMatchObject({ sort: 'uid', reverse: true })
  })

  test('enter: subnet → its metagraph; UID → detail pane; stake → metagraph with the hotkey selected', () => {
    let s = initialUi()
    s = reduceUi(s, { type: 'enter' }, { ...ctx, target: { netuid: 7 } })
    expect(s).toMatchObject({ view: 'metagraph', netuid: 7, detail: false })
    s = run(s, { type: 'enter' })
    expect(s.detail).toBe(true)
    s = run(s, { type: 'escape' })
    expect(s.detail).toBe(false)
    s = run(s, { type: 'showView', view: 'stake' })
    s = reduceUi(s, { type: 'enter' }, { ...ctx, target: { netuid: 3, key: '42' } })
    expect(s).toMatchObject({ view: 'metagraph', netuid: 3 })
    expect(s.tables.metagraph.selected).toBe('42')
  })

  test('tab cycles views and closes panes; toggles; help; quit', () => {
    let s = run(initialUi(1), { type: 'enter' }, { type: 'nextView', delta: 1 })
    expect(s).toMatchObject({ view: 'stake', detail: false })
    s = run(s, { type: 'nextView', delta: 1 })
    expect(s.view).toBe('subnets')
    s = run(s, { type: 'nextView', delta: -1 })
    expect(s.view).toBe('stake')
    s = run(s, { type: 'toggleValidators' }, { type: 'toggleMine' }, { type: 'toggleHelp' })
    expect(s).toMatchObject({ validatorsOnly: true, mineOnly: true, help: true })
    s = run(s, { type: 'escape' }, { type: 'quit' })
    expect(s).toMatchObject({ help: false, quit: true })
  })
})

describe('keys', () => {
  const normal = { editingFilter: false, help: false }
  test('navigation, views and toggles', () => {
    expect(keyAction('', { downArrow: true }, normal)).toEqual({ type: 'move', delta: 1 })
    expect(keyAction('k', {}, normal)).toEqual({ type: 'move', delta: -1 })
    expect(keyAction('', { pageDown: true }, normal)).toEqual({ type: 'page', delta: 1 })
    expect(keyAction('', { tab: true }, normal)).toEqual({ type: 'nextView', delta: 1 })
    expect(keyAction('', { tab: true, shift: true }, normal)).toEqual({ type: 'nextView', delta: -1 })
    expect(keyAction('', { return: true }, normal)).toEqual({ type: 'enter' })
    expect(keyAction('S', { shift: true }, normal)).toEqual({ type: 'reverseSort' })
    expect(keyAction('s', {}, normal)).toEqual({ type: 'cycleSort' })
    expect(keyAction('v', {}, normal)).toEqual({ type: 'toggleValidators' })
    expect(keyAction('m', {}, normal)).toEqual({ type: 'toggleMine' })
    expect(keyAction('?', {}, normal)).toEqual({ type: 'toggleHelp' })
    expect(keyAction('x', {}, normal)).toBeNull()
  })

  test('q and Ctrl-C quit; q typed into the filter is text', () => {
    expect(keyAction('q', {}, normal)).toEqual({ type: 'quit' })
    expect(keyAction('c', { ctrl: true }, normal)).toEqual({ type: 'quit' })
    expect(keyAction('c', { ctrl: true }, { editingFilter: true, help: false })).toEqual({ type: 'quit' })
    expect(keyAction('q', {}, { editingFilter: true, help: false })).toEqual({ type: 'filterInput', text: 'q' })
    expect(keyAction('', { return: true }, { editingFilter: true, help: false })).toEqual({ type: 'filterDone' })
    expect(keyAction('', { escape: true }, { editingFilter: true, help: false })).toEqual({ type: 'filterCancel' })
    expect(keyAction('', { backspace: true }, { editingFilter: true, help: false })).toEqual({ type: 'filterBackspace' })
  })

  test('while help is open any key closes it, q still quits', () => {
    expect(keyAction('j', {}, { editingFilter: false, help: true })).toEqual({ type: 'toggleHelp' })
    expect(keyAction('q', {}, { editingFilter: false, help: true })).toEqual({ type: 'quit' })
  })

  test('keys that arrive together are each a press: jj, a paste, key repeat, Escape then a key', () => {
    expect(keyPresses('j', {})).toEqual([{ input: 'j', key: {} }])
    expect(keyPresses('jj', {})).toEqual([
      { input: 'j', key: { shift: false } },
      { input: 'j', key: { shift: false } },
    ])
    expect(keyPresses('aG\r', {}).map((p) => p.key)).toEqual([{ shift: false }, { shift: true }, { return: true }])
    // ESC immediately followed by a key arrives as that key with meta.
    expect(keyPresses('2', { meta: true })).toEqual([
      { input: '', key: { escape: true } },
      { input: '2', key: { shift: false } },
    ])
    expect(keyPresses('', { escape: true, meta: true })).toEqual([
      { input: '', key: { escape: true } },
      { input: '', key: { escape: true } },
    ])
    expect(keyPresses('', { return: true, meta: true })).toEqual([
      { input: '', key: { escape: true } },
      { input: '', key: { return: true, meta: false } },
    ])
    // Keys that are one press stay one.
    expect(keyPresses('', { downArrow: true, meta: true })).toEqual([{ input: '', key: { downArrow: true, meta: true } }])
    expect(keyPresses('c', { ctrl: true })).toEqual([{ input: 'c', key: { ctrl: true } }])
  })

  test('each press applies to the state the one before left', () => {
    const drawn = { state: initialUi(1), ctx }
    const rowsOf = () => ctx
    expect(applyKeys(drawn.state, keyPresses('jjj', {}), drawn, rowsOf).tables.metagraph.selected).toBe('3')
    // A filter typed and left with Escape, then a view, in one chunk.
    const filtering = run(initialUi(), { type: 'filterStart' })
    const s = applyKeys(filtering, [...keyPresses('12', {}), ...keyPresses('3', { meta: true })], { state: filtering, ctx }, rowsOf)
    expect(s).toMatchObject({ view: 'stake', editingFilter: false })
    expect(s.tables.subnets.filter).toBe('')
    // The rows of a view not drawn yet come from rowsOf.
    const other: RowContext = { keys: ['a', 'b', 'c'], pageSize: 10, sortable: [] }
    const moved = applyKeys(initialUi(), keyPresses('3j', {}), { state: initialUi(), ctx }, () => other)
    expect(moved).toMatchObject({ view: 'stake' })
    expect(moved.tables.stake.selected).toBe('b')
  })
})
