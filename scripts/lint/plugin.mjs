// ESLint rules of this project (plugin "tao"): the import graph of src/ points one way.
//   tao/layers          a file may import only folders of a LOWER layer (or its own folder); the order is the rule's option
//   tao/no-cycle        no import cycle between files, type-only and dynamic imports included
//   tao/disable-reason  an eslint-disable comment names its rules and says why (`-- reason`); a file-wide
//                       /* eslint-disable */ silences this rule too, so its own lines are the place to look
// Every import form counts: import, import type, export ... from, import(), typeof import('...'), import x = require().
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/

/** The string literals an import-like node names, with the node to report on. */
function importSources(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
    case 'TSImportType':
      return node.source?.type === 'Literal' && typeof node.source.value === 'string' ? [node.source] : []
    case 'TSExternalModuleReference':
      return node.expression?.type === 'Literal' && typeof node.expression.value === 'string' ? [node.expression] : []
    default:
      return []
  }
}

/** Calls `check(literalNode, specifier)` for every import in the file. */
function importVisitor(check) {
  const visit = (node) => {
    for (const lit of importSources(node)) check(lit, lit.value)
  }
  return {
    ImportDeclaration: visit,
    ExportAllDeclaration: visit,
    ExportNamedDeclaration: visit,
    ImportExpression: visit,
    TSImportType: visit,
    TSExternalModuleReference: visit,
  }
}

const isFile = (() => {
  const seen = new Map()
  return (p) => {
    let v = seen.get(p)
    if (v === undefined) {
      v = fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false
      seen.set(p, v)
    }
    return v
  }
})()

/** The file a relative specifier names, as NodeNext resolves it from TypeScript sources ('./x.js' is './x.ts'). */
function resolveRelative(fromFile, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined
  const base = path.resolve(path.dirname(fromFile), spec)
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '')
  const ext = path.extname(base)
  const candidates =
    ext === '.js' || ext === '.jsx'
      ? [`${stem}.ts`, `${stem}.tsx`, base]
      : ext === '.mjs'
        ? [`${stem}.mts`, base]
        : ext === '.cjs'
          ? [`${stem}.cts`, base]
          : [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]
  return candidates.find(isFile) ?? base
}

const posix = (p) => p.split(path.sep).join('/')

// ---------------------------------------------------------------------------------------------------------------
// tao/layers

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'imports in src/ point down the layer order: no import of a higher layer or of a peer' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 1 }, minItems: 1 },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: '{{from}} may not import {{to}}: layers point down: {{order}}',
      peer: '{{from}} may not import {{to}}: peers on one layer do not import each other: {{order}}',
      outside: '{{from}} may not import {{target}}: code under {{root}}/ imports only from {{root}}/ and packages',
      unknown: '{{folder}} is in no layer: add it to the layer order in eslint.config.js ({{order}})',
    },
  },
  create(context) {
    const { root: rootName, layers: order } = context.options[0]
    const root = path.resolve(context.cwd, rootName)
    const file = context.physicalFilename
    const rel = path.relative(root, file)
    if (rel.startsWith('..') || path.isAbsolute(rel)) return {}
    const rank = new Map(order.flatMap((names, i) => names.map((n) => [n, i])))
    const bottom = order.at(-1)[0]
    const orderText = order.map((names) => names.join(',')).join(' > ')
    // A file directly under the root belongs to the bottom layer.
    const folderOf = (relPath) => {
      const parts = posix(relPath).split('/')
      return parts.length === 1 ? bottom : parts[0]
    }
    const from = folderOf(rel)
    // A file directly under the root is named as such: "src/index.ts (core)".
    const fromText = posix(rel).includes('/') ? `${rootName}/${from}` : `${rootName}/${posix(rel)} (${from})`
    if (!rank.has(from)) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknown', data: { folder: `${rootName}/${from}`, order: orderText } })
        },
      }
    }
    return importVisitor((node, spec) => {
      const target = resolveRelative(file, spec)
      if (target === undefined) return
      const targetRel = path.relative(root, target)
      if (targetRel.startsWith('..') || path.isAbsolute(targetRel)) {
        const shown = posix(path.relative(context.cwd, target))
        context.report({ node, messageId: 'outside', data: { from: fromText, target: shown, root: rootName } })
        return
      }
      const to = folderOf(targetRel)
      if (to === from) return
      const data = { from: fromText, to: `${rootName}/${to}`, order: orderText }
      if (!rank.has(to)) return context.report({ node, messageId: 'unknown', data: { folder: data.to, order: orderText } })
      if (rank.get(to) < rank.get(from)) context.report({ node, messageId: 'upward', data })
      else if (rank.get(to) === rank.get(from)) context.report({ node, messageId: 'peer', data })
    })
  },
}

// ---------------------------------------------------------------------------------------------------------------
// tao/no-cycle: the graph of every source file under the roots is built once per process (ts.preProcessFile reads
// the imports without a parse), the linted file's own imports come from its AST.

