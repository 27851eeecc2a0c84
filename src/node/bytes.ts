/** Number of bytes a SCALE compact integer starting at `bytes[offset]` takes. */
export function compactLength(bytes: Uint8Array, offset = 0): number {
  const first = bytes[offset] ?? 0
  switch (first & 3) {
    case 0:
      return 1
    case 1:
      return 2
    case 2:
      return 4
    default:
      return (first >> 2) + 5
  }
}

/** Value of the SCALE compact integer at `bytes[offset]`, as a number (lengths only). */
export function compactValue(bytes: Uint8Array, offset = 0): number {
  const len = compactLength(bytes, offset)
  if (len === 1) return bytes[offset]! >> 2
  let v = 0n
  if (len <= 4) {
    for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]!)
    return Number(v >> 2n)
  }
  for (let i = len - 1; i >= 1; i--) v = (v << 8n) | BigInt(bytes[offset + i]!)
  return Number(v)
}
