/**
 * Text for the live views: compact numbers that fit a column, shortened addresses, ages. Display only:
 * amounts stay bigint everywhere else and are turned into numbers here, at the edge, where a few
 * significant digits are all a table cell can show.
 */

const UNIT = 1e9

/**
 * One cell's text, at most `width` characters: padded to the left (numbers) or right (text); text cut
 * short ends in '~'. Table rows stay printable ASCII where they can: Ink measures every line of every
 * frame, and a line with any other character takes the slow Unicode path (about 3x the time, measured).
 */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const chars = [...text]
  if (chars.length > width) return width <= 0 ? '' : chars.slice(0, width - 1).join('') + '~'
  const fill = ' '.repeat(width - chars.length)
  return align === 'right' ? fill + text : text + fill
}

/** Cut a line to `width` characters (no wrapping, ever). */
export function clip(line: string, width: number): string {
  const chars = [...line]
  return chars.length <= width ? line : chars.slice(0, Math.max(0, width - 1)).join('') + '…'
}

/**
 * Text from the chain (subnet names, symbols) made safe for a fixed-width cell: no control or bidi
 * characters, and wide (CJK, emoji) characters shown as '?', so every character is one cell.
 */
export function cleanText(text: string): string {
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (
      cp < 0x20 ||
      (cp >= 0x7f && cp < 0xa0) ||
      (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2066 && cp <= 0x2069)
    )
      continue
    if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue // combining marks, variation selectors
    out += isWide(cp) ? '?' : ch
  }
  return out
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x1f000
  )
}

/** An SS58 address in `width` cells: whole when it fits, else its start and end around '..' (ASCII, see pad). */
export function shortAddress(address: string, width: number): string {
  if (address.length <= width) return address
  if (width <= 4) return address.slice(0, Math.max(0, width))
  const keep = width - 2
  const head = Math.ceil(keep / 2)
  return address.slice(0, head) + '..' + address.slice(address.length - (keep - head))
}

/**
 * An amount in base units (rao, or alpha's 9-decimal units) in about 8 cells: 1.23B, 45.67M, 12.35k,
 * 1234.57, 12.3457, 0.0001235; exact zero is "0".
 */
export function compactAmount(base: bigint): string {
  if (base === 0n) return '0'
  const negative = base < 0n
  const units = Number(negative ? -base : base) / UNIT
  const text = compactNumber(units)
  return negative ? '-' + text : text
}

function compactNumber(n: number): string {
  if (n >= 1e9) return trimZeros((n / 1e9).toFixed(2)) + 'B'
  if (n >= 1e6) return trimZeros((n / 1e6).toFixed(2)) + 'M'
  if (n >= 1e4) return trimZeros((n / 1e3).toFixed(2)) + 'k'
  if (n >= 1000) return trimZeros(n.toFixed(2))
  if (n >= 1) return trimZeros(n.toFixed(4))
  // Below one: four significant digits in at most 9 cells; dust below 0.0001 in exponent form.
  if (n < 1e-4) return n.toExponential(2).replace(/\.?0+e/, 'e')
  return trimZeros(n.toFixed(Math.min(7, 3 - Math.floor(Math.log10(n)))))
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s)

/** A price (TAO per alpha, scaled by 1e9) or '-' when the pool is empty. */
export const compactPrice = (price: bigint | null): string => (price === null ? '-' : compactAmount(price))

/** A normalised u16 (a number in [0, 1]) with 4 decimals; exact zero is "0". */
export const unitValue = (x: number): string => (x === 0 ? '0' : x.toFixed(4))

/** Milliseconds as "4s", "2m05s", "1h02m". */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** An axon as "ip:port", or '-' when never served. */
export const axonText = (axon: { ip: string | null; port: number } | null): string =>
  axon?.ip ? (axon.ip.includes(':') ? `[${axon.ip}]:${axon.port}` : `${axon.ip}:${axon.port}`) : '-'

const SGR = /\u001b\[[0-9;]*m/y

/** Cut a line with colour codes to `width` visible cells; the codes are kept, so colours still close. */
export function clipAnsi(line: string, width: number): string {
  let out = ''
  let seen = 0
  let i = 0
  while (i < line.length) {
    SGR.lastIndex = i
    const m = SGR.exec(line)
    if (m) {
      out += m[0]
      i += m[0].length
      continue
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!)
    if (seen < width) out += ch
    seen++
    i += ch.length
  }
  return out
}