function scanRoot(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) scanRoot(p, out)
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

const graphs = new Map()

function graphOf(roots) {
  const key = roots.join('\0')
  let graph = graphs.get(key)
  if (graph) return graph
  const edges = new Map()
  for (const root of roots) {
    if (!fs.existsSync(root)) continue
    for (const file of scanRoot(root, [])) {
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
      edges.set(file, new Set(importedFiles.map((f) => resolveRelative(file, f.fileName)).filter((t) => t !== undefined)))
    }
  }
  graph = { edges, components: undefined }
  graphs.set(key, graph)
  return graph
}

/** Strongly connected components (Tarjan, iterative): file -> its component when that holds more than one file. */
function components(edges) {
  const index = new Map()
  const low = new Map()
  const onStack = new Set()
  const stack = []
  const result = new Map()
  let next = 0
  for (const start of edges.keys()) {
    if (index.has(start)) continue
    const work = [[start, [...(edges.get(start) ?? [])].filter((t) => edges.has(t)), 0]]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work.at(-1)
      const [v, targets] = frame
      if (frame[2] < targets.length) {
        const w = targets[frame[2]++]
        if (!index.has(w)) {
          index.set(w, next)
          low.set(w, next++)
          stack.push(w)
          onStack.add(w)
          work.push([w, [...edges.get(w)].filter((t) => edges.has(t)), 0])
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)))
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work.at(-1)[0]
        low.set(parent, Math.min(low.get(parent), low.get(v)))
      }
      if (low.get(v) === index.get(v)) {
        const members = new Set()
        let w
        do {
          w = stack.pop()
          onStack.delete(w)
          members.add(w)
        } while (w !== v)
        if (members.size > 1) for (const m of members) result.set(m, members)
      }
    }
  }
  return result
}

/** The shortest import path from `from` back to `to` inside one component. */
function pathBack(edges, members, from, to) {
  const prev = new Map([[from, undefined]])
  const queue = [from]
  while (queue.length > 0) {
    const v = queue.shift()
    if (v === to) break
    for (const w of edges.get(v) ?? []) {
      if (members.has(w) && !prev.has(w)) {
        prev.set(w, v)
        queue.push(w)
      }
    }
  }
  const route = []
  for (let v = to; v !== undefined; v = prev.get(v)) route.unshift(v)
  return route
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle between files (type-only and dynamic imports count)' },
    schema: [
      {
        type: 'object',
        properties: { roots: { type: 'array', items: { type: 'string' }, minItems: 1 } },
        required: ['roots'],
        additionalProperties: false,
      },
    ],
    messages: {
      cycle: 'import cycle: {{route}}: move what these files share to a file they both import',
    },
  },
  create(context) {
    const roots = context.options[0].roots.map((r) => path.resolve(context.cwd, r))
    const file = context.physicalFilename
    const graph = graphOf(roots)
    if (!graph.edges.has(file)) return {}
    const found = []
    return {
      ...importVisitor((node, spec) => {
        const target = resolveRelative(file, spec)
        if (target !== undefined) found.push([node, target])
      }),
      'Program:exit'() {
        // The file as it is now (an editor's unsaved text) replaces what the scan read.
        const now = new Set(found.map(([, t]) => t))
        const before = graph.edges.get(file)
        if (now.size !== before.size || [...now].some((t) => !before.has(t))) {
          graph.edges.set(file, now)
          graph.components = undefined
        }
        graph.components ??= components(graph.edges)
        const members = graph.components.get(file)
        if (!members) return
        for (const [node, target] of found) {
          if (!members.has(target)) continue
          const route = [file, ...pathBack(graph.edges, members, target, file)]
          const shown = route.map((f) => posix(path.relative(context.cwd, f))).join(' -> ')
          context.report({ node, messageId: 'cycle', data: { route: shown } })
        }
      },
    }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// tao/disable-reason

const DIRECTIVE = /^\s*eslint-disable(?:-next-line|-line)?(?=\s|$)(.*)$/s

const disableReason = {
  meta: {
    type: 'suggestion',
    docs: { description: 'an eslint-disable comment names the rules it turns off and gives a reason after --' },
    schema: [],
    messages: {
      noRule: 'name the rule this comment turns off (eslint-disable-next-line RULE -- reason)',
      noReason: 'say why the rule does not apply here, after " -- "',
    },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const m = DIRECTIVE.exec(comment.value)
          if (!m) continue
          const [rules, reason] = m[1].split(/\s--\s/)
          if (rules.trim() === '') context.report({ loc: comment.loc, messageId: 'noRule' })
          else if (!reason?.trim()) context.report({ loc: comment.loc, messageId: 'noReason' })
        }
      },
    }
  },
}

export default {
  meta: { name: 'tao' },
  rules: { layers, 'no-cycle': noCycle, 'disable-reason': disableReason },
}
