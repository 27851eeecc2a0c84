/**
 * Integers as the runtime stores them, and plain text forms of numbers. Imports nothing: amounts
 * (./amount.ts) build on it.
 */

export const U16_MAX = 65535
export const U64_MAX = (1n << 64n) - 1n

/** A u16 fraction (weights, rank, trust, incentive, takes) as a number in [0, 1]: raw / 65535, as the runtime reads it. */
export const u16Fraction = (raw: number): number => raw / U16_MAX

/** A u64 fraction (child proportions, TaoWeight) as a number in [0, 1]: raw / (2^64 − 1), as the runtime reads it. */
export const u64Fraction = (raw: bigint): number => Number(raw) / Number(U64_MAX)

/** A whole number's digits in groups of three: 1234567 → "1,234,567" (a sign stays in front). */
export const groupThousands = (whole: bigint | number | string): string => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** A [0, 1] figure with 4 decimals. */
export const fraction = (x: number): string => x.toFixed(4)
