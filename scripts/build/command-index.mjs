#!/usr/bin/env node
// dist/command-index.json: each command id (and alias) → its built file, from oclif.manifest.json. The entry
// (src/cli/direct-run.ts) runs a known command straight from this index, without loading oclif's whole
// configuration at every start; help, completion and unknown commands still go through oclif.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const manifest = JSON.parse(readFileSync(path.join(root, 'oclif.manifest.json'), 'utf8'))
const commands = {}
for (const [id, command] of Object.entries(manifest.commands)) {
  const entry = { id, file: command.relativePath.join('/') }
  commands[id] = entry
  for (const alias of command.aliases ?? []) commands[alias] = entry
}
writeFileSync(path.join(root, 'dist', 'command-index.json'), JSON.stringify({ version: manifest.version, commands }) + '\n')
