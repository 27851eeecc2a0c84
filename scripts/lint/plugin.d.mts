import type { ESLint } from 'eslint'

/** The project's own ESLint rules: tao/layers and tao/no-cycle (see plugin.mjs). */
declare const plugin: ESLint.Plugin
export default plugin
