/**
 * The `--json` contract (docs/json.md) as a check every test gets for free: `runTao` (and the other helpers
 * that run the CLI) hand each `--json` run to `assertJsonContract`, which validates stdout against the
 * command's schema in docs/schemas/ (its success document, or its error document) and fails the test with
 * the command, the path in the document and the rule broken.
 *
 *     const problems = jsonContractProblems(['wallet', 'balance', '--json'], { code: 0, stdout })
 *
 * The schemas are draft 2020-12, compiled with ajv in strict mode, plus two things JSON Schema cannot say:
 * format `ss58` (a valid SS58 address with Bittensor's prefix) and keyword `amountExact` (an amount's `tao`
 * is exactly its `rao` / 10^9).
 */
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hoistGlobalFlags } from '../../src/cli/argv.js'
import { decodeAddress } from '../../src/core/ss58.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const schemaDir = path.join(repoRoot, 'docs', 'schemas')
export const COMMON_SCHEMA = 'common.schema.json'
const BITTENSOR_PREFIX = 42

/** The schema file of a command id (`stake:child:get` → `stake-child-get.schema.json`). */
export const schemaFileOf = (id: string): string => `${id.split(':').join('-')}.schema.json`

/** tao = rao / 10^9 exactly, both as canonical decimal strings (the patterns check the form). */
export function amountProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined // `type` reports it
  const { rao, tao } = value as { rao?: unknown; tao?: unknown }
  if (typeof rao !== 'string' || typeof tao !== 'string' || !/^\d+$/.test(rao) || !/^\d+(\.\d{1,9})?$/.test(tao)) return undefined // the patterns report it
  const [whole, fraction = ''] = tao.split('.')
  const fromTao = BigInt(whole!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'))
  return fromTao === BigInt(rao) ? undefined : `tao "${tao}" is not rao ${rao} / 10^9 (that is ${fromTao} rao)`
}

export const isSs58 = (text: string): boolean => {
  const decoded = decodeAddress(text)
  return decoded.ok && decoded.prefix === BITTENSOR_PREFIX
}

export interface Contract {
  ajv: Ajv2020
  /** A command's validator (compiled on first use), or undefined when the command has no schema. */
  validatorOf(id: string): ValidateFunction | undefined
  /** The validator of a document that is only an error (an unknown command). */
  errorOnly(): ValidateFunction
  /** Every schema file's parsed JSON, by file name. */
  files: Map<string, AnySchemaObject>
}

/** A fresh ajv with this project's format and keyword. */
export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false })
  ajv.addFormat('ss58', { type: 'string', validate: isSs58 })
  const amountExact = (want: boolean, data: unknown): boolean => {
    const problem = want ? amountProblem(data) : undefined
    amountExact.errors = problem ? [{ keyword: 'amountExact', message: problem, params: {} } as ErrorObject] : undefined
    return problem === undefined
  }
  amountExact.errors = undefined as ErrorObject[] | undefined
  ajv.addKeyword({ keyword: 'amountExact', type: 'object', schemaType: 'boolean', errors: true, validate: amountExact })
  return ajv
}

let loaded: Contract | undefined

/** Every schema in docs/schemas, loaded once per test process; each compiled when first needed. */
export function contract(): Contract {
  if (loaded) return loaded
  const ajv = newAjv()
  const files = new Map<string, AnySchemaObject>()
  for (const name of readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8')) as AnySchemaObject
    files.set(name, schema)
    ajv.addSchema(schema, name)
  }
  loaded = {
    ajv,
    files,
    validatorOf: (id) => (files.has(schemaFileOf(id)) ? ajv.getSchema(schemaFileOf(id)) : undefined),
    errorOnly: () => ajv.getSchema(`${COMMON_SCHEMA}#/$defs/errorOnly`)!,
  }
  return loaded
}

interface Manifest {
  commands: Record<string, { aliases?: string[] }>
}

const manifest = (): Manifest => JSON.parse(readFileSync(path.join(repoRoot, 'oclif.manifest.json'), 'utf8')) as Manifest

/** Every command id the built CLI has (oclif.manifest.json). */
export const manifestIds = (): string[] => Object.keys(manifest().commands).sort()

/**
 * The command a `tao` argv runs (`['--network', 'local', 'wallet', 'balance', '--json']` → `wallet:balance`),
 * aliases resolved (`subnets metagraph` → `subnets:show`); undefined when it names none.
 */
export function commandOf(args: readonly string[]): string | undefined {
  const m = manifest()
  const ids = new Map<string, string>()
  for (const [id, c] of Object.entries(m.commands)) {
    ids.set(id, id)
    for (const alias of c.aliases ?? []) ids.set(alias, id)
  }
  const argv = hoistGlobalFlags(args)
  const words: string[] = []
  for (const token of argv) {
    if (token.startsWith('-')) break
    words.push(token)
  }
  for (let n = words.length; n > 0; n--) {
    const id = ids.get(words.slice(0, n).join(':'))
    if (id) return id
  }
  return undefined
}

