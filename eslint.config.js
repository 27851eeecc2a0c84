// ESLint for the whole tree, run by `npm run lint` (with tsc and the Prettier check) and so by scripts/test.sh.
// Prettier owns the layout: eslint-config-prettier comes last and turns off every rule that would fight it.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import tao from './scripts/lint/plugin.mjs'

// The layers of src/, top to bottom: a folder imports only folders on a LOWER line; folders on one line are peers
// and do not import each other. A file directly under src/ belongs to the bottom line. Tests are exempt.
const LAYERS = [
  ['commands', 'hooks'],
  ['cli'],
  ['tui', 'localnet'],
  ['subtensor'],
  ['tx'],
  ['node'],
  ['wallet'],
  ['config'],
  ['keystore'],
  ['fsx'],
  ['core'],
]

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts']
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'test/**']
const unusedVars = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }

export default defineConfig(
  { ignores: ['dist/**', 'man/**', 'docs/**', 'chain-specs/**', 'bench/.work/**', '.tmp/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      'no-unused-vars': ['error', unusedVars],
      // A terminal program: ANSI escapes and control characters in patterns are meant.
      'no-control-regex': 'off',
    },
  },

  // TypeScript: the recommended rules, and the type-aware ones that find real bugs (a promise nobody handles).
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { plugins: { tao }, rules: { 'tao/disable-reason': 'error' } },
  // Tests read the CLI's JSON output, whose shape the JSON Schemas check on every run.
  { files: TESTS, rules: { '@typescript-eslint/no-explicit-any': 'off' } },

  // The import graph points one way (scripts/lint/plugin.mjs): no cycle between files anywhere, and in src/
  // (tests aside) no import up the layers.
  { files: ['src/**', 'test/**'], plugins: { tao }, rules: { 'tao/no-cycle': ['error', { roots: ['src', 'test'] }] } },
  { files: ['src/**'], ignores: TESTS, plugins: { tao }, rules: { 'tao/layers': ['error', { root: 'src', layers: LAYERS }] } },

  prettier,
)
