/**
 * polkadot-api can report "ChainHead disjointed" through the console when a client is torn down while
 * something still listens. It means nothing to a user; this filter drops exactly that message (and
 * DisjointError objects) from the console, and nothing else.
 */
const NOISE = /ChainHead disjointed|DisjointError/

let installed = false

const isNoise = (arg: unknown): boolean =>
  (typeof arg === 'string' && NOISE.test(arg)) || (arg instanceof Error && (NOISE.test(arg.message) || NOISE.test(arg.name)))

/** Install the console filter once per process. */
export function muteDisjointNoise(): void {
  if (installed) return
  installed = true
  for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    const original = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      if (args.some(isNoise)) return
      original(...args)
    }
  }
}

/** Run a teardown with the filter in place and its exceptions swallowed. */
export function quietly(teardown: () => void): void {
  muteDisjointNoise()
  try {
    teardown()
  } catch {
    /* already torn down */
  }
}
