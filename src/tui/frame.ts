/**
 * The whole screen as plain data, from the live model, the UI state and the terminal size: how many lines
 * each part gets (the frame is exactly `height` lines, so nothing scrolls), the table lines in view, the
 * detail pane. Pure, so a resize or a key is one recomputation and tests need no terminal.
 */
import { helpLines, keyHelpLine, tabsLine } from './chrome.js'
import { DETAIL_HEIGHT, detailLines } from './detail-pane.js'
import { clip } from './format.js'
import { metagraphTable, type NeuronRow } from './metagraph-table.js'
import type { Mine } from './mine.js'
import type { LiveModel } from './model.js'
import type { Paint } from './paint.js'
import type { UiState, ViewName } from './state.js'
import { stakeTable } from './stake-table.js'
import { blocksToEpoch, subnetsTable } from './subnets-table.js'
import { layoutView, type ViewLayout, type ViewSpec } from './view-spec.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view has its own row type, which Column's function fields make invariant
export const VIEW_SPECS: Record<ViewName, ViewSpec<any>> = { subnets: subnetsTable, metagraph: metagraphTable, stake: stakeTable }

export interface FrameLayout {
  width: number
  height: number
  /** A banner line (connection lost, or a failed read) is shown under the status line. */
  banner: boolean
  tabs: { before: string; current: string; after: string }
  table: ViewLayout<unknown>
  /** Lines of the table body (rows in view). */
  bodyHeight: number
  footer: string | null
  /** What the table body says when it has no rows. */
  empty: string
  detail: string[] | null
  help: string[] | null
  keyHelp: string
  /** The subnet in view and its epoch countdown, for the status line. */
  epoch: { netuid: number; blocks: number | null } | null
}

/** The smallest terminal the frame is laid out for; smaller ones are clipped. */
export const MIN_ROWS = 8

export function frameLayout(model: LiveModel, ui: UiState, mine: Mine, width: number, height: number, paint: Paint): FrameLayout {
  const spec = VIEW_SPECS[ui.view]
  const banner = model.connection.state === 'lost' || model.warning !== null
  const hasFooter = spec.footer !== undefined && !ui.help
  // status, banner, tabs, table header, footer, key help
  const fixed = 1 + (banner ? 1 : 0) + 1 + 1 + (hasFooter ? 1 : 0) + 1
  const rows = Math.max(height, MIN_ROWS)
  let showDetail = ui.view === 'metagraph' && ui.detail && !ui.help
  let bodyHeight = rows - fixed - (showDetail ? DETAIL_HEIGHT : 0)
  if (showDetail && bodyHeight < 3) {
    // Too short for both: the table wins, the pane comes back when the terminal grows.
    showDetail = false
    bodyHeight = rows - fixed
  }
  bodyHeight = Math.max(1, bodyHeight)
  const data = { model, ui, mine }
  let table = layoutView(spec, data, width, bodyHeight, paint) as ViewLayout<unknown>
  if (showDetail && !table.selected) {
    // Nothing selected (no rows): no pane.
    showDetail = false
    bodyHeight += DETAIL_HEIGHT
    table = layoutView(spec, data, width, bodyHeight, paint) as ViewLayout<unknown>
  }
  table.header = paint.bold(clip(table.header, width))

  let detail: string[] | null = null
  if (showDetail && table.selected) {
    const neuron = (table.selected as NeuronRow).neuron
    detail = detailLines(
      {
        neuron,
        history: model.history.netuid === ui.netuid ? model.history.byUid.get(neuron.uid) : undefined,
        mark: model.marks.get(neuron.uid),
        changes: model.neuronChanges.get(neuron.uid),
        block: model.snapshot?.block.number ?? 0,
        mine,
      },
      width,
      paint,
    )
  }

  const subnet = ui.netuid === null ? undefined : model.snapshot?.subnets.find((s) => s.netuid === ui.netuid)
  const epoch = subnet && model.snapshot ? { netuid: subnet.netuid, blocks: blocksToEpoch(subnet, model.snapshot.block.number) } : null
  const footer = hasFooter ? clip(table.footer ?? '', width) : null
  return {
    width,
    height: rows,
    banner,
    tabs: tabsLine(ui, width),
    table,
    bodyHeight,
    footer,
    empty: clip(spec.empty(data), Math.max(0, width - 4)),
    detail,
    help: ui.help
      ? helpLines(width)
          .slice(0, bodyHeight + 1)
          .map((l) => clip(l, width))
      : null,
    keyHelp: keyHelpLine(ui, width),
    epoch,
  }
}
