/**
 * "Did you mean": the command names closest to what was typed, by edit distance over the space-separated words.
 * Pure; the command_not_found hook gives it oclif's command ids and topics.
 */

/** Levenshtein distance with adjacent transpositions counted as one edit ("wlalet" → "wallet"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  return d[a.length]![b.length]!
}

/**
 * The candidates (space-separated names) closest to the typed words, best first (at most `limit`).
 * Each candidate is compared with as many typed words as it has, so trailing arguments do not count.
 */
export function closest(typed: readonly string[], candidates: readonly string[], limit = 3): string[] {
  const scored = candidates
    .map((name) => {
      const words = name.split(' ')
      const attempt = typed.slice(0, words.length).join(' ')
      const distance = editDistance(attempt, name)
      // A few edits are a typo; a whole other word is not. Longer names tolerate more.
      const allowed = Math.max(1, Math.floor(name.length / 4))
      // A name longer than what was typed is not a typo of it; one typed exactly right is no suggestion.
      const useless = words.length > typed.length || (distance === 0 && words.length < typed.length)
      return { name, words: words.length, distance: useless ? Infinity : distance, allowed }
    })
    .filter((s) => s.distance <= s.allowed)
    // Fewest edits first; between equals, the name that explains more of what was typed (a command over its topic).
    .sort((a, b) => a.distance - b.distance || b.words - a.words || a.name.localeCompare(b.name))
  const best = scored[0]
  const names = scored.filter((s) => s.distance === best?.distance && s.words === best.words).map((s) => s.name)
  return [...new Set(names)].slice(0, limit)
}
