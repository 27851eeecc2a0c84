/**
 * The detail pane of one UID: keys, its stake, incentive, dividends and emission over the blocks seen this
 * session as sparklines, axon, registration block and last update.
 */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { Neuron } from '../subtensor/models.js'
import type { ChangeSet, Registration } from './changes.js'
import { axonText, clip, clipAnsi, compactAmount, unitValue } from './format.js'
import type { UidHistory, SeriesName } from './history.js'
import type { Mine } from './mine.js'
import type { Paint } from './paint.js'
import { sparkline } from './sparkline.js'

/** Lines the pane takes, border included. */
export const DETAIL_HEIGHT = 8

export interface DetailInput {
  neuron: Neuron
  history: UidHistory | undefined
  mark: Registration | undefined
  changes: ChangeSet | undefined
  block: number
  mine: Mine
}

const LABEL = 11

export function detailLines(d: DetailInput, width: number, paint: Paint): string[] {
  const n = d.neuron
  const name = (ss58: string) => {
    const local = d.mine.names.get(ss58)
    return local ? `${ss58} (${local})` : ss58
  }
  const tags = [
    d.mine.hotkeys.has(n.hotkey) || d.mine.coldkeys.has(n.coldkey) ? 'mine' : '',
    n.validatorPermit ? 'validator permit' : '',
    n.active ? 'active' : 'inactive',
    d.mark
      ? d.mark.kind === 'new'
        ? `registered at #${d.mark.block} (this session)`
        : `replaced ${short(d.mark.previousHotkey)} at #${d.mark.block}`
      : '',
  ].filter(Boolean)
  const title = `── UID ${n.uid} · ${tags.join(' · ')} `
  const points = d.history?.series.stake.length ?? 0
  const chartWidth = Math.max(8, Math.min(90, width - LABEL - 26))
  const series = (label: string, s: SeriesName, value: string, tracks: string) => {
    const values = d.history?.series[s].last(chartWidth) ?? []
    const dir = d.changes?.[tracks]
    const shown = dir === 'up' ? paint.green(value + ' ↑') : dir === 'down' ? paint.red(value + ' ↓') : value
    return ` ${label.padEnd(LABEL - 1)}${paint.cyan(sparkline(values, chartWidth).padEnd(chartWidth))}  ${shown}`
  }
  const axon = n.axon?.ip ? `${axonText(n.axon)} (v${n.axon.version}, protocol ${n.axon.protocol}, served #${n.axon.block})` : 'not served'
  const lines = [
    paint.bold(clip(title + '─'.repeat(Math.max(0, width - [...title].length)), width)),
    ` hotkey  ${name(n.hotkey)}   coldkey ${name(n.coldkey)}`,
    series(
      'stake',
      'stake',
      `${compactAmount(n.alphaStake)} α, unstaking pays ${compactAmount(n.stakeSwapValue)} τ (spot ${compactAmount(n.stakeSpotValue)} τ)`,
      'stake',
    ),
    series('incentive', 'incentive', unitValue(n.incentive), 'incentive'),
    series('dividends', 'dividends', unitValue(n.dividends), 'dividends'),
    series('emission', 'emission', `${compactAmount(n.emission)} α`, 'emission'),
    ` axon ${axon} · registered ${n.registeredAt === null ? '-' : `#${n.registeredAt}`} · last update #${n.lastUpdate} (${Math.max(0, d.block - n.lastUpdate)} blocks ago)`,
    paint.dim(` ${points} block${points === 1 ? '' : 's'} seen this session`),
  ]
  return lines.map((l) => clipAnsi(l, width))
}

const short = (ss58: string | undefined) => (ss58 ? `${ss58.slice(0, 6)}…${ss58.slice(-4)}` : 'another hotkey')

export const DetailPane = memo(function DetailPane({ lines }: { lines: readonly string[] }) {
  return (
    <Box flexDirection="column" height={DETAIL_HEIGHT} flexShrink={0}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  )
})
