#!/usr/bin/env node
// Refuse an old Node with one clear line instead of a syntax or import error deep inside a dependency.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(`Error: tao needs Node.js 22 or newer (this is ${process.version}); run scripts/setup.sh or install Node 24 LTS.\n`)
  process.exit(2)
}
// Node keeps the compiled code of dist/ on disk, so later starts skip parsing and compiling it (issue 9).
// NODE_COMPILE_CACHE picks the folder and NODE_DISABLE_COMPILE_CACHE turns it off, as for any Node program.
const { enableCompileCache } = await import('node:module')
if (enableCompileCache && !process.env.NODE_COMPILE_CACHE) {
  const { homedir } = await import('node:os')
  const env = process.env
  const cacheDir = env.TAO_CACHE_DIR || (env.XDG_CACHE_HOME ? `${env.XDG_CACHE_HOME}/taocli` : `${homedir()}/.cache/taocli`)
  enableCompileCache(`${cacheDir}/compile`)
}
const { main } = await import('../dist/cli.js')
await main()
