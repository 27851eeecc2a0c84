// The project's own modules for a bench, from the sources: dist/ holds one bundle per command, not a
// module per source file. The named modules are bundled by esbuild into one ES module under bench/.work/
// (packages stay imports from node_modules), so they share one copy of whatever they have in common.
//
//   const { connect, readMetagraph } = await source('src/node/index.ts', 'src/subtensor/subnets/metagraph.ts')
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))

export const source = (...modules) => sourceIn(root, '', ...modules)

/** The same modules from another tree (`bench/chain.mjs --compare DIR`), bundled apart; packages from this tree's. */
source.from = (tree, ...modules) => sourceIn(tree, 'compare-', ...modules)

async function sourceIn(tree, prefix, ...modules) {
  const work = join(root, 'bench', '.work')
  mkdirSync(work, { recursive: true })
  const name =
    prefix +
    modules
      .map((m) =>
        m
          .replace(/^src\//, '')
          .replace(/\.tsx?$/, '')
          .replace(/\W+/g, '_'),
      )
      .join('+')
  const outfile = join(work, `${name.slice(0, 120)}.mjs`)
  await build({
    stdin: { contents: modules.map((m) => `export * from ${JSON.stringify(join(tree, m))}`).join('\n'), resolveDir: tree, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    jsx: 'automatic',
    outfile,
    logLevel: 'error',
  })
  return import(pathToFileURL(outfile).href)
}
