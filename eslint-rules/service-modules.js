// The service's module boundaries (docs/architecture.md): a module is src/server/modules/<name>/, its
// index.ts is its front door. Lint reports an import of another module's inside, a shared folder (db/,
// http/) that reaches up into a module, and an import that closes a cycle between modules.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const MODULES = 'src/server/modules'
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g

const repoPath = (file) => path.relative(process.cwd(), file).split(path.sep).join('/')
const moduleOf = (p) => (p.startsWith(`${MODULES}/`) ? p.slice(MODULES.length + 1).split('/')[0] : null)
const resolve = (fromFile, spec) =>
  spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec)) : null

/** Which modules each module imports (any file of it, types included), read from the files once per run. */
let graph
function moduleGraph() {
  if (graph) return graph
  graph = new Map()
  for (const name of readdirSync(MODULES)) {
    const uses = new Set()
    for (const file of readdirSync(`${MODULES}/${name}`, { recursive: true })) {
      if (!/\.tsx?$/.test(file)) continue
      const from = `${MODULES}/${name}/${String(file).split(path.sep).join('/')}`
      for (const m of readFileSync(from, 'utf8').matchAll(IMPORT)) {
        const target = resolve(from, m[1] ?? m[2])
        const other = target && moduleOf(target)
        if (other && other !== name) uses.add(other)
      }
    }
    graph.set(name, uses)
  }
  return graph
}

/** A path of modules from `from` to `to`, if there is one. */
function pathBetween(from, to, seen = new Set()) {
  if (from === to) return [to]
  seen.add(from)
  for (const next of moduleGraph().get(from) ?? []) {
    if (seen.has(next)) continue
    const rest = pathBetween(next, to, seen)
    if (rest) return [from, ...rest]
  }
  return null
}

const frontDoor = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = repoPath(context.filename)
    const own = moduleOf(file)
    const shared = /^src\/server\/(db|http)\//.exec(file)?.[1]
    function check(node, spec, typeOnly) {
      const target = resolve(file, spec)
      const other = target && moduleOf(target)
      if (!other || other === own) return
      const inner = target.slice(`${MODULES}/${other}`.length + 1)
      if (inner && inner !== 'index') {
        return context.report({
          node,
          message: `Import the ${other} module through its front door (modules/${other}), not its inside (${inner}).`,
        })
      }
      if (shared && !(shared === 'http' && typeOnly)) {
        return context.report({
          node,
          message: `${shared}/ sits below the modules: it does not import modules/${other}.`,
        })
      }
      const back = own && pathBetween(other, own)
      if (back)
        context.report({ node, message: `modules/${own} → modules/${other} closes a cycle: ${back.join(' → ')}.` })
    }
    const typeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'))
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    }
  },
}

export default { rules: { 'front-door': frontDoor } }
