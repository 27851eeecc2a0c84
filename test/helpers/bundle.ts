/**
 * A source module bundled by esbuild into one file a plain `node` child can import: the built CLI is bundled per
 * command (dist/ has no module per source file), and a test that drives a module in another process, to kill it
 * at a chosen instant, needs one.
 *
 *     const url = await bundleForChild(new URL('../../src/wallet/store.ts', import.meta.url), dir)
 *     spawn(process.execPath, ['--input-type=module', '-e', `import { saveKeys } from ${JSON.stringify(url)}; …`])
 */
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export async function bundleForChild(source: URL | string, outDir: string): Promise<string> {
  const entry = source instanceof URL ? fileURLToPath(source) : source
  const outfile = join(outDir, `${basename(entry).replace(/\.tsx?$/, '')}.bundle.mjs`)
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' })
  return pathToFileURL(outfile).href
}