export interface RunOutcome {
  code: number
  stdout: string
  /** The signal that ended the process, if one did (then stdout may be cut short). */
  signal?: NodeJS.Signals | null
}

/**
 * What is wrong with a run's stdout under the contract, one line each (empty: nothing). Only runs with
 * `--json` are checked; a run killed by a signal (a test's timeout) or interrupted (130) may have printed
 * nothing.
 */
export function jsonContractProblems(args: readonly string[], run: RunOutcome): string[] {
  if (!args.includes('--json') || args.includes('--help')) return []
  const id = commandOf(args)
  const c = contract()
  const validate = id ? c.validatorOf(id) : undefined
  if (id && !validate) return [`no schema for "${id}" (docs/schemas/${schemaFileOf(id)})`]
  if (run.stdout.trim() === '') {
    if (run.signal || run.code === 130) return []
    return ['stdout is empty: with --json it carries exactly one JSON document']
  }
  // --watch: one document a line; otherwise exactly one document.
  const texts = args.includes('--watch') ? run.stdout.split('\n').filter((l) => l.trim() !== '') : [run.stdout]
  const problems: string[] = []
  texts.forEach((text, i) => {
    const where = texts.length > 1 ? `document ${i + 1}: ` : ''
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch (e) {
      // A watch cut short by a signal may end in half a line.
      if (!(run.signal && i === texts.length - 1))
        problems.push(`${where}stdout is not one JSON document (${(e as Error).message}): ${clip(text)}`)
      return
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push(`${where}the document is not a JSON object: ${clip(text)}`)
      return
    }
    const isError = 'error' in doc
    const check = validate ?? (isError ? c.errorOnly() : undefined)
    if (!check) return // not a command of ours (oclif's own, e.g. help)
    if (!check(doc)) problems.push(...describeErrors(check.errors ?? []).map((p) => where + p))
    // The exit code is the same with and without --json, and the error document names it.
    const exitCode = (doc as { error?: { exitCode?: unknown } }).error?.exitCode
    if (isError && exitCode !== run.code && !run.signal)
      problems.push(`${where}/error/exitCode: ${String(exitCode)} but the process exited ${run.code}`)
    // With --watch the documents before the last were printed while all was well; only the last one ends the run.
    const ended = !args.includes('--watch') || i === texts.length - 1
    if (
      ended &&
      !isError &&
      run.code !== 0 &&
      !run.signal &&
      !(id === 'wallet:verify' && (doc as { valid?: unknown }).valid === false) &&
      run.code !== 130
    )
      problems.push(`${where}the process exited ${run.code} but printed a success document (a failure prints {"error": …})`)
  })
  return problems
}

/** Throw, naming the command, its schema and every rule broken, when the run breaks the contract. */
export function assertJsonContract(args: readonly string[], run: RunOutcome): void {
  const problems = jsonContractProblems(args, run)
  if (problems.length === 0) return
  const id = commandOf(args)
  const schema = id ? `docs/schemas/${schemaFileOf(id)}` : `docs/schemas/${COMMON_SCHEMA}#/$defs/errorOnly`
  throw new Error(
    `\`tao ${args.join(' ')}\` breaks the JSON contract (docs/json.md, ${schema}):\n` +
      problems.map((p) => `  - ${p}`).join('\n') +
      `\n  stdout: ${clip(run.stdout, 1500)}`,
  )
}

/** ajv's errors as "/path: rule (details)", the noise of combinators left out when something more precise is there. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  const combinators = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not'])
  let precise = errors.filter((e) => !combinators.has(e.keyword))
  // A failing subschema's fields count as unevaluated too: those are only worth saying when nothing else is wrong.
  const other = precise.filter((e) => e.keyword !== 'unevaluatedProperties')
  if (other.length) precise = other
  const shown = (precise.length ? precise : errors).map((e) => {
    const at = e.instancePath || '/'
    const p = e.params as Record<string, unknown>
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${String(p.additionalProperty)}" (a field the contract does not document)`
        : e.keyword === 'unevaluatedProperties'
          ? ` "${String(p.unevaluatedProperty)}" (a field the contract does not document)`
          : ''
    const message =
      e.keyword === 'false schema'
        ? 'must not be here: the contract gives this field only in other cases (status, mode, flags)'
        : (e.message ?? e.keyword)
    return `${at}: ${message}${extra} [${e.keyword} at ${e.schemaPath}]`
  })
  return [...new Set(shown)].slice(0, 15)
}

const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}…` : text).replace(/\n/g, '\\n')
