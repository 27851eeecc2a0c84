/**
 * A table body as Ink draws it cheaply: one <Text> per line (the line is formatted beforehand), only the
 * lines in view, each memoised on its text, so a new block re-renders just the rows whose text changed.
 */
import { Box, Text } from 'ink'
import { memo } from 'react'
import type { Paint } from './paint.js'

const Line = memo(function Line({ text }: { text: string }) {
  return <Text wrap="truncate-end">{text}</Text>
})

export interface TableBodyProps {
  header: string
  lines: readonly string[]
  /** Lines the body takes on screen, whatever the number of rows. */
  height: number
  /** Shown (dimmed) when there are no lines. */
  empty: string
  paint: Paint
}

export function TableBody({ header, lines, height, empty, paint }: TableBodyProps) {
  return (
    <Box flexDirection="column" height={height + 1} flexShrink={0}>
      <Line text={header} />
      {lines.length === 0 ? <Text>{paint.dim('    ' + empty)}</Text> : lines.map((line, i) => <Line key={i} text={line} />)}
    </Box>
  )
}
