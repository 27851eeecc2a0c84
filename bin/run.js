#!/usr/bin/env node
// Refuse an old Node with one clear line instead of a syntax or import error deep inside a dependency.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(`Error: tao needs Node.js 22 or newer (this is ${process.version}); run scripts/setup.sh or install Node 24 LTS.\n`)
  process.exit(2)
}
const { guardStdout, hoistGlobalFlags } = await import('../dist/cli/entry.js')
guardStdout()
const { execute } = await import('@oclif/core')
await execute({ dir: import.meta.url, args: hoistGlobalFlags(process.argv.slice(2)) })
