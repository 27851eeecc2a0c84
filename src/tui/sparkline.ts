/** One-line charts: the newest `width` values as ▁▂▃▄▅▆▇█, scaled between their own minimum and maximum. */

const BARS = '▁▂▃▄▅▆▇█'

export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0) return ''
  const shown = values.length > width ? values.slice(values.length - width) : values
  if (shown.length === 0) return ''
  let min = Infinity
  let max = -Infinity
  for (const v of shown) {
    if (v < min) min = v
    if (v > max) max = v
  }
  // A flat series sits on the baseline, or in the middle when it is not zero (so "constant" reads as such).
  if (max === min) return (min === 0 ? BARS[0]! : BARS[3]!).repeat(shown.length)
  const span = max - min
  let out = ''
  for (const v of shown) out += BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / span) * BARS.length))]
  return out
}
