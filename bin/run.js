#!/usr/bin/env node
// Refuse an old Node with one clear line instead of a syntax or import error deep inside a dependency.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(`Error: tao needs Node.js 22 or newer (this is ${process.version}); run scripts/setup.sh or install Node 24 LTS.\n`)
  process.exit(2)
}
// `tao … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
const { execute } = await import('@oclif/core')
await execute({ dir: import.meta.url })
