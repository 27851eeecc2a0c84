/**
 * `tao watch` as one Ink component: it listens to a live source, folds its events into the live model,
 * turns keys into UI state, and draws the frame computed by `frameLayout`. No RPC here: the source is
 * the only way data comes in.
 */
import { Box, Text, useApp, useInput, useWindowSize } from 'ink'
import { memo, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { connectionBanner, statusLine } from './chrome.js'
import { DetailPane } from './detail-pane.js'
import { clip, pad } from './format.js'
import { frameLayout } from './frame.js'
import { applyKeys, keyPresses } from './keys.js'
import type { Mine } from './mine.js'
import { applyEvent, initialModel, type LiveModel } from './model.js'
import { plainPaint, type Paint } from './paint.js'
import type { Connection, FollowMode, LiveSource, SourceEvent } from './source.js'
import { initialUi } from './state.js'
import { TableBody } from './table-body.js'

export interface WatchAppProps {
  source: LiveSource
  mine: Mine
  /** The network's name or URL, for the status line. */
  network: string
  follow: FollowMode
  /** Open on this subnet's metagraph (null: the subnets overview). */
  netuid: number | null
  /** A fixed size (tests); the terminal's size otherwise, following resizes. */
  size?: { columns: number; rows: number }
  paint?: Paint
  clock?: () => number
  /** How often the "updated … ago" text is refreshed (ms); 0: only when something else changes. */
  tickMs?: number
  /** Called when the user quits, before the app unmounts. */
  onQuit?: () => void
}

export function WatchApp(props: WatchAppProps) {
  const { exit } = useApp()
  const terminal = useWindowSize()
  const width = props.size?.columns ?? terminal.columns
  const height = props.size?.rows ?? terminal.rows
  const clock = props.clock ?? Date.now
  const paint = props.paint ?? plainPaint
  const { source, mine } = props

  const [model, dispatch] = useReducer(
    (m: LiveModel, e: { event: SourceEvent; at: number }) => applyEvent(m, e.event, e.at),
    undefined,
    initialModel,
  )
  const [ui, setUi] = useState(() => initialUi(props.netuid))

  // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription per source: a new clock (an inline prop) must not subscribe again
  useEffect(() => source.subscribe((event) => dispatch({ event, at: clock() })), [source])
  useEffect(() => source.focus(ui.netuid), [source, ui.netuid])
  useEffect(() => {
    if (!ui.quit) return
    props.onQuit?.()
    exit()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- quitting happens once, when ui.quit turns true
  }, [ui.quit])

  const frame = useMemo(() => frameLayout(model, ui, mine, width, height, paint), [model, ui, mine, width, height, paint])
  const rowContext = useRef(frame.table.ctx)
  rowContext.current = frame.table.ctx
  const uiNow = useRef(ui)
  uiNow.current = ui
  const modelNow = useRef(model)
  modelNow.current = model
  useInput((input, key) => {
    const presses = keyPresses(input, key)
    const drawn = { state: uiNow.current, ctx: rowContext.current }
    const rowsOf = (s: typeof ui) => frameLayout(modelNow.current, s, mine, width, height, plainPaint).table.ctx
    setUi((s) => applyKeys(s, presses, drawn, rowsOf))
  })

  const { tabs } = frame
  return (
    <Box flexDirection="column" width={width} height={frame.height}>
      <StatusBar
        network={props.network}
        follow={props.follow}
        block={model.snapshot?.block.number ?? null}
        updatedAt={model.updatedAt}
        epochNetuid={frame.epoch?.netuid ?? null}
        epochBlocks={frame.epoch?.blocks ?? null}
        connection={model.connection}
        warning={model.warning}
        banner={frame.banner}
        width={width}
        paint={paint}
        clock={clock}
        tickMs={props.tickMs ?? 1000}
      />
      <Text wrap="truncate-end">{tabs.before + paint.inverse.bold(tabs.current) + tabs.after}</Text>
      {frame.help ? (
        <Box flexDirection="column" height={frame.bodyHeight + 1} flexShrink={0}>
          {frame.help.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {line}
            </Text>
          ))}
        </Box>
      ) : (
        <TableBody header={frame.table.header} lines={frame.table.lines} height={frame.bodyHeight} empty={frame.empty} paint={paint} />
      )}
      {frame.footer !== null && <Text wrap="truncate-end">{paint.dim(frame.footer)}</Text>}
      {frame.detail && <DetailPane lines={frame.detail} />}
      <Text wrap="truncate-end">{paint.dim(frame.keyHelp)}</Text>
    </Box>
  )
}

interface StatusBarProps {
  network: string
  follow: FollowMode
  block: number | null
  updatedAt: number | null
  epochNetuid: number | null
  epochBlocks: number | null
  connection: Connection
  warning: string | null
  banner: boolean
  width: number
  paint: Paint
  clock: () => number
  tickMs: number
}

/** The status line (and the banner): the only part redrawn every second, for "updated … ago". */
const StatusBar = memo(function StatusBar(p: StatusBarProps) {
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (p.tickMs <= 0) return
    const timer = setInterval(tick, p.tickMs)
    return () => clearInterval(timer)
  }, [p.tickMs])
  const now = p.clock()
  const line = statusLine(
    {
      network: p.network,
      follow: p.follow,
      block: p.block,
      sinceUpdate: p.updatedAt === null ? null : now - p.updatedAt,
      epoch: p.epochNetuid === null ? null : { netuid: p.epochNetuid, blocks: p.epochBlocks },
      connection: p.connection,
    },
    p.width,
  )
  const banner =
    connectionBanner(p.connection, now, p.width) ?? (p.warning ? clip(`⚠ ${p.warning} · last data kept on screen`, p.width) : null)
  return (
    <>
      <Text wrap="truncate-end">{p.paint.bold(line)}</Text>
      {p.banner && <Text wrap="truncate-end">{p.paint.bgRed.whiteBright(pad(banner ?? '', p.width))}</Text>}
    </>
  )
})
