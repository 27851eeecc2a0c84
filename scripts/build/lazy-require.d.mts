/** CommonJS source with each top-level `require` deferred to its first use (see lazy-require.mjs). */
export function lazyRequires(source: string): string
